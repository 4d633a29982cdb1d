/**
 * A newcomer's findings on the web chat page, each checked where it was seen: in headless Chromium with the
 * official Web Chat against the app as `npm start` builds it (STORAGE=memory). Needs Chromium at /usr/bin/chromium.
 */
import { describe, expect, it } from 'vitest';
import { BOT_BUBBLE, SEND_BOX, USER_BUBBLE, webChatInBrowser } from '../support/webChatInBrowser';
import type { Page } from 'playwright-core';
import { shippedLibrary } from '../support/shippedContent';
import { t } from '../../dialogs';

const running = webChatInBrowser('findings');

/** Opens the page; collects console errors (Web Chat logs what it does not understand there). */
async function open(lang: 'nl' | 'en' = 'nl'): Promise<{ page: Page; consoleErrors: string[] }> {
  const page = await running.browser.newPage({ viewport: { width: 1280, height: 1800 }, locale: 'nl-NL' });
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.goto(lang === 'nl' ? running.app.url : `${running.app.url}?lang=en`);
  await page
    .locator(BOT_BUBBLE, { hasText: t('welcome', lang).slice(0, 40) })
    .first()
    .waitFor({ timeout: 20_000 });
  return { page, consoleErrors };
}

async function say(page: Page, text: string, expected: RegExp | string): Promise<string> {
  const input = page.locator(SEND_BOX);
  await input.fill(text);
  await input.press('Enter');
  await page.locator(USER_BUBBLE, { hasText: text }).last().waitFor({ timeout: 10_000 });
  const answer = page.locator(BOT_BUBBLE, { hasText: expected }).last();
  await answer.waitFor({ timeout: 20_000 });
  return answer.innerText();
}

const anger = /Boosheid \d+\/100/;

describe('the findings, in the browser', () => {
  it('/help shows its placeholders (<scenario>, <nummer>) instead of swallowing them as HTML', async () => {
    const { page } = await open();
    const help = await say(page, '/help', 'Zo werkt het oefenen');
    expect(help).toContain('/start <scenario> voor een bepaalde');
    expect(help).toContain('/vote <nummer>');
    await page.close();
  });

  it('"hallo, hoe werkt dit?" before a role-play gets a how-it-works, then the list', async () => {
    const { page } = await open();
    await say(page, 'hallo, hoe werkt dit?', t('howItWorks', 'nl').slice(0, 40));
    await page.close();
  });

  it('every customer gets a button; picking the last one moves the focus to the send box', async () => {
    const { page } = await open();
    const list = page.locator('.ac-adaptiveCard', { hasText: t('chooseScenario', 'nl') }).first();
    for (const persona of shippedLibrary.personas) {
      await expect(list.getByRole('button', { name: persona.title.nl, exact: true }).count()).resolves.toBe(1);
    }
    const last = shippedLibrary.personas.at(-1)!;
    await list.getByRole('button', { name: last.title.nl, exact: true }).click();
    await page.locator(BOT_BUBBLE, { hasText: anger }).first().waitFor({ timeout: 20_000 });
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-id')), { timeout: 5_000 })
      .toBe('webchat-sendbox-input');
    await page.close();
  });

  it('/lang en switches the page itself: heading, language link, html lang and address follow', async () => {
    const { page } = await open();
    await say(page, '/lang en', t('languageSet', 'en').slice(0, 30));
    await expect.poll(() => page.locator('h1').innerText(), { timeout: 10_000 }).toBe('De-escalation practice');
    await expect(page.getAttribute('html', 'lang')).resolves.toBe('en');
    await expect(page.getByRole('link', { name: 'Nederlands' }).count()).resolves.toBe(1);
    await expect(page.getByRole('button', { name: 'Forget me' }).count()).resolves.toBe(1);
    expect(page.url()).toMatch(/lang=en/);
    await page.close();
  });

  it('/progress names the scenario and keeps its lines apart; the debrief folds open without an unknown action', async () => {
    const { page, consoleErrors } = await open();
    await say(page, '/start energy-bill', anger);
    await say(page, 'Ik begrijp dat u boos bent over de rekening. Wat is er precies gebeurd?', anger);
    await say(page, '/stop', t('feedbackIntro', 'nl'));
    const card = page.locator('.ac-adaptiveCard', { hasText: 'Afronden met afspraken' }).last();
    await card.waitFor({ timeout: 20_000 });
    const folds = card.locator('button[aria-expanded]');
    expect(await folds.count()).toBeGreaterThanOrEqual(5);
    const fold = folds.first();
    await expect(fold.getAttribute('aria-expanded')).resolves.toBe('false');
    await fold.click();
    await expect(fold.getAttribute('aria-expanded')).resolves.toBe('true');
    await fold.click();
    await expect(fold.getAttribute('aria-expanded')).resolves.toBe('false');
    expect(consoleErrors.filter((e) => /unknown action/i.test(e))).toEqual([]);

    await say(page, '/progress', 'Uw laatste oefeningen');
    const progress = page.locator(BOT_BUBBLE, { hasText: 'Uw laatste oefeningen' }).last();
    const title = shippedLibrary.personas.find((p) => p.id === 'energy-bill')!.title.nl;
    await expect(progress.innerText()).resolves.toContain(title);
    await expect(progress.innerText()).resolves.not.toContain('energy-bill');
    // Trend and techniques are paragraphs of their own, not one run-on line.
    expect(await progress.locator('p').count()).toBeGreaterThanOrEqual(2);
    await page.close();
  }, 90_000);
});

/**
 * End to end in a real browser: the app as `npm start` builds it (STORAGE=memory), the web chat page, the
 * official Web Chat bundle, the embedded Direct Line and the bot. Needs Chromium at /usr/bin/chromium; the test
 * FAILS (never skips) without it. Screenshots go to test-artifacts/ (gitignored).
 */
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { BOT_BUBBLE, SEND_BOX, USER_BUBBLE, webChatInBrowser } from '../support/webChatInBrowser';
import { ARTIFACTS } from '../support/chromium';
import type { Page } from 'playwright-core';
import { t } from '../../dialogs';

const running = webChatInBrowser('browser');

async function openAndTalk(lang: 'nl' | 'en'): Promise<Page> {
  const page = await running.browser.newPage({
    viewport: { width: 1280, height: 860 },
    locale: lang === 'nl' ? 'nl-NL' : 'en-US',
  });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));

  await page.goto(lang === 'nl' ? running.app.url : `${running.app.url}?lang=en`);
  expect(await page.getAttribute('html', 'lang')).toBe(lang);
  await expect(page.locator('h1').innerText()).resolves.toBe(
    lang === 'nl' ? 'Oefenen met de-escalatie' : 'De-escalation practice',
  );

  // The bot greets on the page's webchat/join event, in the page's language, without the trainee typing anything.
  const welcome = t('welcome', lang).slice(0, 40);
  await page.locator(BOT_BUBBLE, { hasText: welcome }).first().waitFor({ timeout: 20_000 });

  // A customer line: the persona's words with the anger meter under them ("Boosheid 93/100" / "Anger 68/100").
  const customerLines = page.locator(BOT_BUBBLE, { hasText: new RegExp(`${t('angerLine', lang)} \\d+/100`) });

  // The trainee types in Web Chat's send box and presses Enter: /start gives the briefing and the first customer line.
  const input = page.locator(SEND_BOX);
  await input.fill('/start');
  await input.press('Enter');
  await page.locator(USER_BUBBLE, { hasText: '/start' }).waitFor({ timeout: 10_000 });
  await customerLines.first().waitFor({ timeout: 20_000 });
  const before = await customerLines.count();

  // A de-escalating reply; the customer answers with a new line.
  const reply =
    lang === 'nl'
      ? 'Ik begrijp dat u boos bent. Wat is er precies gebeurd?'
      : 'I understand you are upset. What exactly happened?';
  await input.fill(reply);
  await input.press('Enter');
  await page.locator(USER_BUBBLE, { hasText: reply }).waitFor({ timeout: 10_000 });
  await expect
    .poll(() => customerLines.count(), { timeout: 20_000, message: 'the customer answers the reply' })
    .toBeGreaterThan(before);
  // Let Web Chat settle (scroll, fonts) before the screenshot.
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(ARTIFACTS, `webchat-${lang}.png`) });

  // /stop ends the role-play: the debrief arrives as an Adaptive Card with the score and the anger chart.
  await input.fill('/stop');
  await input.press('Enter');
  const intro = t('feedbackIntro', lang);
  await page.locator(BOT_BUBBLE, { hasText: intro }).first().waitFor({ timeout: 20_000 });
  const card = page
    .locator('.ac-adaptiveCard', { hasText: lang === 'nl' ? 'Afronden met afspraken' : 'Close with agreements' })
    .last();
  await card.waitFor({ timeout: 20_000 });
  await expect(card.innerText()).resolves.toMatch(lang === 'nl' ? /Emotie erkennen/ : /Acknowledge the emotion/);
  await expect(card.innerText()).resolves.toMatch(/\b\d{1,3}\b/);
  const chart = card.locator('img[src^="data:image/svg+xml"]');
  await expect(chart.count()).resolves.toBe(1);
  await expect
    .poll(() => chart.evaluate((img) => (img as HTMLImageElement).naturalWidth), { timeout: 10_000 })
    .toBeGreaterThan(0);
  await card.scrollIntoViewIfNeeded();
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(ARTIFACTS, `feedback-${lang}.png`) });
  // The whole card in one picture: a viewport tall enough that nothing scrolls under the page header.
  await page.setViewportSize({ width: 1280, height: 2600 });
  await page.waitForTimeout(300);
  await card.screenshot({ path: path.join(ARTIFACTS, `feedback-card-${lang}.png`) });

  expect(errors).toEqual([]);
  return page;
}

describe('web chat page in a real browser', () => {
  it('Dutch by default: greeting, /start gives a customer line, the customer answers a reply, /stop gives the debrief card', async () => {
    const page = await openAndTalk('nl');
    await page.close();
  });

  it('English with ?lang=en: greeting, /start gives a customer line, the customer answers a reply, /stop gives the debrief card', async () => {
    const page = await openAndTalk('en');
    await page.close();
  });
});

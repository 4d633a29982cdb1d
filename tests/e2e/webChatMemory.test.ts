/**
 * The web chat page in a real browser, over time: it streams (no requests while idle), it remembers the trainee
 * across a reload and a language switch (progress, /retry and /export of the earlier role-play), and "forget me"
 * deletes the trainee. The app as `npm start` builds it (STORAGE=memory); needs Chromium at /usr/bin/chromium.
 */
import { describe, expect, it } from 'vitest';
import { BOT_BUBBLE, SEND_BOX, USER_BUBBLE, webChatInBrowser } from '../support/webChatInBrowser';
import type { Page } from 'playwright-core';
import { t } from '../../dialogs';
import { TRAINEE_STORAGE_KEY } from '../../src/server/webChatClient';

const running = webChatInBrowser('web chat memory');

/** Types a line in Web Chat's send box and waits until the bot has answered it with `expected`. */
async function say(page: Page, text: string, expected: RegExp | string): Promise<void> {
  const input = page.locator(SEND_BOX);
  await input.fill(text);
  await input.press('Enter');
  await page.locator(USER_BUBBLE, { hasText: text }).last().waitFor({ timeout: 10_000 });
  await page.locator(BOT_BUBBLE, { hasText: expected }).last().waitFor({ timeout: 20_000 });
}

const traineeId = (page: Page) => page.evaluate((key) => window.localStorage.getItem(key), TRAINEE_STORAGE_KEY);

describe('the web chat page streams and remembers the trainee', () => {
  it('streams, and an idle page sends no requests', async () => {
    const page = await running.browser.newPage();
    await page.goto(running.app.url);
    await page
      .locator(BOT_BUBBLE, { hasText: t('welcome', 'nl').slice(0, 40) })
      .first()
      .waitFor({ timeout: 20_000 });
    await expect(page.getAttribute('#webchat', 'data-transport')).resolves.toBe('websocket');
    await page.waitForTimeout(1_000);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(`${request.method()} ${request.url()}`));
    await page.waitForTimeout(4_000);
    expect(requests).toEqual([]);
    await page.close();
  });

  it('polls when the stream cannot open', async () => {
    const page = await running.browser.newPage();
    // As behind a proxy that drops WebSocket upgrades: the streamUrl leads nowhere.
    await page.route('**/api/directline/token', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { streamUrl: string };
      await route.fulfill({
        response,
        json: { ...body, streamUrl: body.streamUrl.replace(/^ws:\/\/[^/]+/, 'ws://127.0.0.1:9') },
      });
    });
    await page.goto(running.app.url);
    await page
      .locator(BOT_BUBBLE, { hasText: t('welcome', 'nl').slice(0, 40) })
      .first()
      .waitFor({ timeout: 20_000 });
    await expect(page.getAttribute('#webchat', 'data-transport')).resolves.toBe('polling');
    await say(page, '/personas', /.+/);
    await page.close();
  });

  it('after a reload and a language switch, /progress, /retry and /export still have the earlier role-play; "forget me" starts afresh', async () => {
    const context = await running.browser.newContext({ locale: 'nl-NL' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(running.app.url);
    await page
      .locator(BOT_BUBBLE, { hasText: t('welcome', 'nl').slice(0, 40) })
      .first()
      .waitFor({ timeout: 20_000 });
    const id = await traineeId(page);
    expect(id).toMatch(/^t_[\w-]{22,}$/);

    const anger = new RegExp(`${t('angerLine', 'nl')} \\d+/100`);
    await say(page, '/start', anger);
    await say(page, 'Ik begrijp dat u boos bent. Wat is er precies gebeurd?', anger);
    await say(page, '/stop', t('feedbackIntro', 'nl'));
    await page.reload();
    await page.locator(SEND_BOX).waitFor({ timeout: 20_000 });
    expect(await traineeId(page)).toBe(id);
    await say(page, '/progress', 'Uw laatste oefeningen');
    await expect(page.locator(BOT_BUBBLE, { hasText: 'Uw laatste oefeningen' }).last().innerText()).resolves.toMatch(
      /· \d+\/100 ·/,
    );
    await say(page, '/export', 'Uw verslag en het hele gesprek');

    // A second role-play, left half-way; then the language link: same browser, same trainee, same conversation.
    await say(page, '/start', anger);
    await say(page, 'Vervelend voor u. Ik zoek het meteen voor u uit.', anger);
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(/lang=en/);
    await page.locator(SEND_BOX).waitFor({ timeout: 20_000 });
    expect(await traineeId(page)).toBe(id);
    const botLines = await page.locator(BOT_BUBBLE).count();
    const input = page.locator(SEND_BOX);
    await input.fill('/retry');
    await input.press('Enter');
    await expect.poll(() => page.locator(BOT_BUBBLE).count(), { timeout: 20_000 }).toBeGreaterThan(botLines);
    await page.waitForTimeout(500);
    const afterRetry = (await page.locator(BOT_BUBBLE).allInnerTexts()).slice(botLines).join('\n');
    expect(afterRetry).not.toContain(t('nothingToRetry', 'nl'));
    expect(afterRetry).not.toContain(t('nothingToRetry', 'en'));
    expect(afterRetry).not.toContain(t('notInRolePlay', 'nl'));
    expect(afterRetry).not.toContain(t('notInRolePlay', 'en'));
    await say(page, '/progress', /Uw laatste oefeningen|Your recent practice/);

    // Forget me: the id and the data behind it are gone; the page starts as a new trainee.
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Forget me' }).click();
    await page.waitForLoadState('load');
    await page
      .locator(BOT_BUBBLE, { hasText: t('welcome', 'en').slice(0, 40) })
      .first()
      .waitFor({ timeout: 20_000 });
    const newId = await traineeId(page);
    expect(newId).toMatch(/^t_/);
    expect(newId).not.toBe(id);
    // (Web Chat's markdown turns the apostrophe into a typographic one.)
    await say(page, '/progress', 'finished a role-play yet');
    expect(errors).toEqual([]);

    await context.close();

    // Whoever still had the old id finds nothing behind it: no progress, nothing to export.
    const stale = await running.browser.newContext({ locale: 'nl-NL' });
    await stale.addInitScript(([key, old]) => window.localStorage.setItem(key, old), [
      TRAINEE_STORAGE_KEY,
      id ?? '',
    ] as const);
    const old = await stale.newPage();
    await old.goto(running.app.url);
    await old
      .locator(BOT_BUBBLE, { hasText: t('welcome', 'nl').slice(0, 40) })
      .first()
      .waitFor({ timeout: 20_000 });
    expect(await traineeId(old)).toBe(id);
    await say(old, '/progress', t('progressEmpty', 'nl'));
    await say(old, '/export', t('nothingToExport', 'nl'));
    await stale.close();
  }, 120_000);
});

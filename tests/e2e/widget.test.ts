/**
 * The embeddable widget in a real browser: the demo intranet pages of examples/ served from other origins (second
 * and third loopback servers) with the bot at ALLOWED_ORIGINS = the second one. The allowed page plays a role-play
 * to the debrief in the widget and shows the iframe; the other page gets no token and no frame.
 */
import * as fs from 'fs';
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, type Page } from 'playwright-core';
import { ARTIFACTS, launchChromium } from '../support/chromium';
import { startApp, type RunningApp } from '../../src/index';
import { silentLogger } from '../../src/logging';
import { t } from '../../dialogs';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');
const BOT_BUBBLE = '.webchat__bubble:not(.webchat__bubble--from-user)';
const SEND_BOX = '[data-id="webchat-sendbox-input"]';

let app: RunningApp;
let botOrigin: string;
let allowedSite: Server;
let otherSite: Server;
let browser: Browser;

/** An "intranet" serving the example pages, with the bot's address put in. */
function intranet(): Promise<Server> {
  const site = createServer((req, res) => {
    const file = path.join(EXAMPLES, path.basename(req.url ?? '/'));
    if (!file.endsWith('.html') || !fs.existsSync(file)) {
      res.writeHead(404);
      return res.end();
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(fs.readFileSync(file, 'utf8').replaceAll('http://localhost:3978', botOrigin));
  });
  return new Promise((resolve) => site.listen(0, '127.0.0.1', () => resolve(site)));
}

const originOf = (site: Server) => `http://127.0.0.1:${(site.address() as AddressInfo).port}`;

beforeAll(async () => {
  allowedSite = await intranet();
  otherSite = await intranet();
  app = await startApp(
    { env: { PORT: '0', HOST: '127.0.0.1', STORAGE: 'memory', ALLOWED_ORIGINS: originOf(allowedSite) } },
    { log: silentLogger },
  );
  botOrigin = `http://127.0.0.1:${app.port}`;
  browser = await launchChromium('widget');
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  allowedSite?.close();
  otherSite?.close();
});

/** Opens the demo page and the chat panel; collects the token route's answers as the page saw them. */
async function openWidget(page: Page, site: Server): Promise<number[]> {
  const tokens: number[] = [];
  page.on('response', (response) => {
    if (response.url().endsWith('/api/directline/token')) tokens.push(response.status());
  });
  await page.goto(`${originOf(site)}/intranet.html`);
  const button = page.getByRole('button', { name: 'Oefenchat openen' });
  await expect(button.getAttribute('aria-expanded')).resolves.toBe('false');
  await button.click();
  await expect(button.getAttribute('aria-expanded')).resolves.toBe('true');
  return tokens;
}

describe('the chat widget on an intranet page', () => {
  it('on an allowed site: the button opens Web Chat, data-persona starts that customer, and the role-play reaches the debrief', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const tokens = await openWidget(page, allowedSite);
    const panel = page.getByRole('dialog', { name: 'Oefenen met de-escalatie' });
    await expect
      .poll(() => panel.locator('#practice-chat').getAttribute('data-transport'), { timeout: 20_000 })
      .toBe('websocket');
    expect(tokens).toEqual([200]);

    const anger = new RegExp(`${t('angerLine', 'nl')} \\d+/100`);
    const customerLines = panel.locator(BOT_BUBBLE, { hasText: anger });
    // data-persona="energy-bill": the widget starts that customer itself.
    await customerLines.first().waitFor({ timeout: 20_000 });
    const before = await customerLines.count();
    const input = panel.locator(SEND_BOX);
    await input.fill('Ik begrijp dat u boos bent over de rekening. Wat is er precies gebeurd?');
    await input.press('Enter');
    await expect.poll(() => customerLines.count(), { timeout: 20_000 }).toBeGreaterThan(before);
    await input.fill('/stop');
    await input.press('Enter');
    await panel
      .locator(BOT_BUBBLE, { hasText: t('feedbackIntro', 'nl') })
      .first()
      .waitFor({ timeout: 20_000 });
    await panel.locator('.ac-adaptiveCard', { hasText: 'Afronden met afspraken' }).last().waitFor({ timeout: 20_000 });
    await page.screenshot({ path: path.join(ARTIFACTS, 'widget-nl.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('on a site that is not allowed: the token route refuses, the panel says the chat could not start', async () => {
    const page = await browser.newPage({ locale: 'nl-NL' });
    const tokens = await openWidget(page, otherSite);
    const panel = page.getByRole('dialog', { name: 'Oefenen met de-escalatie' });
    await panel.getByText('De chat kon niet starten').waitFor({ timeout: 10_000 });
    await expect(panel.locator(BOT_BUBBLE).count()).resolves.toBe(0);
    // The browser's preflight was refused, so the token request itself was never sent.
    expect(tokens.filter((status) => status === 200)).toEqual([]);
    // The same requests straight from node, as that site: the preflight and the POST are refused, no token.
    const preflight = await fetch(`${botOrigin}/api/directline/token`, {
      method: 'OPTIONS',
      headers: { Origin: originOf(otherSite), 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const res = await fetch(`${botOrigin}/api/directline/token`, {
      method: 'POST',
      headers: { Origin: originOf(otherSite) },
    });
    expect(res.status).toBe(403);
    expect(await res.text()).not.toMatch(/token"/);
    // The allowed site's preflight passes, with CORS headers for it alone.
    const allowed = await fetch(`${botOrigin}/api/directline/token`, {
      method: 'OPTIONS',
      headers: { Origin: originOf(allowedSite), 'Access-Control-Request-Method': 'POST' },
    });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(originOf(allowedSite));
    await page.close();
  });

  it('the iframe option: framed on the allowed site, refused (frame-ancestors) on the other', async () => {
    const page = await browser.newPage({ locale: 'en-US' });
    await page.goto(`${originOf(allowedSite)}/intranet-iframe.html`);
    const frame = page.frameLocator('iframe');
    await frame
      .locator(BOT_BUBBLE, { hasText: new RegExp(`${t('angerLine', 'en')} \\d+/100`) })
      .first()
      .waitFor({ timeout: 20_000 });
    await expect(frame.getByRole('button', { name: 'Forget me' }).count()).resolves.toBe(1);

    await page.goto(`${originOf(otherSite)}/intranet-iframe.html`);
    await page.waitForTimeout(1_500);
    const framed = page.frames().find((f) => f !== page.mainFrame());
    expect(
      await framed
        ?.locator('#webchat')
        .count()
        .catch(() => 0),
    ).toBe(0);
    await page.close();
  });
});

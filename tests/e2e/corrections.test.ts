/**
 * A correction marked in Web Chat in a real browser: finish a short role-play, open the debrief's judged turns,
 * mark a turn misjudged with the right technique, send it, and `npm run corrections -- export` shows it, read from
 * the file storage the bot wrote (KEEP_TRANSCRIPTS=true). Needs Chromium at /usr/bin/chromium (fails without it).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser } from 'playwright-core';
import { ARTIFACTS, launchChromium } from '../support/chromium';
import { startApp, type RunningApp } from '../../src/index';
import { silentLogger } from '../../src/logging';

const BOT_BUBBLE = '.webchat__bubble:not(.webchat__bubble--from-user)';
const USER_BUBBLE = '.webchat__bubble.webchat__bubble--from-user';
const SEND_BOX = '[data-id="webchat-sendbox-input"]';

const root = path.resolve(__dirname, '..', '..');
const cli = path.join(root, 'dist', 'src', 'cli', 'corrections.js');

let app: RunningApp;
let browser: Browser;
let dataDir: string;

beforeAll(async () => {
  if (!fs.existsSync(cli)) spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8' });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'corrections-e2e-'));
  const env = { PORT: '0', HOST: '127.0.0.1', STORAGE: 'file', DATA_DIR: dataDir, KEEP_TRANSCRIPTS: 'true' };
  app = await startApp({ env }, { log: silentLogger });
  browser = await launchChromium('corrections');
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('corrections in web chat, in a real browser', () => {
  it('marks a judged turn misjudged in the debrief card, and the export shows it', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 2400 }, locale: 'nl-NL' });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(app.url);
    await page.locator(BOT_BUBBLE, { hasText: 'Welkom bij de oefenbalie' }).first().waitFor({ timeout: 20_000 });

    const input = page.locator(SEND_BOX);
    const send = async (text: string) => {
      await input.fill(text);
      await input.press('Enter');
      await page.locator(USER_BUBBLE, { hasText: text }).first().waitFor({ timeout: 10_000 });
    };
    const customerLines = page.locator(BOT_BUBBLE, { hasText: /Boosheid \d+\/100/ });
    await send('/start municipal-benefits');
    await customerLines.first().waitFor({ timeout: 20_000 });
    const before = await customerLines.count();
    await send('Ik noteer even: uw uitkering is niet overgemaakt.');
    await expect.poll(() => customerLines.count(), { timeout: 20_000 }).toBeGreaterThan(before);
    await send('/stop');

    // The debrief card: open "Beoordeling per beurt", then the "Verkeerd beoordeeld?" form.
    const card = page.locator('.ac-adaptiveCard', { hasText: 'Beoordeling per beurt' }).last();
    await card.waitFor({ timeout: 20_000 });
    await card.getByText('Beoordeling per beurt', { exact: true }).click();
    await card.getByText('Waarom? (beurt 1)').waitFor({ timeout: 5_000 });
    await card.getByRole('button', { name: 'Verkeerd beoordeeld?' }).click();
    await card.getByRole('checkbox', { name: 'samenvatten' }).check();
    await card.getByRole('textbox', { name: /Toelichting/ }).fill('een samenvatting met "ik noteer even"');
    await page.screenshot({ path: path.join(ARTIFACTS, 'corrections-form-nl.png') });
    await card.getByRole('button', { name: 'Correctie versturen' }).click();
    await page
      .locator(BOT_BUBBLE, { hasText: 'De correctie van beurt 1 is bewaard: samenvatten' })
      .waitFor({ timeout: 20_000 });
    expect(errors).toEqual([]);
    await page.close();

    const exported = spawnSync(process.execPath, [cli, 'export'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, STORAGE: 'file', DATA_DIR: dataDir },
    });
    expect(exported.stderr).toBe('');
    const rows = exported.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rows).toEqual([
      expect.objectContaining({
        lang: 'nl',
        text: 'Ik noteer even: uw uitkering is niet overgemaakt.',
        labels: ['summarize'],
        note: 'een samenvatting met "ik noteer even"',
        setting: 'municipality',
        // The embedded Direct Line's channel id.
        source: 'correction:directline',
      }),
    ]);
  });
});

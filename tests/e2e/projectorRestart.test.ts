/**
 * The projector across a bot restart, with the real app on file storage (the default): the trainer starts a vote
 * demo over the embedded Direct Line, the room gets two proposals and a vote, the projector is open in Chromium;
 * then the bot stops and starts again on the same data folder and port. Without any chat message the projector
 * shows the same room again (phase, proposals, "n of m voted") and its join code, which the restarted bot still
 * knows. Needs Chromium at /usr/bin/chromium; the test FAILS (never skips) without it.
 */
import { mkdtempSync, rmSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/index';
import { silentLogger } from '../../src/logging';
import { launchChromium } from '../support/chromium';

interface Seen {
  id?: string;
  text?: string;
  replyToId?: string;
  from?: { role?: string };
}

let dataDir: string;
let browser: Browser;
let app: RunningApp | undefined;

const start = (port: number) =>
  startApp(
    { env: { PORT: String(port), HOST: '127.0.0.1', STORAGE: 'file', DATA_DIR: dataDir, PROJECTOR: 'true' } },
    { log: silentLogger },
  );

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'projector-restart-'));
  browser = await launchChromium('projector-restart');
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A chat on the embedded Direct Line, over its plain HTTP API. */
async function openChat(base: string) {
  const domain = `${base}v3/directline`;
  const { token } = (await (await fetch(`${domain}/tokens/generate`, { method: 'POST' })).json()) as { token: string };
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  const { conversationId } = (await (await fetch(`${domain}/conversations`, { method: 'POST', headers })).json()) as {
    conversationId: string;
  };
  const activities = `${domain}/conversations/${conversationId}/activities`;
  /** Sends a message and returns the bot's replies to it, joined. */
  return async (from: string, text: string): Promise<string> => {
    const { id } = (await (
      await fetch(activities, {
        method: 'POST',
        headers,
        body: JSON.stringify({ type: 'message', from: { id: from, name: from, role: 'user' }, text, locale: 'nl-NL' }),
      })
    ).json()) as { id: string };
    const deadline = Date.now() + 15_000;
    for (;;) {
      const seen = ((await (await fetch(activities, { headers })).json()) as { activities: Seen[] }).activities;
      const replies = seen.filter((a) => a.replyToId === id && a.from?.role === 'bot');
      if (replies.length > 0) return replies.map((a) => a.text ?? '').join('\n');
      if (Date.now() > deadline) throw new Error(`no reply to "${text}"`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
}

describe('the projector after a bot restart', () => {
  it('shows the room and its join code again right after the restart, without a chat message', async () => {
    app = await start(0);
    const say = await openChat(app.url);
    const started = await say('trainer', '/demo municipal-benefits vote');
    const projector = /(http\S+\/demo\/[\w-]{22})/.exec(started)?.[1];
    const code = /\?join=(\w+)/.exec(started)?.[1];
    expect(projector, started).toBeDefined();
    expect(code, started).toBeDefined();
    await say('anna', 'Ik zie dat u hier echt van baalt.');
    await say('bram', 'Dat zijn nu eenmaal de regels.');
    await say('chen', '/vote 1');

    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(projector!);
    await expect.poll(() => page.getAttribute('body', 'data-live')).toBe('true');
    await expect.poll(() => page.locator('#proposals > li').count()).toBe(2);
    const shown = async () => ({
      phase: await page.locator('#phase').innerText(),
      voted: await page.locator('#voted').innerText(),
      proposals: await page.locator('#proposals > li').allInnerTexts(),
      anger: await page.locator('#anger').innerText(),
      code: await page.locator('#join-code').innerText(),
    });
    const before = await shown();
    expect(before.code).toBe(code);
    expect(before.proposals[0]).toMatch(/1 stem\b/);

    // Restart: the process's memory (hub, join codes) is gone; the data folder is not.
    const port = app.port;
    await app.close();
    app = undefined;
    await expect
      .poll(() => page.locator('#status-text').innerText(), { timeout: 10_000 })
      .toBe('Verbinding kwijt, opnieuw verbinden…');
    app = await start(port);

    // The page's own retry (3 s) is the only thing that happens: no message in the chat.
    await expect.poll(() => page.getAttribute('body', 'data-live'), { timeout: 10_000 }).toBe('true');
    expect(await shown()).toEqual(before);
    await page.reload();
    await expect.poll(() => page.locator('#proposals > li').count()).toBe(2);
    expect(await page.locator('#join-code').innerText()).toBe(code);
    await page.close();
  });
});

/**
 * Web chat conversations survive a crash (issue 20, finding 2): the real bot (`node dist/src/index.js`, embedded
 * Direct Line, STORAGE=file) holds a role-play with a page, is killed with SIGKILL and started again on the same
 * data folder; the page goes on with the same token: its stream reconnects with its watermark, a poll finds
 * nothing lost and nothing twice, and the role-play answers the next message.
 */
import { mkdtempSync, rmSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeConnections, WebChatPage, type PageActivity } from '../../scripts/harness/directLineClient';
import { freePort, startBotProcess, type BotProcess } from '../../scripts/harness/botProcess';

const running: BotProcess[] = [];
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'dl-restart-'));
afterAll(async () => {
  await Promise.all(running.map((bot) => bot.stop('SIGKILL')));
  closeConnections();
  rmSync(dataDir, { recursive: true, force: true });
});

const anger = (activity: PageActivity) => (activity.channelData as { anger?: unknown } | undefined)?.anger;
const fromBot = (activity: PageActivity) => activity.from?.role === 'bot';

describe('the embedded Direct Line after kill -9', () => {
  it('the same token continues the conversation: stream, poll, watermark and role-play', async () => {
    const port = await freePort();
    const env = { STORAGE: 'file', DATA_DIR: dataDir, EMBEDDED_DIRECTLINE: 'true', PORT: String(port) };
    const start = async () => {
      // The machine may be busy (a shared CI runner): give the start time.
      const bot = await startBotProcess(env, { timeoutMs: 60_000 });
      running.push(bot);
      return bot;
    };

    const first = await start();
    const page = await WebChatPage.open(first.baseUrl);
    page.connect();
    expect((await page.post({ type: 'event', name: 'webchat/join', value: { lang: 'nl' } })).id).toBeDefined();
    await page.waitFor((a) => fromBot(a) && a.type === 'message');
    const opening = await page.post({ type: 'message', text: '/start municipal-benefits' });
    await page.waitFor((a) => fromBot(a) && a.replyToId === opening.id && anger(a) !== undefined);
    const answered = await page.post({ type: 'message', text: 'Ik zie dat u hier echt van baalt, dat snap ik.' });
    await page.waitFor((a) => fromBot(a) && a.replyToId === answered.id);
    const before = await page.everything();
    const watermark = page.watermark;
    expect(page.streamsOpened).toBe(1);

    await first.stop('SIGKILL');
    await start();

    // The stream comes back on its own (the page asks for a new stream URL with its watermark).
    await expect.poll(() => page.streamsOpened, { timeout: 20_000 }).toBe(2);
    expect(page.lost).toBeUndefined();
    expect(page.watermark).toBe(watermark);
    // Polling from the watermark: nothing new, nothing twice; the whole log is what it was.
    expect(await page.poll()).toEqual([]);
    expect(await page.everything()).toEqual(before);

    // The role-play goes on; the reply comes over the new stream, after the old watermark.
    const next = await page.post({ type: 'message', text: 'Ik ga kijken wat ik voor u kan doen.' });
    expect(next.id).toBeDefined();
    const reply = await page.waitFor((a) => fromBot(a) && a.replyToId === next.id);
    expect(anger(reply)).toBeDefined();
    expect(Number(page.watermark)).toBeGreaterThan(Number(watermark));
    const after = await page.everything();
    expect(after.slice(0, before.length)).toEqual(before);
    expect(new Set(after.map((a) => a.id)).size).toBe(after.length);
    page.close();
  }, 180_000);
});

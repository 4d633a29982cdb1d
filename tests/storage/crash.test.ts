/**
 * Crash under load (issue 21): the bot (`node dist/src/index.js`, STORAGE=file) serves many conversations at
 * once, is killed with SIGKILL in the middle of it, and is started again on the same data folder. Every turn
 * whose POST was answered (the adapter answers after the turn is saved and its replies delivered) must be in
 * the saved conversation; no item file may be torn; and every conversation goes on with the new process.
 * Bounded: 16 conversations, at most 10 turns each, loopback only.
 */
import { randomUUID } from 'crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FileStorage } from '../../src/storage/fileStorage';
import { startBotProcess, startReplySink, type BotProcess, type ReplySink } from '../../scripts/harness/botProcess';

const CONVERSATIONS = 16;
const MAX_TURNS = 10;
/** The kill comes once this many turns were answered, with the others still in flight. */
const KILL_AFTER_ANSWERED = 48;

let sink: ReplySink;
let dataDir: string;
const running: BotProcess[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'crash-'));
  sink = await startReplySink();
});

afterAll(async () => {
  await Promise.all(running.map((bot) => bot.stop('SIGKILL')));
  await sink?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A trainee line that can be found again in the saved conversation. */
const line = (conversation: number, turn: number) =>
  `Wat is er precies gebeurd? Vraag ${turn} in gesprek ${conversation}.`;

it('kill -9 during a load run loses no answered turn and tears no file', { timeout: 180_000 }, async () => {
  const env = { STORAGE: 'file', DATA_DIR: dataDir };
  const first = await startBotProcess(env, { timeoutMs: 60_000 });
  running.push(first);
  const ids = Array.from({ length: CONVERSATIONS }, () => `crash-${randomUUID()}`);
  const answered: number[] = ids.map(() => 0);
  let answeredInAll = 0;
  let killed: Promise<void> | undefined;

  const post = (bot: BotProcess, conversation: string, text: string) =>
    fetch(`${bot.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(sink.message(conversation, text, `user-${conversation}`)),
    });

  await Promise.all(
    ids.map(async (conversation, c) => {
      try {
        const started = await post(first, conversation, '/start municipal-benefits');
        if (started.status !== 200) return;
        for (let turn = 1; turn <= MAX_TURNS; turn++) {
          const response = await post(first, conversation, line(c, turn));
          if (response.status !== 200) return;
          answered[c] = turn;
          if (++answeredInAll === KILL_AFTER_ANSWERED) killed = first.stop('SIGKILL');
        }
      } catch {
        // The connection died with the process: that turn was never answered.
      }
    }),
  );
  await killed;
  expect(answeredInAll, 'the kill came before every conversation had finished').toBeLessThan(CONVERSATIONS * MAX_TURNS);

  // No torn file: every item file the crash left is whole JSON.
  for (const name of readdirSync(dataDir).filter((n) => n.endsWith('.json')))
    expect(() => JSON.parse(readFileSync(path.join(dataDir, name), 'utf8')) as unknown, name).not.toThrow();

  // A new process on the same folder: every answered turn is there, and each conversation goes on.
  const second = await startBotProcess(env, { timeoutMs: 60_000 });
  running.push(second);
  const keys = ids.map((id) => `emulator/conversations/${id}/`);
  const saved = await new FileStorage(dataDir, { shared: false }).read(keys);
  const lost = ids.flatMap((_, c) =>
    Array.from({ length: answered[c] }, (_, i) => line(c, i + 1)).filter(
      (text) => !JSON.stringify(saved[keys[c]] ?? {}).includes(text),
    ),
  );
  expect(lost).toEqual([]);
  for (const [c, conversation] of ids.entries()) {
    if (answered[c] === 0) continue;
    const reply = await second.send(sink, sink.message(conversation, line(c, 99), `user-${conversation}`));
    const anger = reply.map((r) => (r.channelData as { anger?: unknown } | undefined)?.anger);
    expect(
      anger.some((a) => typeof a === 'number'),
      `conversation ${c} goes on`,
    ).toBe(true);
  }
  await second.stop();
});

/**
 * `npm run bench:storage`: turns per second and turn latency (p50, p99) at 50 concurrent conversations, for
 * the memory, file and blob (azurite, started here on loopback) stores, in one run.
 *
 * Three ways of taking a turn, each on every store:
 * - `saveChanges`: what botbuilder does by default: ConversationState.load → change the session → saveChanges
 *   (one read, one write with eTag '*').
 * - `retry`: the same turn through runTurnWithRetry (fresh read, eTag-checked write: one read, one write).
 * - `bot`: the real bot (`node dist/src/index.js`, one process per store) over POST /api/messages, replies to a
 *   loopback sink: a role-play turn including classification, dialogs and HTTP. Skip with `--no-bot`.
 *
 * Options: --conversations N (50), --turns N (20 per conversation; 10 for `bot`), --no-bot.
 */
import { randomUUID } from 'crypto';
import { mkdtempSync, rmSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { ConversationState, TestAdapter, TurnContext, type Activity, type Storage } from 'botbuilder';
import { createStorage, runTurnWithRetry, type StorageSettings } from '../src/storage';
import { startAzurite } from './harness/azurite';
import { startBotProcess, startReplySink, type ReplySink } from './harness/botProcess';
import { numberArg, percentile } from './harness/benchArgs';

interface Result {
  store: string;
  mode: string;
  conversations: number;
  turns: number;
  seconds: number;
  latencies: number[];
  errors: number;
}

/** A session-sized state: ~2 KB that grows by one turn record per turn, like a role-play's. */
function addTurn(session: { turns: unknown[] }, n: number): void {
  session.turns.push({
    index: n,
    traineeText: `Ik begrijp dat dit vervelend is (${n}).`,
    angerBefore: 60,
    angerAfter: 55,
    labels: ['acknowledge_emotion'],
    atMs: n * 15_000,
  });
}

/** Runs `turns` turns in each of `conversations` conversations at once; each conversation's turns in sequence. */
async function loop(
  conversations: number,
  turns: number,
  turn: (conversation: number, n: number) => Promise<void>,
): Promise<{ seconds: number; latencies: number[]; errors: number }> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: conversations }, async (_, c) => {
      for (let n = 0; n < turns; n++) {
        const t0 = performance.now();
        try {
          await turn(c, n);
          latencies.push(performance.now() - t0);
        } catch {
          errors++;
        }
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, latencies, errors };
}

async function benchState(
  store: string,
  storage: Storage,
  mode: 'saveChanges' | 'retry',
  conversations: number,
  turns: number,
): Promise<Result> {
  const state = new ConversationState(storage);
  const session = state.createProperty<{ turns: unknown[] }>('session');
  const adapter = new TestAdapter();
  const run = randomUUID().slice(0, 8);
  const activity = (c: number): Partial<Activity> => ({
    type: 'message',
    id: randomUUID(),
    channelId: 'bench',
    conversation: { id: `${run}-${c}` } as Activity['conversation'],
    from: { id: `user-${c}`, name: 'Trainee' },
    recipient: { id: 'bot', name: 'Bot' },
  });
  const logic = async (context: TurnContext, n: number) => {
    const s = await session.get(context, { turns: [] });
    addTurn(s, n);
    await session.set(context, s);
  };
  const measured = await loop(conversations, turns, async (c, n) => {
    const context = new TurnContext(adapter, activity(c));
    if (mode === 'retry') {
      await runTurnWithRetry(context, { storage, states: [state] }, (ctx) => logic(ctx, n));
    } else {
      await logic(context, n);
      await state.saveChanges(context);
    }
  });
  return { store, mode, conversations, turns: conversations * turns, ...measured };
}

async function benchBot(
  store: string,
  env: Record<string, string>,
  sink: ReplySink,
  conversations: number,
  turns: number,
): Promise<Result> {
  const bot = await startBotProcess(env);
  try {
    const run = randomUUID().slice(0, 8);
    await Promise.all(
      Array.from({ length: conversations }, async (_, c) => {
        const id = `${run}-${c}`;
        await bot.send(sink, sink.joined(id, `user-${c}`));
        await bot.send(sink, sink.message(id, '/start municipal-benefits', `user-${c}`));
      }),
    );
    const measured = await loop(conversations, turns, async (c, n) => {
      const replies = await bot.send(
        sink,
        sink.message(`${run}-${c}`, `Ik noteer het even, moment alstublieft (${n}).`, `user-${c}`),
      );
      if (replies.length === 0) throw new Error('no reply');
    });
    return { store, mode: 'bot /api/messages', conversations, turns: conversations * turns, ...measured };
  } finally {
    await bot.stop();
  }
}

function print(results: Result[]): void {
  const rows = results.map((r) => {
    const sorted = [...r.latencies].sort((a, b) => a - b);
    return [
      r.store,
      r.mode,
      String(r.conversations),
      String(r.turns),
      (r.latencies.length / r.seconds).toFixed(0),
      percentile(sorted, 50).toFixed(1),
      percentile(sorted, 99).toFixed(1),
      String(r.errors),
    ];
  });
  const head = ['store', 'turn', 'conversations', 'turns', 'turns/s', 'p50 ms', 'p99 ms', 'errors'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  console.log(line(head));
  for (const row of rows) console.log(line(row));
}

async function main(): Promise<void> {
  const conversations = numberArg('conversations', 50);
  const turns = numberArg('turns', 20);
  const botTurns = numberArg('bot-turns', 10);
  const withBot = !process.argv.includes('--no-bot');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-storage-'));
  const azurite = await startAzurite();
  const sink = withBot ? await startReplySink() : undefined;
  const container = `bench-${randomUUID().slice(0, 8)}`;
  const settings = (kind: StorageSettings['kind'], dir = dataDir): StorageSettings => ({
    kind,
    dataDir: dir,
    blob: { connectionString: azurite.connectionString, container },
    cosmos: { database: '', container: '' },
  });
  const results: Result[] = [];
  try {
    console.log(
      `node ${process.version}, ${os.cpus().length} cores; ${conversations} concurrent conversations; azurite on 127.0.0.1:${azurite.port} (in memory)\n`,
    );
    for (const kind of ['memory', 'file', 'blob'] as const) {
      for (const mode of ['saveChanges', 'retry'] as const) {
        const storage = createStorage(settings(kind, path.join(dataDir, `${kind}-${mode}`)));
        results.push(await benchState(kind, storage, mode, conversations, turns));
      }
    }
    if (withBot && sink) {
      results.push(await benchBot('memory', { STORAGE: 'memory' }, sink, conversations, botTurns));
      results.push(
        await benchBot('file', { STORAGE: 'file', DATA_DIR: path.join(dataDir, 'bot') }, sink, conversations, botTurns),
      );
      results.push(
        await benchBot(
          'blob',
          { STORAGE: 'blob', BLOB_CONNECTION_STRING: azurite.connectionString, BLOB_CONTAINER: `${container}-bot` },
          sink,
          conversations,
          botTurns,
        ),
      );
    }
    print(results);
  } finally {
    await sink?.close();
    await azurite.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

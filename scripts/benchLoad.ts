/**
 * Load, memory and cold-start benchmark for the practice bot, measured against the fair baseline: an echo bot
 * on the same stack that reads and writes ConversationState and UserState every turn. All on loopback and in
 * one run on this machine (`npm run bench:load`).
 *
 * 1. Turns per second and p50/p99 latency of POST /api/messages at 1, 10 and 50 concurrent conversations, for
 *    four processes: our bot (`node dist/src/index.js`, no credentials) and the stateful echo bot (the same
 *    createServer + CloudAdapter + TurnRunner transaction; a turn counter in conversation state and in user
 *    state, one line back), each with STORAGE=memory (botbuilder's MemoryStorage) and with STORAGE=file (our
 *    FileStorage, each process in its own temporary folder). Replies go to a reply sink (a tiny Bot Connector,
 *    own process); a POST returns after the bot's replies were delivered, so a turn is measured end to end.
 *    autocannon drives the load: one connection = one conversation, which starts a role-play and replies with
 *    a mix of trainee lines, then starts again. Printed with it: the ratios bot/echo (memory and file) and
 *    file/memory (bot and echo) against the issue's targets, failures, each process's CPU time per turn (all
 *    threads, and its main thread: the rest is mostly the garbage collector's helpers) and the replies per turn,
 *    and the same turns run in process without HTTP (what our turn costs above the echo's).
 * 2. Memory: resident memory of one process holding 10 000 open role-plays (bot driven directly).
 * 3. State: bytes stored per conversation (conversation + user state JSON) during an 8-turn role-play, and the
 *    per-user score history kept apart from it.
 * 4. Cold start: spawn of `node dist/src/index.js` to a healthy /healthz (median of 5), and `npm start` once.
 *
 * Options: --duration <s> per load phase (default 6), --roleplays <n> for the memory test (default 10000),
 * --concurrency <n> to measure one level only, --load-only to stop after the load figures.
 */
import { spawn, type ChildProcess } from 'child_process';
import { randomUUID } from 'crypto';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import * as fs from 'fs';
import {
  ActivityHandler,
  BotAdapter,
  ConversationState,
  MemoryStorage,
  TestAdapter,
  TurnContext,
  UserState,
  type Activity,
  type ResourceResponse,
  type Storage,
} from 'botbuilder';
import { CloudAdapter } from 'botbuilder';
import { loadConfig, repoRoot } from '../src/config';
import { PROGRESS_KEPT } from '../dialogs';
import { loadPersonaLibrary } from '../src/content';
import { silentLogger } from '../src/logging';
import { createBotAuthentication, createServer } from '../src/server';
import { FileStorage, TurnRunner } from '../src/storage';
import { numberArg } from './harness/benchArgs';
import { TRAINEE_LINES } from './harness/benchTraineeLines';
import { load, type LoadResult } from './harness/conversationLoad';
import { freePort, isolatedBotEnv } from './harness/botProcess';
import { cpuMsOf } from './harness/processCpu';
import { practiceBotOn } from './harness/inProcessBot';

const ROOT = repoRoot(__dirname);
const BOT_ENTRY = path.join(ROOT, 'dist', 'src', 'index.js');
const SELF = __filename;
const CONCURRENCY = [1, 10, 50];
type StoreKind = 'memory' | 'file';
const STORE_KINDS: StoreKind[] = ['memory', 'file'];
const SUBJECTS = ['echo-memory', 'bot-memory', 'echo-file', 'bot-file'] as const;
type SubjectName = (typeof SUBJECTS)[number];
/** One of the four processes under load. */
interface Subject {
  name: SubjectName;
  port: number;
  pid: number | undefined;
  stop: () => Promise<void>;
}
/** Issue 21: bot/stateful echo with STORAGE=memory, and the bot's STORAGE=file figure over its memory one. */
const TARGET_RATIO = 0.8;
const TARGET_FILE_RATIO = 0.8;
const TARGET_STATE_BYTES = 8 * 1024;
const TARGET_COLD_START_MS = 3000;

// ---------------------------------------------------------------------------------------------------------
// Child modes
// ---------------------------------------------------------------------------------------------------------

/** The reply sink: accepts what a bot sends to /v3/conversations/... and answers with an id. */
function runSink(): void {
  let n = 0;
  // The parent asks how many replies arrived so far, to report replies per turn.
  process.on('message', () => process.send?.({ replies: n }));
  const server = http.createServer((req, res) => {
    req.on('data', () => undefined);
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(`{"id":"r${++n}"}`);
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as net.AddressInfo).port }));
}

/**
 * The fair baseline: an echo bot on our stack (the same server, adapter and transactional state save) that
 * reads and writes conversation state and user state every turn, and answers with one line.
 */
class StatefulEchoBot extends ActivityHandler {
  private readonly turns: TurnRunner;

  constructor(storage: Storage, conversationState: ConversationState, userState: UserState) {
    super();
    this.turns = new TurnRunner({ storage, states: [conversationState, userState] });
    const conversationTurns = conversationState.createProperty<number>('turns');
    const userTurns = userState.createProperty<number>('turns');
    this.onMessage(async (context, next) => {
      const n = (await conversationTurns.get(context, 0)) + 1;
      await conversationTurns.set(context, n);
      await userTurns.set(context, (await userTurns.get(context, 0)) + 1);
      await context.sendActivity(`echo ${n}: ${context.activity.text ?? ''}`);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await this.turns.run(context, (ctx) => super.run(ctx));
  }
}

/** The store of a run: botbuilder's MemoryStorage, or our FileStorage in `dataDir`. */
function storageFor(kind: StoreKind, dataDir?: string): Storage {
  return kind === 'file' ? new FileStorage(dataDir!) : new MemoryStorage();
}

async function runEcho(kind: StoreKind, dataDir?: string): Promise<void> {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    STORAGE: 'memory',
    EMBEDDED_DIRECTLINE: 'false',
    PROJECTOR: 'false',
  });
  const adapter = new CloudAdapter(createBotAuthentication(config));
  const storage = storageFor(kind, dataDir);
  const bot = new StatefulEchoBot(storage, new ConversationState(storage), new UserState(storage));
  const app = createServer({ config, log: silentLogger, adapter, bot, personasCount: () => 0 });
  const { port } = await app.listen(0, '127.0.0.1');
  process.send?.({ port });
}

/** 10 000 open role-plays in this process (the bot driven directly), then RSS and heap. */
async function runMemory(roleplays: number): Promise<void> {
  const personas = loadPersonaLibrary();
  const storage = new MemoryStorage();
  const { bot } = practiceBotOn(storage, { personas });
  const adapter = new TestAdapter(async (context) => bot.run(context));
  const send = async (conversation: string, user: string, text: string) => {
    await adapter.receiveActivity({
      type: 'message',
      id: randomUUID(),
      text,
      conversation: { id: conversation } as Activity['conversation'],
      from: { id: user, name: 'Trainee' },
      locale: 'nl-NL',
    });
    adapter.activeQueue.length = 0; // replies are not kept (a channel would have them)
  };
  // Warm up (code paths, caches), then the baseline.
  for (let i = 0; i < 50; i++)
    await send(`warm-${i}`, `warm-${i}`, `/start ${personas.personas[i % personas.personas.length].id}`);
  global.gc?.();
  const before = process.memoryUsage();
  const started = Date.now();
  for (let i = 0; i < roleplays; i++) {
    const conversation = `conv-${i}`;
    await send(conversation, `user-${i}`, `/start ${personas.personas[i % personas.personas.length].id}`);
    await send(conversation, `user-${i}`, TRAINEE_LINES[i % TRAINEE_LINES.length]);
  }
  const seconds = (Date.now() - started) / 1000;
  global.gc?.();
  const after = process.memoryUsage();
  const keys = Object.keys((storage as unknown as { memory: Record<string, string> }).memory).filter((k) =>
    k.includes('/conversations/conv-'),
  );
  const stored = (storage as unknown as { memory: Record<string, string> }).memory;
  const open = keys.filter((k) => stored[k].includes('"rolePlayDialog"')).length;

  // State per conversation during a typical 8-turn role-play, each persona once.
  const sizes: number[] = [];
  const progressSizes: number[] = [];
  const openAt8: boolean[] = [];
  const endedSizes: number[] = [];
  for (const persona of personas.personas) {
    const conversation = `state-${persona.id}`;
    const user = `state-user-${persona.id}`;
    await send(conversation, user, `/start ${persona.id}`);
    let peak = 0;
    for (const line of TRAINEE_LINES) {
      await send(conversation, user, line);
      const bytes =
        (stored[`test/conversations/${conversation}/`] ?? '').length + (stored[`test/users/${user}/`] ?? '').length;
      peak = Math.max(peak, bytes);
    }
    sizes.push(peak);
    progressSizes.push((stored[`test/users/${user}/progress`] ?? '').length);
    openAt8.push((stored[`test/conversations/${conversation}/`] ?? '').includes('"rolePlayDialog"'));
    // Once ended, the state keeps the role-play's record (what was judged and said) for /export and /why.
    await send(conversation, user, '/stop');
    endedSizes.push(
      (stored[`test/conversations/${conversation}/`] ?? '').length + (stored[`test/users/${user}/`] ?? '').length,
    );
  }
  process.send?.({
    roleplays,
    open,
    seconds,
    rssBefore: before.rss,
    rssAfter: after.rss,
    heapBefore: before.heapUsed,
    heapAfter: after.heapUsed,
    storeBytes: keys.reduce((sum, k) => sum + stored[k].length, 0),
    stateSizes: sizes,
    endedSizes,
    progressSizes,
    openAt8: openAt8.filter(Boolean).length,
  });
}

/**
 * The same turns without HTTP: each bot's `run` on a TurnContext whose adapter drops the replies, 20 conversations
 * round-robin, `/start` then the trainee lines. Isolates what a turn costs our code and botbuilder above the
 * echo bot's, which the end-to-end figures show only mixed with HTTP.
 */
async function runInProcess(kind: StoreKind): Promise<void> {
  const personas = loadPersonaLibrary();
  const dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-in-process-'));
  class DroppingAdapter extends BotAdapter {
    replies = 0;
    override sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
      this.replies += activities.length;
      return Promise.resolve(activities.map(() => ({ id: 'dropped' })));
    }
    override async updateActivity(): Promise<void> {}
    override async deleteActivity(): Promise<void> {}
    override async continueConversation(): Promise<void> {}
  }
  const ours = (): { run(context: TurnContext): Promise<void> } => {
    return practiceBotOn(storageFor(kind, path.join(dataRoot, randomUUID())), { personas }).bot;
  };
  const echo = () => {
    const storage = storageFor(kind, path.join(dataRoot, randomUUID()));
    return new StatefulEchoBot(storage, new ConversationState(storage), new UserState(storage));
  };
  let id = 0;
  // CPU microseconds per position in a conversation's round: 0 is `/start`, the last the line that (mostly) ends it.
  const cpuByPosition = new Array<number>(TRAINEE_LINES.length + 1).fill(0);
  const drive = async (bot: { run(context: TurnContext): Promise<void> }, adapter: DroppingAdapter, rounds: number) => {
    let turns = 0;
    cpuByPosition.fill(0);
    for (let round = 0; round < rounds; round++) {
      for (let c = 0; c < 20; c++) {
        for (const [position, text] of [
          `/start ${personas.personas[c % personas.personas.length].id}`,
          ...TRAINEE_LINES,
        ].entries()) {
          const activity = {
            type: 'message',
            id: String(++id),
            channelId: 'emulator',
            serviceUrl: 'http://127.0.0.1/',
            text,
            conversation: { id: `c${c}` },
            from: { id: `u${c}`, name: 'Trainee' },
            recipient: { id: 'bot', name: 'Bot' },
            locale: 'nl-NL',
          };
          const cpu = process.cpuUsage();
          await bot.run(new TurnContext(adapter, activity as Activity));
          const used = process.cpuUsage(cpu);
          cpuByPosition[position] += used.user + used.system;
          turns++;
        }
      }
    }
    return turns;
  };
  const result: Record<string, InProcessResult> = {};
  for (const [name, make] of [
    ['echo', echo],
    ['bot', ours],
  ] as const) {
    const bot = make();
    const adapter = new DroppingAdapter();
    await drive(bot, adapter, 10); // warm-up
    adapter.replies = 0;
    const started = process.hrtime.bigint();
    const turns = await drive(bot, adapter, 40);
    const conversations = turns / cpuByPosition.length;
    const cpuMs = cpuByPosition.map((us) => us / 1000 / conversations);
    result[name] = {
      msPerTurn: Number(process.hrtime.bigint() - started) / 1e6 / turns,
      cpuMsPerTurn: cpuMs.reduce((a, b) => a + b, 0) / cpuMs.length,
      cpuMsByKind: {
        start: cpuMs[0],
        line: cpuMs.slice(1, -1).reduce((a, b) => a + b, 0) / (cpuMs.length - 2),
        last: cpuMs[cpuMs.length - 1],
      },
      repliesPerTurn: adapter.replies / turns,
    };
  }
  fs.rmSync(dataRoot, { recursive: true, force: true });
  if (process.send) process.send(result);
  else console.log(JSON.stringify(result)); // run alone, e.g. under --cpu-prof
}

/** What the in-process phase reports per bot: wall and CPU time per turn, CPU by kind of turn, replies per turn. */
interface InProcessResult {
  msPerTurn: number;
  cpuMsPerTurn: number;
  /** `/start`, a line in the middle, and the last line (which ends most role-plays: the debrief). */
  cpuMsByKind: { start: number; line: number; last: number };
  repliesPerTurn: number;
}

// ---------------------------------------------------------------------------------------------------------
// The benchmark
// ---------------------------------------------------------------------------------------------------------

interface Child {
  process: ChildProcess;
  port: number;
  stop(): Promise<void>;
}

/** Runs this script in a child mode; resolves with the first message it sends. */
function forkSelf<T>(
  mode: string,
  extraArgs: string[] = [],
  execArgv: string[] = [],
): Promise<{ child: ChildProcess; message: T }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...execArgv, SELF, mode, ...extraArgs], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('message', (message) => resolve({ child, message: message as T }));
    child.once('exit', (code) => reject(new Error(`${mode} exited with ${code}`)));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 3000).unref();
  });
}

async function waitHealthy(port: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`no healthy /healthz on ${port} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Our bot as `npm start` runs it (after the build), on a free loopback port, with the given store. */
async function startOurBot(kind: StoreKind = 'memory', dataDir?: string): Promise<Child & { startMs: number }> {
  const port = await freePort();
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', BOT_ENTRY], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: botEnv(port, kind, dataDir),
  });
  await waitHealthy(port);
  const startMs = Number(process.hrtime.bigint() - started) / 1e6;
  return { process: child, port, startMs, stop: () => stopChild(child) };
}

function botEnv(port: number, kind: StoreKind = 'memory', dataDir?: string): NodeJS.ProcessEnv {
  return {
    ...isolatedBotEnv(),
    PORT: String(port),
    STORAGE: kind,
    ...(dataDir ? { DATA_DIR: dataDir } : {}),
    EMBEDDED_DIRECTLINE: 'false',
    KEEP_TRANSCRIPTS: 'false',
  };
}

/** A phase's figures, with the CPU of the process's main thread (JavaScript) apart from its other threads (GC, I/O). */
type MeasuredLoad = LoadResult & { mainThreadCpuMsPerTurn?: number };

function sinkReplies(sink: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    sink.once('message', (message) => resolve((message as { replies: number }).replies));
    sink.send('count');
  });
}

/** One load phase with the bot's CPU time and the replies the sink got. */
async function measuredLoad(
  pid: number | undefined,
  sink: ChildProcess,
  ...args: Parameters<typeof load>
): Promise<MeasuredLoad> {
  const [cpuBefore, mainBefore, repliesBefore] = [cpuMsOf(pid), cpuMsOf(pid, true), await sinkReplies(sink)];
  const result = await load(...args);
  const [cpuAfter, mainAfter, repliesAfter] = [cpuMsOf(pid), cpuMsOf(pid, true), await sinkReplies(sink)];
  const turns = Math.max(1, result.turns);
  return {
    ...result,
    ...(cpuBefore !== undefined && cpuAfter !== undefined ? { cpuMsPerTurn: (cpuAfter - cpuBefore) / turns } : {}),
    ...(mainBefore !== undefined && mainAfter !== undefined
      ? { mainThreadCpuMsPerTurn: (mainAfter - mainBefore) / turns }
      : {}),
    repliesPerTurn: (repliesAfter - repliesBefore) / turns,
  };
}

async function coldStarts(runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const bot = await startOurBot();
    times.push(bot.startMs);
    await bot.stop();
  }
  return times;
}

async function npmStartOnce(): Promise<number> {
  const port = await freePort();
  const started = process.hrtime.bigint();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: botEnv(port),
    detached: true,
  });
  try {
    await waitHealthy(port, 120_000);
    return Number(process.hrtime.bigint() - started) / 1e6;
  } finally {
    // npm runs node as a child: stop the whole process group we started.
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (n: number, digits = 1) => n.toFixed(digits);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function main(): Promise<void> {
  const seconds = numberArg('duration', 6);
  const roleplays = numberArg('roleplays', 10_000);
  const personas = loadPersonaLibrary().personas.map((p) => p.id);
  console.log(
    `Load benchmark on ${process.platform} ${process.arch}, node ${process.version}, ${os.cpus().length} CPUs; ${seconds} s per phase, loopback only.`,
  );

  const concurrency = process.argv.includes('--concurrency') ? [numberArg('concurrency', 10)] : CONCURRENCY;
  const dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-load-'));
  const sink = await forkSelf<{ port: number }>('--sink');
  const serviceUrl = `http://127.0.0.1:${sink.message.port}/`;
  const subjects: Subject[] = [];
  const rows: { c: number; results: Record<SubjectName, MeasuredLoad> }[] = [];
  try {
    for (const kind of STORE_KINDS) {
      const echo = await forkSelf<{ port: number }>('--echo', [kind, path.join(dataRoot, `echo-${kind}`)]);
      subjects.push({
        name: `echo-${kind}`,
        port: echo.message.port,
        pid: echo.child.pid,
        stop: () => stopChild(echo.child),
      });
      const ours = await startOurBot(kind, path.join(dataRoot, `bot-${kind}`));
      subjects.push({ name: `bot-${kind}`, port: ours.port, pid: ours.process.pid, stop: () => ours.stop() });
    }
    // Warm-up: JIT, connection pools, first role-plays.
    for (const subject of subjects) await load(subject.port, 10, 2, serviceUrl, personas);
    for (const c of concurrency) {
      const results = {} as Record<SubjectName, MeasuredLoad>;
      // One after the other at each level, so that a burst of load from other users of the machine hits all four.
      for (const subject of subjects)
        results[subject.name] = await measuredLoad(
          subject.pid,
          sink.child,
          subject.port,
          c,
          seconds,
          serviceUrl,
          personas,
        );
      rows.push({ c, results });
    }
  } finally {
    await Promise.all(subjects.map((subject) => subject.stop()));
    await stopChild(sink.child);
    fs.rmSync(dataRoot, { recursive: true, force: true });
  }

  console.log(
    '\nPOST /api/messages, end to end (reply delivered to the sink before the POST returns), turns/s and p50 / p99 ms\n',
  );
  console.log('| Concurrent conversations | Echo, memory | Bot, memory | Echo, file | Bot, file | Failures |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: |');
  const cell = (r: LoadResult) => `${fmt(r.turnsPerSecond, 0)} (${r.p50} / ${r.p99})`;
  const failures = (r: Record<SubjectName, LoadResult>) =>
    SUBJECTS.reduce((sum, name) => sum + r[name].non2xx + r[name].errors, 0);
  for (const { c, results: r } of rows)
    console.log(
      `| ${c} | ${cell(r['echo-memory'])} | ${cell(r['bot-memory'])} | ${cell(r['echo-file'])} | ${cell(r['bot-file'])} | ${failures(r)} |`,
    );
  console.log('\nRatios (targets of issue 21: bot/echo with memory >= 0.80, bot file/memory >= 0.80, no failures)\n');
  console.log('| Concurrent conversations | Bot/echo, memory | Bot/echo, file | Bot file/memory | Echo file/memory |');
  console.log('| ---: | ---: | ---: | ---: | ---: |');
  const ratio = (a: LoadResult, b: LoadResult, target?: number) => {
    const value = a.turnsPerSecond / b.turnsPerSecond;
    return `${fmt(value, 2)}${target === undefined || value >= target ? '' : ` (below ${fmt(target, 2)})`}`;
  };
  for (const { c, results: r } of rows)
    console.log(
      `| ${c} | ${ratio(r['bot-memory'], r['echo-memory'], TARGET_RATIO)} | ${ratio(r['bot-file'], r['echo-file'])} | ${ratio(r['bot-file'], r['bot-memory'], TARGET_FILE_RATIO)} | ${ratio(r['echo-file'], r['echo-memory'])} |`,
    );
  const failed = rows.filter(({ results }) => failures(results) > 0);
  console.log(
    failed.length === 0
      ? 'Failures: none (no non-2xx answer, no connection error or timeout).'
      : `Failures: ${failed.map(({ c, results }) => SUBJECTS.map((n) => `${n} at ${c}: ${results[n].non2xx} non-2xx, ${results[n].errors} errors`).join('; ')).join('; ')}`,
  );

  console.log(
    '\nWhere the time goes: CPU of each process per turn (all threads, and in brackets its main thread: ms), and replies per turn\n',
  );
  console.log(
    '| Concurrent conversations | Echo, memory | Bot, memory | Echo, file | Bot, file | Replies/turn echo, bot |',
  );
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: |');
  const cpu = (r: MeasuredLoad) =>
    r.cpuMsPerTurn === undefined
      ? 'n/a'
      : `${fmt(r.cpuMsPerTurn, 3)}${r.mainThreadCpuMsPerTurn === undefined ? '' : ` (${fmt(r.mainThreadCpuMsPerTurn, 3)})`}`;
  for (const { c, results: r } of rows)
    console.log(
      `| ${c} | ${cpu(r['echo-memory'])} | ${cpu(r['bot-memory'])} | ${cpu(r['echo-file'])} | ${cpu(r['bot-file'])} | ${fmt(r['echo-memory'].repliesPerTurn ?? 0, 2)}, ${fmt(r['bot-memory'].repliesPerTurn ?? 0, 2)} |`,
    );

  const inProcess = await forkSelf<Record<'echo' | 'bot', InProcessResult>>('--in-process');
  await stopChild(inProcess.child);
  const { echo: e, bot: b } = inProcess.message;
  console.log(
    `\nThe same turns in process, without HTTP (replies dropped): echo ${fmt(e.msPerTurn, 3)} ms/turn, bot ${fmt(b.msPerTurn, 3)} ms/turn` +
      ` (${fmt(b.msPerTurn - e.msPerTurn, 3)} ms more: dialogs, state, classifier, persona engine, debrief); replies/turn ${fmt(e.repliesPerTurn, 2)} and ${fmt(b.repliesPerTurn, 2)}`,
  );
  const kinds = (r: InProcessResult) =>
    `start ${fmt(r.cpuMsByKind.start, 3)}, line ${fmt(r.cpuMsByKind.line, 3)}, last line ${fmt(r.cpuMsByKind.last, 3)}`;
  console.log(
    `CPU per turn in process: echo ${fmt(e.cpuMsPerTurn, 3)} ms (${kinds(e)}), bot ${fmt(b.cpuMsPerTurn, 3)} ms (${kinds(b)}; the last line ends most role-plays: the debrief)`,
  );

  if (process.argv.includes('--load-only')) return;
  const memory = await forkSelf<{
    roleplays: number;
    open: number;
    seconds: number;
    rssBefore: number;
    rssAfter: number;
    heapBefore: number;
    heapAfter: number;
    storeBytes: number;
    stateSizes: number[];
    endedSizes: number[];
    progressSizes: number[];
    openAt8: number;
  }>('--memory', ['--roleplays', String(roleplays)], ['--expose-gc']);
  await stopChild(memory.child);
  const m = memory.message;
  const perRoleplay = (m.rssAfter - m.rssBefore) / m.roleplays;
  console.log(`\nMemory: ${m.roleplays} role-plays started in one process (${m.open} open), ${fmt(m.seconds)} s`);
  console.log(`| RSS before | RSS after | Heap used after | RSS per open role-play | Stored state (all) |`);
  console.log('| ---: | ---: | ---: | ---: | ---: |');
  console.log(
    `| ${mb(m.rssBefore)} | ${mb(m.rssAfter)} | ${mb(m.heapAfter)} | ${kb(perRoleplay)} | ${mb(m.storeBytes)} |`,
  );
  const maxState = Math.max(...m.stateSizes);
  const meanState = m.stateSizes.reduce((a, b) => a + b, 0) / m.stateSizes.length;
  console.log(
    `\nState per conversation (conversation + user state JSON, peak during an 8-turn role-play, ${m.stateSizes.length} personas, ${m.openAt8} still open after 8 turns): mean ${kb(meanState)}, max ${kb(maxState)} (target < ${kb(TARGET_STATE_BYTES)}${maxState < TARGET_STATE_BYTES ? ', met' : ', NOT met'})`,
  );

  const endedMean = m.endedSizes.reduce((a, b) => a + b, 0) / m.endedSizes.length;
  console.log(
    `After the role-play ends (/stop after 8 turns; the state then keeps its record for /export and /why until the next starts): mean ${kb(endedMean)}, max ${kb(Math.max(...m.endedSizes))}`,
  );

  const progressMean = m.progressSizes.reduce((a, b) => a + b, 0) / m.progressSizes.length;
  console.log(
    `Per user, written once per debrief and read only for /progress: the score history, ${kb(progressMean)} after one role-play (at most ${PROGRESS_KEPT} kept).`,
  );

  const starts = await coldStarts(5);
  const npmStart = await npmStartOnce();
  console.log(
    `\nCold start to a healthy /healthz: node dist/src/index.js median ${fmt(median(starts), 0)} ms (runs: ${starts.map((t) => fmt(t, 0)).join(', ')}); npm start (build included) ${fmt(npmStart, 0)} ms; target < ${TARGET_COLD_START_MS} ms`,
  );
}

const mode = process.argv[2];
if (mode === '--sink') runSink();
else if (mode === '--echo') void runEcho(process.argv[3] === 'file' ? 'file' : 'memory', process.argv[4]);
else if (mode === '--memory') void runMemory(numberArg('roleplays', 10_000));
else if (mode === '--in-process') void runInProcess(process.argv[3] === 'file' ? 'file' : 'memory');
else
  main().then(
    () => process.exit(0),
    (error: Error) => {
      console.error(error);
      process.exit(1);
    },
  );

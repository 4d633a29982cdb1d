/**
 * Where the bot's turn costs more than the stateful echo's, end to end: both processes of `npm run bench:load`
 * (the echo in its child mode, our bot as `npm start` runs it, STORAGE=memory) run under the same node flags
 * with `--cpu-prof`, are warmed up (2 s each, not counted: JIT, pools, what is compiled on first use), then driven
 * in turn by autocannon with the bench's conversations, and stop; their CPU profiles are then summed by part
 * (classifier, persona engine, debrief, dialogs, state, replies, request, garbage collection) over the measured
 * phases, per turn. Main thread only; the profiler adds its own share, and a
 * profile's sample times are wall-clock: a process waiting for a core is counted too, the busier one more often.
 * So the table also gives each part scaled to the process's main-thread CPU time over the same phases (/proc).
 *
 * `npm run build && node dist/scripts/profileGap.js [--duration <s>] [--connections <n>] [--keep <dir>]` (defaults
 * 8 s, 10; `--keep` leaves the two profiles in `<dir>/echo` and `<dir>/bot` for a closer look, e.g. in DevTools).
 *
 * `node dist/scripts/profileGap.js --replies [--rounds <n>]` measures "replies out" by kind of reply instead, in CPU
 * time, which a busy machine does not inflate: the echo's line, the customer's line in a role-play, the briefing
 * card of `/start` and the debrief, as the bot makes them in process, each sent through the Bot Connector client the
 * way CloudAdapter sends a turn's replies (a client per turn, to the bench's reply sink in its own process),
 * interleaved, `--rounds` times each (default 3000).
 */
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as v8 from 'v8';
import * as vm from 'vm';
import { BotAdapter, MemoryStorage, TurnContext, type Activity, type ResourceResponse } from 'botbuilder';
import { loadConfig, repoRoot } from '../src/config';
import { loadPersonaLibrary } from '../src/content';
import { createBotAuthentication } from '../src/server';
import { numberArg } from './harness/benchArgs';
import { TRAINEE_LINES } from './harness/benchTraineeLines';
import { load } from './harness/conversationLoad';
import { freePort, isolatedBotEnv } from './harness/botProcess';
import { cpuMsOf } from './harness/processCpu';
import { practiceBotOn } from './harness/inProcessBot';

const ROOT = repoRoot(__dirname);
const BENCH = path.join(ROOT, 'dist', 'scripts', 'benchLoad.js');
const EXIT_ON_SIGTERM = path.join(ROOT, 'dist', 'scripts', 'harness', 'exitOnSigterm.js');

/** Parts of a turn, by the file a sample's nearest script frame is in; the first that matches wins. */
const PARTS: [string, RegExp][] = [
  ['Classifier (the reply and the persona cues)', /dist\/src\/core\/classifier\//],
  ['Persona engine and session', /dist\/src\/core\/(engine|session|persona|techniques|random|fillTemplate|lang)/],
  [
    'Debrief (report, card, chart, record, progress)',
    /dist\/src\/core\/report\/|dist\/dialogs\/(cards\/|feedback|lastSession|progress)|progressStore/,
  ],
  ['botbuilder-dialogs (dialog stack)', /node_modules\/botbuilder-dialogs/],
  ['Our dialogs, bot layer, logging', /dist\/dialogs\/|dist\/src\/bot\/|dist\/src\/logging|^node:fs$/],
  ['Turn transaction and state', /dist\/src\/storage\/|node_modules\/botbuilder-core\/|node_modules\/botbuilder\//],
  [
    'Replies out (connector client, HTTP client, sockets)',
    /@azure|@typespec|botframework-connector|botbuilder-stdlib|undici|^node:(_http_client|_http_agent|_http_outgoing|_http_common|net|buffer|events|internal\/(streams|stream_base|url|http|event_target|timers|abort|deps|webstreams)|timers)/,
  ],
  [
    'Request in (restify, auth, schema check, server)',
    /restify|zod|jsonwebtoken|dist\/src\/(server|config)|^node:_http_server/,
  ],
];
const GC = 'Garbage collection';
const OTHER = 'Other (microtasks, runtime)';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface CpuProfile {
  /** Microseconds on the machine's monotonic clock (the clock of process.hrtime, in every process). */
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * Microseconds per part, from `fromMicros` (the monotonic clock) on: the measured phases, after the warm-up (the
 * rule sets and the personas' cue tables are compiled on first use, which is no turn's cost).
 */
function partsOf(file: string, fromMicros: number): Map<string, number> {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const partOf = (id: number): string | undefined => {
    const name = byId.get(id)!.callFrame.functionName;
    if (name === '(idle)') return undefined;
    if (name === '(garbage collector)') return GC;
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const url = byId.get(at)!.callFrame.url.replace(/^file:\/\//, '');
      if (url) return PARTS.find(([, pattern]) => pattern.test(url))?.[0] ?? OTHER;
    }
    return OTHER;
  };
  const parts = new Map<string, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    const part = at >= fromMicros ? partOf(id) : undefined;
    if (part) parts.set(part, (parts.get(part) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  });
  return parts;
}

function spawnProfiled(args: string[], profileDir: string, env?: NodeJS.ProcessEnv): ChildProcess {
  // The same flags for both processes; the hook lets the echo's child mode exit (and write its profile) on SIGTERM.
  const flags = ['--require', EXIT_ON_SIGTERM, '--cpu-prof', `--cpu-prof-dir=${profileDir}`];
  return spawn(process.execPath, [...flags, '--disable-warning=DEP0111', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    ...(env ? { env } : {}),
  });
}

/** The bench's reply sink in its own process, and the service URL that sends replies to it. */
async function startReplySink(): Promise<{ sink: ChildProcess; serviceUrl: string }> {
  const sink = spawn(process.execPath, ['--disable-warning=DEP0111', BENCH, '--sink'], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const { port } = await firstMessage<{ port: number }>(sink);
  return { sink, serviceUrl: `http://127.0.0.1:${port}/` };
}

function firstMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve(message as T));
    child.once('exit', (code) => reject(new Error(`child exited with ${code}`)));
  });
}

async function healthy(port: number): Promise<void> {
  for (let tries = 0; tries < 400; tries++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no healthy /healthz on ${port}`);
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Turns answered (2xx) in one phase of `seconds` with `connections` conversations, each persona in turn. */
async function drive(port: number, serviceUrl: string, personas: string[], connections: number, seconds: number) {
  return (await load(port, connections, seconds, serviceUrl, personas)).turns;
}

/** `--keep <dir>`: where to leave the profiles, if anywhere. */
function keepDir(): string | undefined {
  const at = process.argv.indexOf('--keep');
  return at >= 0 && process.argv[at + 1] ? path.resolve(process.argv[at + 1]) : undefined;
}

async function main(): Promise<void> {
  const seconds = numberArg('duration', 8);
  const connections = numberArg('connections', 10);
  const personas = loadPersonaLibrary().personas.map((p) => p.id);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'profile-gap-'));
  const { sink, serviceUrl } = await startReplySink();
  const echo = spawnProfiled([BENCH, '--echo', 'memory'], path.join(work, 'echo'));
  const { port: echoPort } = await firstMessage<{ port: number }>(echo);
  const botPort = await freePort();
  const bot = spawnProfiled([path.join(ROOT, 'dist', 'src', 'index.js')], path.join(work, 'bot'), {
    ...isolatedBotEnv(),
    PORT: String(botPort),
    STORAGE: 'memory',
    EMBEDDED_DIRECTLINE: 'false',
    KEEP_TRANSCRIPTS: 'false',
  });
  await healthy(botPort);
  // Warm-up, not counted: JIT, connection pools, what is compiled on first use (as bench:load warms up).
  await drive(echoPort, serviceUrl, personas, connections, 2);
  await drive(botPort, serviceUrl, personas, connections, 2);
  const measuredFrom = Number(process.hrtime.bigint() / 1000n);
  const cpuFrom = { echo: cpuMsOf(echo.pid, true), bot: cpuMsOf(bot.pid, true) };
  const turns = { echo: 0, bot: 0 };
  // Two phases each, alternating, so that a burst of load from elsewhere hits both.
  for (let phase = 0; phase < 2; phase++) {
    turns.echo += await drive(echoPort, serviceUrl, personas, connections, seconds / 2);
    turns.bot += await drive(botPort, serviceUrl, personas, connections, seconds / 2);
  }
  // Main-thread CPU over the measured phases (/proc): what the wall-clock samples are scaled to below.
  const cpuMs = {
    echo: (cpuMsOf(echo.pid, true) ?? NaN) - (cpuFrom.echo ?? NaN),
    bot: (cpuMsOf(bot.pid, true) ?? NaN) - (cpuFrom.bot ?? NaN),
  };
  await Promise.all([stop(echo), stop(bot), stop(sink)]);
  const profileIn = (dir: string) =>
    path.join(
      dir,
      fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))!,
    );
  const echoParts = partsOf(profileIn(path.join(work, 'echo')), measuredFrom);
  const botParts = partsOf(profileIn(path.join(work, 'bot')), measuredFrom);
  const keep = keepDir();
  if (keep) {
    fs.rmSync(keep, { recursive: true, force: true });
    fs.cpSync(work, keep, { recursive: true });
  }
  fs.rmSync(work, { recursive: true, force: true });

  const perTurn = (parts: Map<string, number>, part: string, n: number) => (parts.get(part) ?? 0) / 1000 / n;
  console.log(
    `Main-thread CPU per turn by part (ms), ${connections} conversations, STORAGE=memory, ${turns.echo} echo turns and ${turns.bot} bot turns, load average ${os.loadavg()[0].toFixed(1)}\n`,
  );
  const allParts = [...PARTS.map(([name]) => name), GC, OTHER];
  const total = (parts: Map<string, number>, n: number) => allParts.reduce((sum, p) => sum + perTurn(parts, p, n), 0);
  // A sample's time is wall-clock: a process waiting for a core mid-function is counted too, the busier one more
  // often. Scaled so that each process's parts add up to its main thread's CPU time (/proc), they compare fairly
  // (assuming the waiting is spread like the work).
  const scale = {
    echo: cpuMs.echo / turns.echo / total(echoParts, turns.echo),
    bot: cpuMs.bot / turns.bot / total(botParts, turns.bot),
  };
  const scaled = Number.isFinite(scale.echo) && Number.isFinite(scale.bot);
  console.log(
    scaled
      ? '| Part | Echo | Bot | Bot − echo | Echo, CPU | Bot, CPU | Bot − echo, CPU |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |'
      : '| Part | Echo | Bot | Bot − echo |\n| --- | ---: | ---: | ---: |',
  );
  const row = (name: string, e: number, b: number) =>
    `| ${name} | ${e.toFixed(3)} | ${b.toFixed(3)} | ${(b - e).toFixed(3)} |` +
    (scaled
      ? ` ${(e * scale.echo).toFixed(3)} | ${(b * scale.bot).toFixed(3)} | ${(b * scale.bot - e * scale.echo).toFixed(3)} |`
      : '');
  for (const part of allParts)
    console.log(row(part, perTurn(echoParts, part, turns.echo), perTurn(botParts, part, turns.bot)));
  console.log(row('All (main thread)', total(echoParts, turns.echo), total(botParts, turns.bot)));
  console.log(
    scaled
      ? `\nThe first three columns are the profile's wall-clock samples; the CPU columns scale each process's parts to its main thread's CPU time over the same phases (/proc: echo ${(cpuMs.echo / turns.echo).toFixed(3)}, bot ${(cpuMs.bot / turns.bot).toFixed(3)} ms per turn).`
      : '\nNo /proc here: sample times are wall-clock, so on a busy machine these figures include waiting for a core.',
  );
}

/** An adapter that keeps what a turn sends, as TurnContext hands it over (conversation reference applied). */
class KeepingAdapter extends BotAdapter {
  kept: Partial<Activity>[] = [];
  override sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    this.kept.push(...activities);
    return Promise.resolve(activities.map(() => ({ id: 'kept' })));
  }
  override async updateActivity(): Promise<void> {}
  override async deleteActivity(): Promise<void> {}
  override async continueConversation(): Promise<void> {}
}

/** One reply of each kind, as the echo and our bot send them in the bench's conversation. */
async function repliesByKind(
  serviceUrl: string,
): Promise<{ kind: string; share: string; activity: Partial<Activity> }[]> {
  const personas = loadPersonaLibrary();
  const { bot } = practiceBotOn(new MemoryStorage(), { personas });
  const adapter = new KeepingAdapter();
  const turn = async (text: string, conversation: string) => {
    adapter.kept = [];
    const activity = {
      type: 'message',
      id: `${conversation}-${text.length}`,
      channelId: 'emulator',
      serviceUrl,
      text,
      conversation: { id: conversation },
      from: { id: `user-${conversation}`, name: 'Trainee' },
      recipient: { id: 'bot', name: 'Bot' },
      locale: 'nl-NL',
    } as Activity;
    await bot.run(new TurnContext(adapter, activity));
    return { activity, replies: adapter.kept };
  };
  let start: Partial<Activity> | undefined;
  let line: Partial<Activity> | undefined;
  let debrief: Partial<Activity> | undefined;
  // The personas in turn until one ends its role-play with the bench's last line: its debrief.
  for (const persona of personas.personas) {
    const started = await turn(`/start ${persona.id}`, persona.id);
    start ??= started.replies[0];
    for (const text of TRAINEE_LINES) {
      const { replies } = await turn(text, persona.id);
      if (replies[0]?.attachments?.length) debrief ??= replies[0];
      else line ??= replies[0];
    }
    if (start && line && debrief) break;
  }
  // The stateful echo's reply: `context.sendActivity(string)` on the same kind of turn.
  const echoTurn = new TurnContext(adapter, (await turn('/help', 'echo')).activity);
  adapter.kept = [];
  await echoTurn.sendActivity(`echo 5: ${TRAINEE_LINES[1]}`);
  const echo = adapter.kept[0];
  if (!start || !line || !debrief || !echo) throw new Error('profileGap --replies: a kind of reply was not found');
  return [
    { kind: "The echo's line", share: 'every turn (echo)', activity: echo },
    { kind: "The customer's line", share: '7 of 9 turns', activity: line },
    { kind: 'The briefing card (`/start`)', share: '1 of 9', activity: start },
    { kind: "The debrief (the customer's last words opening it)", share: 'about 1 of 9', activity: debrief },
  ];
}

/** CPU (all threads of this process) per reply of each kind, sent as CloudAdapter sends, interleaved. */
async function replyCosts(): Promise<void> {
  const rounds = numberArg('rounds', 3000);
  const warmUp = Math.min(300, Math.floor(rounds / 5));
  const { sink, serviceUrl } = await startReplySink();
  try {
    const kinds = await repliesByKind(serviceUrl);
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', STORAGE: 'memory', EMBEDDED_DIRECTLINE: 'false' });
    const auth = createBotAuthentication(config);
    const { connectorFactory, audience } = await auth.authenticateRequest(
      { type: 'message', serviceUrl, channelId: 'emulator' } as Activity,
      '',
    );
    if (!connectorFactory) throw new Error('profileGap --replies: no connector factory for an anonymous request');
    // As CloudAdapter sends a turn's replies: a client per turn, the activity copied.
    const send = async (activity: Partial<Activity>) => {
      const client = await connectorFactory.create(serviceUrl, audience);
      await client.conversations.replyToActivity(activity.conversation!.id, activity.replyToId!, { ...activity });
    };
    const micros = kinds.map(() => 0);
    for (let round = 0; round < rounds + warmUp; round++) {
      for (const [i, { activity }] of kinds.entries()) {
        const cpu = process.cpuUsage();
        await send(activity);
        const used = process.cpuUsage(cpu);
        if (round >= warmUp) micros[i] += used.user + used.system;
      }
    }
    const echoMs = micros[0] / 1000 / rounds;
    console.log(
      `CPU per reply sent (ms, this process, all threads), ${rounds} of each kind interleaved, load average ${os.loadavg()[0].toFixed(1)}\n`,
    );
    console.log("| Reply | How often | JSON bytes | CPU per reply | Above the echo's |");
    console.log('| --- | --- | ---: | ---: | ---: |');
    for (const [i, { kind, share, activity }] of kinds.entries()) {
      const ms = micros[i] / 1000 / rounds;
      console.log(
        `| ${kind} | ${share} | ${JSON.stringify(activity).length} | ${ms.toFixed(3)} | ${(ms - echoMs).toFixed(3)} |`,
      );
    }
    await afterTurns(rounds, warmUp, kinds[0].activity, () => send(kinds[0].activity));
  } finally {
    await stop(sink);
  }
}

/**
 * The echo's reply, sent alone and right after one of our bot's turns in this process, each with and without a
 * minor garbage collection just before the send: how much of the send's cost in the bot's process is the turn's
 * garbage (collected when the send allocates) rather than the send.
 */
async function afterTurns(
  rounds: number,
  warmUp: number,
  echoReply: Partial<Activity>,
  send: () => Promise<void>,
): Promise<void> {
  v8.setFlagsFromString('--expose-gc');
  const minorGc = vm.runInNewContext('gc') as (options: { type: 'minor' }) => void;
  const personas = loadPersonaLibrary();
  const { bot } = practiceBotOn(new MemoryStorage(), { personas });
  const adapter = new KeepingAdapter();
  const script = personas.personas.flatMap((persona) =>
    [`/start ${persona.id}`, ...TRAINEE_LINES].map((text) => ({ conversation: persona.id, text })),
  );
  let id = 0;
  const botTurn = async () => {
    const { conversation, text } = script[id % script.length];
    adapter.kept = [];
    await bot.run(
      new TurnContext(adapter, {
        ...echoReply,
        type: 'message',
        id: String(++id),
        text,
        conversation: { id: conversation },
        from: { id: `user-${conversation}`, name: 'Trainee' },
        recipient: { id: 'bot', name: 'Bot' },
        locale: 'nl-NL',
      } as Activity),
    );
  };
  const cases = [
    { name: 'alone', turn: false, gc: false },
    { name: 'right after a turn of our bot', turn: true, gc: false },
    { name: 'alone, a minor GC just before', turn: false, gc: true },
    { name: 'after a turn of our bot, a minor GC just before', turn: true, gc: true },
  ];
  const micros = cases.map(() => 0);
  for (let round = 0; round < rounds + warmUp; round++) {
    for (const [i, { turn, gc }] of cases.entries()) {
      if (turn) await botTurn();
      if (gc) minorGc({ type: 'minor' });
      const cpu = process.cpuUsage();
      await send();
      const used = process.cpuUsage(cpu);
      if (round >= warmUp) micros[i] += used.user + used.system;
    }
  }
  console.log(`\nThe echo's reply, sent ${rounds} times in each case (CPU per send, ms)\n`);
  console.log('| Sent | CPU per send |\n| --- | ---: |');
  for (const [i, { name }] of cases.entries()) console.log(`| ${name} | ${(micros[i] / 1000 / rounds).toFixed(3)} |`);
}

(process.argv.includes('--replies') ? replyCosts() : main()).then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);

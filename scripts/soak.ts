/**
 * Soak under attack and a crash (`npm run soak`): the real bot (`node --max-old-space-size=256
 * dist/src/index.js`, loopback only, STORAGE=file in a temporary data folder, embedded Direct Line) serves many
 * web chat conversations at a trainee's pace while an attacker floods it, and is killed with SIGKILL half-way
 * and started again on the same data folder and port. The pages (scripts/harness/directLineClient.ts) behave
 * like Web Chat: a token from the page's token route, a WebSocket stream that reconnects with its watermark,
 * posts with a `clientActivityID` retried on 429/5xx and network errors.
 *
 * - Honest pages: each speaks from its own loopback address (127.10.x.y), joins (`webchat/join`), starts a
 *   role-play and answers the customer, thinking `--think` ms between turns (default 5000-15000), starting a
 *   new role-play every ten lines.
 * - The attacker (127.66.x.y): token floods on the page's token route and `tokens/generate` from four
 *   addresses, and, from conversations of its own, activities over the size limit, bodies over the body limit,
 *   too deeply nested activities and large typing activities that fill its conversations' byte budgets.
 *
 * At the end every page reads its whole log once more. Printed: turns served (honest posts answered 200), p95
 * latency of honest turns (post to 200, the bot's turn and replies included; also without the turns that
 * spanned the restart), peak RSS of the bot process, conversations lost (the server no longer knew one),
 * acknowledged turns lost (answered 200, but the posted activity or the bot's reply to it is not in the log
 * after the restart), duplicate activities (one client activity stored twice), crashes (the bot died without
 * being killed) and what the attacker got. Exits 1 when anything was lost, duplicated or crashed.
 *
 * Options: --conversations <n> (300), --duration <s> (300), --think <min-max ms> (5000-15000),
 * --kill-at <fraction of the duration> (0.5).
 */
import { spawn, type ChildProcess } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { repoRoot } from '../src/config';
import {
  closeConnections,
  request,
  WebChatPage,
  type PageActivity,
  type PostOutcome,
} from './harness/directLineClient';
import { freePort, isolatedBotEnv } from './harness/botProcess';

const ROOT = repoRoot(__dirname);
const BOT_ENTRY = path.join(ROOT, 'dist', 'src', 'index.js');
const HEAP_CAP_MB = 256;

const PERSONAS = ['municipal-benefits', 'energy-bill', 'gp-phone', 'shop-refund', 'housing-repair', 'transport-fine'];
/** What a trainee says: acknowledging, asking, explaining, now and then clumsy. */
const TRAINEE_LINES = [
  'Goedemiddag, waarmee kan ik u helpen?',
  'Ik hoor dat u hier erg boos over bent, dat begrijp ik.',
  'Kunt u mij vertellen wat er precies is gebeurd?',
  'Dat is vervelend, zeker als u erop rekende.',
  'Ik ga voor u uitzoeken hoe dit zit.',
  'Mag ik uw naam en geboortedatum?',
  'Dat zijn nu eenmaal de regels.',
  'Ik kan vandaag nog een collega vragen u terug te bellen.',
  'U heeft gelijk dat dit te lang duurt.',
  'Wat zou u nu het meest helpen?',
];

interface Options {
  conversations: number;
  durationMs: number;
  thinkMinMs: number;
  thinkMaxMs: number;
  killAt: number;
}

function parseOptions(argv: string[]): Options {
  const value = (name: string): string | undefined => {
    const index = argv.indexOf(`--${name}`);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const number = (name: string, fallback: number, min: number): number => {
    const raw = value(name);
    const parsed = raw === undefined ? fallback : Number(raw);
    if (!Number.isFinite(parsed) || parsed < min) throw new Error(`--${name} must be a number of at least ${min}`);
    return parsed;
  };
  const [thinkMin, thinkMax] = (value('think') ?? '5000-15000').split('-').map(Number);
  if (!(thinkMin >= 0 && thinkMax >= thinkMin)) throw new Error('--think must be <min>-<max> milliseconds');
  const killAt = number('kill-at', 0.5, 0);
  if (killAt >= 1) throw new Error('--kill-at must be a fraction below 1');
  return {
    conversations: Math.floor(number('conversations', 300, 1)),
    durationMs: number('duration', 300, 5) * 1000,
    thinkMinMs: thinkMin,
    thinkMaxMs: thinkMax,
    killAt,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One `memory` line of the bot (MEMORY_LOG_SECONDS), in MB. */
interface HeapSample {
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
}

/** The bot under test: one process at a time on a fixed port and data folder; peak RSS and crashes counted. */
class BotUnderTest {
  peakRssKb = 0;
  /** The high-water mark (VmHWM) of each process started, in order. */
  processPeaksKb: number[] = [];
  /** What the bot logged of its heap every second, all processes. */
  heapSamples: HeapSample[] = [];
  crashes = 0;
  private child?: ChildProcess;
  private sampler?: NodeJS.Timeout;
  private expectingExit = false;
  private tail: string[] = [];

  constructor(
    readonly port: number,
    readonly dataDir: string,
  ) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts the process and resolves once it listens. */
  async start(): Promise<void> {
    const child = spawn(process.execPath, [`--max-old-space-size=${HEAP_CAP_MB}`, BOT_ENTRY], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...isolatedBotEnv(),
        EMBEDDED_DIRECTLINE: 'true',
        PORT: String(this.port),
        STORAGE: 'file',
        DATA_DIR: this.dataDir,
        MEMORY_LOG_SECONDS: '1',
        DEFAULT_LANG: 'nl',
      },
    });
    this.child = child;
    this.expectingExit = false;
    this.processPeaksKb.push(0);
    let listening = false;
    const onLine = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line === '') continue;
        if (line.includes('"event":"server_listening"')) listening = true;
        if (line.includes('"event":"memory"')) {
          this.heapSamples.push(JSON.parse(line) as HeapSample);
          continue;
        }
        this.tail.push(line);
        if (this.tail.length > 50) this.tail.shift();
      }
    };
    child.stdout?.on('data', onLine);
    child.stderr?.on('data', onLine);
    child.once('exit', (code, signal) => {
      clearInterval(this.sampler);
      if (!this.expectingExit) {
        this.crashes += 1;
        process.stderr.write(`bot exited unexpectedly (${signal ?? code}); last lines:\n${this.tail.join('\n')}\n`);
        // A crashed bot is started again, as a process manager would.
        void this.start().catch((error: Error) => process.stderr.write(`restart failed: ${error.message}\n`));
      }
    });
    this.sampler = setInterval(() => this.sample(child.pid), 250);
    // A busy machine (shared CI) can take many seconds to start node and load the personas.
    const deadline = Date.now() + 60_000;
    while (!listening) {
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(`bot did not start:\n${this.tail.join('\n')}`);
      await sleep(20);
    }
  }

  /** SIGKILL, as a crash of the machine or an OOM kill would; resolves once it is gone. */
  kill(signal: 'SIGKILL' | 'SIGTERM' = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    this.expectingExit = true;
    this.sample(child.pid);
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }

  /** Resident memory of the running process now (VmRSS), in KB; 0 when none runs. */
  rssNowKb(): number {
    return this.child?.pid === undefined ? 0 : readStatus(this.child.pid, 'VmRSS');
  }

  /** Resident memory now, and the process's own high-water mark (VmHWM), from /proc. */
  private sample(pid: number | undefined): void {
    if (pid === undefined) return;
    const kb = Math.max(readStatus(pid, 'VmRSS'), readStatus(pid, 'VmHWM'));
    this.peakRssKb = Math.max(this.peakRssKb, kb);
    const last = this.processPeaksKb.length - 1;
    this.processPeaksKb[last] = Math.max(this.processPeaksKb[last], kb);
  }
}

/** A field of /proc/<pid>/status in KB; 0 when the process is gone. */
function readStatus(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  } catch {
    return 0; // gone between the check and the read
  }
}

/** The memory lines of the report: RSS at idle, after warm-up and at its peaks, and the heap at the peak. */
function memoryReport(bot: BotUnderTest, idleKb: number, warmKb: number): string[] {
  const mb = (kb: number) => Math.round(kb / 1024);
  const [first, ...restarts] = bot.processPeaksKb;
  const highest = bot.heapSamples.reduce<HeapSample | undefined>(
    (a, b) => (a && a.rssMb >= b.rssMb ? a : b),
    undefined,
  );
  const mostHeap = Math.max(0, ...bot.heapSamples.map((sample) => sample.heapUsedMb));
  const lines = [
    `peak RSS: ${mb(bot.peakRssKb)} MB (cap ${HEAP_CAP_MB} MB; before the kill ${mb(first ?? 0)} MB, after the restart ` +
      `${restarts.map(mb).join(', ') || '-'} MB)`,
    `RSS at idle (listening, no pages yet): ${mb(idleKb)} MB; after warm-up (every page joined): ${mb(warmKb)} MB`,
  ];
  if (highest) {
    lines.push(
      `heap at the highest RSS the bot logged (${Math.round(highest.rssMb)} MB, once a second): ` +
        `${Math.round(highest.heapUsedMb)} MB used of ${Math.round(highest.heapTotalMb)} MB, ` +
        `external ${Math.round(highest.externalMb)} MB; most heap used: ${Math.round(mostHeap)} MB`,
    );
  }
  return lines;
}

interface HonestTurn extends PostOutcome {
  conversation: number;
  sentAt: number;
}

/** One trainee's page: join, role-plays, thinking between turns, until `until`. */
async function runPage(
  page: WebChatPage,
  index: number,
  options: Options,
  until: number,
  turns: HonestTurn[],
): Promise<void> {
  const think = () => options.thinkMinMs + Math.random() * (options.thinkMaxMs - options.thinkMinMs);
  const send = async (activity: Record<string, unknown>) => {
    const sentAt = Date.now();
    const outcome = await page.post(activity);
    turns.push({ ...outcome, conversation: index, sentAt });
    return outcome;
  };
  await send({ type: 'event', name: 'webchat/join', value: { lang: 'nl' } });
  for (let line = 0; Date.now() < until && !page.lost; line += 1) {
    await sleep(Math.min(think(), Math.max(0, until - Date.now())));
    if (Date.now() >= until) break;
    const text =
      line % 11 === 0
        ? `/start ${PERSONAS[(index + line) % PERSONAS.length]}`
        : TRAINEE_LINES[(index + line) % TRAINEE_LINES.length];
    await send({ type: 'message', text, locale: 'nl-NL' });
  }
}

interface AttackTally {
  requests: number;
  byStatus: Map<string, number>;
}

/** The attacker: token floods and oversized or malicious activities until `until`. */
async function attack(baseUrl: string, until: number): Promise<AttackTally> {
  const tally: AttackTally = { requests: 0, byStatus: new Map() };
  const count = (label: string, status: number | string) => {
    tally.requests += 1;
    const key = `${label} ${status}`;
    tally.byStatus.set(key, (tally.byStatus.get(key) ?? 0) + 1);
  };
  const hit = async (label: string, url: string, options: Parameters<typeof request>[2] = {}) => {
    try {
      count(label, (await request(url, 'POST', { timeoutMs: 10_000, ...options })).status);
    } catch {
      count(label, 'refused');
      await sleep(200);
    }
  };

  const tokenFlood = async (address: string) => {
    while (Date.now() < until) {
      await hit('token route', `${baseUrl}/api/directline/token`, { body: {}, localAddress: address });
      await hit('tokens/generate', `${baseUrl}/v3/directline/tokens/generate`, { localAddress: address });
      await sleep(20);
    }
  };

  const oversized = async (address: string) => {
    const started = await request(`${baseUrl}/v3/directline/conversations`, 'POST', {
      body: {},
      localAddress: address,
    }).catch(() => undefined);
    const token = started?.body.token as string | undefined;
    const conversationId = started?.body.conversationId as string | undefined;
    if (!token || !conversationId) return;
    const url = `${baseUrl}/v3/directline/conversations/${conversationId}/activities`;
    let nested: Record<string, unknown> = { deep: true };
    for (let i = 0; i < 60; i += 1) nested = { nested };
    const payloads: [string, unknown][] = [
      ['activity over the size limit', { type: 'message', text: 'x'.repeat(100 * 1024) }],
      ['body over the body limit', { type: 'message', text: 'x'.repeat(300 * 1024) }],
      ['nested too deeply', { type: 'message', text: 'hallo', channelData: nested }],
      ['large typing activity', { type: 'typing', channelData: { filler: 'x'.repeat(60 * 1024) } }],
    ];
    for (let round = 0; Date.now() < until; round += 1) {
      const [label, body] = payloads[round % payloads.length];
      await hit(label, url, { token, body, localAddress: address });
      await sleep(25);
    }
  };

  await Promise.all([
    ...[1, 2, 3, 4].map((n) => tokenFlood(`127.66.0.${n}`)),
    ...[1, 2, 3].map((n) => oversized(`127.66.1.${n}`)),
  ]);
  return tally;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Acknowledged turns missing from a page's final log, and client activities stored twice (with examples). */
function audit(
  log: PageActivity[],
  acknowledged: HonestTurn[],
): { lost: number; duplicates: number; examples: string[] } {
  const ids = new Set(log.map((a) => a.id));
  const replied = new Set(log.filter((a) => a.from?.role === 'bot' && a.replyToId).map((a) => a.replyToId));
  const missing = acknowledged.filter((turn) => !ids.has(turn.id as string) || !replied.has(turn.id));
  const examples = missing.map(
    (turn) => `acknowledged ${turn.id} ${ids.has(turn.id as string) ? 'has no reply' : 'is missing'}`,
  );
  const seen = new Map<string, string>();
  let duplicates = log.length - ids.size;
  for (const activity of log) {
    const clientId = (activity.channelData as { clientActivityID?: string } | undefined)?.clientActivityID;
    if (clientId === undefined) continue;
    const first = seen.get(clientId);
    if (first !== undefined) {
      duplicates += 1;
      examples.push(`client activity ${clientId} stored as ${first} and ${activity.id}`);
    } else seen.set(clientId, activity.id);
  }
  return { lost: missing.length, duplicates, examples };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (!existsSync(BOT_ENTRY)) throw new Error(`${BOT_ENTRY} is missing: run npm run build first`);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'soak-'));
  const bot = new BotUnderTest(await freePort(), dataDir);
  const killAfterMs = Math.round(options.durationMs * options.killAt);
  console.log(
    `Soak: ${options.conversations} web chat conversations for ${options.durationMs / 1000} s through the embedded ` +
      `Direct Line (node --max-old-space-size=${HEAP_CAP_MB}, STORAGE=file, loopback), an attacker alongside, ` +
      `kill -9 after ${killAfterMs / 1000} s; ${os.cpus().length} CPUs, node ${process.version}.`,
  );
  await bot.start();
  await sleep(1000);
  const idleRssKb = bot.rssNowKb();

  const begin = Date.now();
  const until = begin + options.durationMs;
  const turns: HonestTurn[] = [];
  const pages: WebChatPage[] = [];
  const attacker = attack(bot.baseUrl, until);

  // Pages open a few at a time, as trainees arrive; each from its own loopback address.
  const running: Promise<void>[] = [];
  const opening: Promise<void>[] = [];
  let openFailures = 0;
  for (let i = 0; i < options.conversations; i += 1) {
    const address = `127.10.${Math.floor(i / 250)}.${(i % 250) + 1}`;
    const opened = WebChatPage.open(bot.baseUrl, { localAddress: address }).then(
      (page) => {
        pages[i] = page;
        page.connect();
        running.push(runPage(page, i, options, until, turns));
      },
      () => {
        openFailures += 1;
      },
    );
    opening.push(opened);
    if (i % 20 === 19) await opened;
  }
  await Promise.all(opening);
  // Every page has joined (or failed to open) once its join post is answered.
  const joined = () => new Set(turns.map((turn) => turn.conversation)).size;
  while (joined() < options.conversations - openFailures && Date.now() < begin + killAfterMs) await sleep(100);
  const warmRssKb = bot.rssNowKb();

  // The crash: kill -9 in the middle, started again at once on the same folder and port.
  await sleep(Math.max(0, begin + killAfterMs - Date.now()));
  const killedAt = Date.now();
  await bot.kill('SIGKILL');
  await bot.start();
  const backAt = Date.now();

  await Promise.all(running);
  const attackTally = await attacker;
  // Every page reads its whole log after the run.
  let conversationsLost = openFailures;
  let acknowledgedLost = 0;
  let duplicates = 0;
  const examples: string[] = [];
  for (const [index, page] of pages.entries()) {
    if (!page) continue;
    const acknowledged = turns.filter((t) => t.conversation === index && t.id !== undefined);
    try {
      const result = audit(await page.everything(), acknowledged);
      acknowledgedLost += result.lost;
      duplicates += result.duplicates;
      examples.push(...result.examples);
      if (page.lost) {
        conversationsLost += 1;
        examples.push(`conversation ${index} lost: ${page.lost}`);
      }
    } catch (error) {
      conversationsLost += 1;
      acknowledgedLost += acknowledged.length;
      examples.push(`conversation ${index} lost: ${(error as Error).message}`);
    }
    page.close();
  }
  const streamsBack = pages.filter((page) => page && page.streamsOpened >= 2).length;
  await bot.kill('SIGTERM');
  closeConnections();
  rmSync(dataDir, { recursive: true, force: true });

  const served = turns.filter((t) => t.id !== undefined);
  const spanned = (t: HonestTurn) => t.sentAt <= backAt && t.sentAt + t.latencyMs >= killedAt;
  const latencies = served.map((t) => t.latencyMs);
  const calm = served.filter((t) => !spanned(t)).map((t) => t.latencyMs);
  const unanswered = turns.length - served.length;
  const attackSummary = [...attackTally.byStatus.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, n]) => `${key}: ${n}`)
    .join(', ');

  console.log(`turns served: ${served.length}`);
  console.log(
    `p95 latency of honest turns: ${percentile(latencies, 95)} ms ` +
      `(p50 ${percentile(latencies, 50)} ms; without the ${served.length - calm.length} turns that spanned the restart: ` +
      `p95 ${percentile(calm, 95)} ms)`,
  );
  for (const line of memoryReport(bot, idleRssKb, warmRssKb)) console.log(line);
  console.log(`conversations lost: ${conversationsLost}`);
  console.log(`acknowledged turns lost: ${acknowledgedLost}`);
  console.log(`duplicate activities: ${duplicates}`);
  console.log(`crashes: ${bot.crashes}`);
  console.log(`honest turns never answered 200 (gave up after 60 s): ${unanswered}`);
  console.log(
    `restart: down for ${backAt - killedAt} ms; streams reconnected ${streamsBack} of ${pages.filter(Boolean).length}`,
  );
  console.log(`attacker: ${attackTally.requests} requests (${attackSummary})`);
  for (const example of examples.slice(0, 5)) console.log(`  ${example}`);

  if (conversationsLost + acknowledgedLost + duplicates + bot.crashes > 0) process.exitCode = 1;
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exitCode = 2;
});

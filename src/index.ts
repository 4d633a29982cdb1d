/**
 * The one wiring file, in reading order:
 * config → logger → adapter (+ onTurnError) → storage → state → content → charts/demo hub → bot → server → listen.
 * Nothing else constructs services.
 *
 * `npm start` runs `main()`; tests call `startApp({ env: { PORT: '0', STORAGE: 'memory' } })`.
 */
import * as v8 from 'v8';

// Before any other module loads, in the bot's own process only (tests import this file), and only under a tight
// heap cap (the soak's --max-old-space-size=256, a small container), see docs/hardening.md, "Memory": there V8's
// young generation stays at its first size, 1 MB per semi-space (V8 grows it to 16 MB per semi-space once the bot
// is busy: 32 MB of resident memory for objects that live a turn or less), and the old generation may grow to 1.2
// times what was live after the last full collection before the next one (about 1.5 times by default). Both trade
// CPU for memory, so an uncapped process keeps V8's faster defaults. The flags are read whenever V8 grows a space,
// so setting them here holds; heap flags given to node win.
const TIGHT_HEAP_BYTES = 512 * 1024 * 1024;
if (
  require.main === module &&
  v8.getHeapStatistics().heap_size_limit <= TIGHT_HEAP_BYTES &&
  !/semi-space|heap-growing/.test([...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' '))
) {
  v8.setFlagsFromString('--semi-space-growth-factor=1');
  v8.setFlagsFromString('--heap-growing-percent=20');
}

import { CloudAdapter, TranscriptLoggerMiddleware, UserState, type TurnContext } from 'botbuilder';
import { loadConfig, type AppConfig } from './config';
import { createLogger, type Logger } from './logging';
import { createStorage, createTranscriptStore, pruneTranscripts, TraineeConversationState } from './storage';
import { loadDefaultClassifier, loadPersonaLibrary, loadRuleVersions } from './content';
import { ChartStore, createBot, DemoMeters, DemoRooms } from './bot';
import { createBotAuthentication, createServer, DemoHub, JoinCodes, projectorFor, StoreRoomFeed } from './server';

/** What the user sees when a turn fails; they may be speaking either language. */
export const TURN_ERROR_MESSAGE =
  'Sorry, er ging iets mis aan onze kant. Probeer het nog eens. / Sorry, something went wrong on our side. Please try again.';

/**
 * The adapter's onTurnError: logs where and what failed (never the message text) and tells the user. A turn
 * that fails has saved nothing (runTurnWithRetry), so the conversation is as it was before the message.
 */
export function turnErrorHandler(log: Logger): (context: TurnContext, error: Error) => Promise<void> {
  return async (context, error) => {
    log.error('turn_error', {
      channelId: context.activity.channelId,
      conversationId: context.activity.conversation?.id,
      activityType: context.activity.type,
      error: error.name,
      errorMessage: error.message,
      stack: error.stack,
    });
    await context.sendTraceActivity(
      'OnTurnError Trace',
      `${error}`,
      'https://www.botframework.com/schemas/error',
      'TurnError',
    );
    await context.sendActivity(TURN_ERROR_MESSAGE);
  };
}

export type StartOverrides = Partial<AppConfig> | { env?: NodeJS.ProcessEnv };

export interface RunningApp {
  /** e.g. http://localhost:3978/ */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Builds and starts the whole app. `overrides` is either config fields or an environment to parse. */
export async function startApp(overrides: StartOverrides = {}, options: { log?: Logger } = {}): Promise<RunningApp> {
  // 1. Configuration: the only reader of process.env.
  const config = resolveConfig(overrides);

  // 2. Logging.
  const log = options.log ?? createLogger(config.log);

  // 3. Adapter: Bot Framework authentication from config (empty credentials = local development).
  const adapter = new CloudAdapter(createBotAuthentication(config));
  adapter.onTurnError = turnErrorHandler(log);

  // 4. Storage and state; transcripts only when the retention settings keep them.
  const storage = createStorage(config.storage, log);
  // A web chat trainee's conversation state follows the trainee into every new conversation (traineeKeys.ts).
  const conversationState = new TraineeConversationState(storage);
  const userState = new UserState(storage);
  const stopPruning = keepTranscripts(config, adapter, log);

  // 5. Content: personas (broken files are warnings, the valid ones load) and the classifier rules.
  const personas = config.personasDir ? loadPersonaLibrary(config.personasDir) : loadPersonaLibrary();
  for (const problem of personas.problems) {
    log.warn('persona_problem', { file: problem.file, field: problem.field, problem: problem.message });
  }
  const classifier = loadDefaultClassifier();

  // 6. Feedback charts and group demos: charts and Teams meter card ids live in the shared storage; rooms live in
  //    their conversations' state, join codes next to them. The projector hub gets room changes in this process
  //    (DEMO_FEED=in-process) or, with several instances, from the shared store (DEMO_FEED=store); after a restart,
  //    or on another instance, it reads a room from the storage its conversation saved it in.
  const charts = new ChartStore(storage);
  const demoMeters = new DemoMeters(storage);
  const demoRooms = config.projector ? new DemoRooms(storage, conversationState, personas) : undefined;
  const demoHub = demoRooms ? createDemoHub(config, demoRooms, log) : undefined;
  const joinCodes = demoHub
    ? new JoinCodes(demoHub, demoRooms, (error) => log.warn('join_code_not_kept', { error: String(error) }))
    : undefined;

  // 7. The bot. `localUrl` (for projector links in local web chat) is known once the server listens.
  let localUrl: string | undefined = undefined;
  const bot = createBot({
    config,
    log,
    conversationState,
    userState,
    storage,
    personas,
    classifier,
    rulesVersions: loadRuleVersions(),
    charts,
    ...(demoHub ? { projector: projectorFor(demoHub, joinCodes) } : {}),
    demoMeters,
    ...(demoRooms ? { demoRooms } : {}),
    localUrl: () => localUrl,
  });

  // 8. HTTP server and routes.
  const app = createServer({
    config,
    log,
    adapter,
    bot,
    personasCount: () => personas.personas.length,
    demoHub,
    joinCodes,
    charts,
    storage,
  });
  const { port } = await app.listen(config.port, config.host);
  // The default language's rules and learned model are read and compiled on their first use; do it now, just after
  // listening, so the first trainee does not wait for it (seconds on a cold, busy machine). A broken rule file is
  // logged here and answered with the turn error on the first reply, as before.
  const warmUp = setImmediate(() => {
    try {
      classifier.classify('', config.defaultLang);
    } catch (error) {
      log.error('classifier.warm_up_failed', { error: (error as Error).name, errorMessage: (error as Error).message });
    }
  });
  const stopMemoryLog = logMemory(config.memoryLogSeconds, log);
  const url = `http://localhost:${port}/`;
  localUrl = url.replace(/\/$/, '');
  log.info('server_listening', {
    url,
    host: config.host,
    port,
    embeddedDirectLine: config.embeddedDirectLine,
    projector: config.projector,
    credentials: config.hasCredentials,
    storage: config.storage.kind,
    personas: personas.personas.length,
  });
  return {
    url,
    port,
    close: async () => {
      clearImmediate(warmUp);
      stopPruning();
      stopMemoryLog();
      await app.close();
      await joinCodes?.whenKept();
      demoHub?.close();
    },
  };
}

/**
 * The projector hub, with the room feed the configuration asks for: in this process, or through the store (read
 * only while a projector watches the room here). Either way a room this hub does not hold is read from storage.
 */
function createDemoHub(config: AppConfig, demoRooms: DemoRooms, log: Logger): DemoHub {
  if (config.demoFeed.kind === 'in-process') {
    return new DemoHub({ restore: (roomId) => demoRooms.snapshot(roomId, Date.now()) });
  }
  const feed = new StoreRoomFeed({
    read: (roomId) => demoRooms.current(roomId, Date.now()),
    intervalMs: config.demoFeed.pollMs,
    onError: (error) => log.warn('demo_feed_read_failed', { error: String(error) }),
  });
  return new DemoHub({ feed, restore: async (roomId) => (await demoRooms.current(roomId, Date.now()))?.snapshot });
}

const TRANSCRIPT_CHANNELS = ['directline', 'webchat', 'msteams', 'emulator'];
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * With KEEP_TRANSCRIPTS=true, every activity is logged to the transcript store
 * and transcripts older than RETENTION_DAYS are deleted at start and daily.
 * Returns the function that stops the daily pruning.
 */
function keepTranscripts(config: AppConfig, adapter: CloudAdapter, log: Logger): () => void {
  if (!config.retention.keepTranscripts) return () => undefined;
  const store = createTranscriptStore(config.storage, log);
  if (!store) return () => undefined;
  adapter.use(new TranscriptLoggerMiddleware(store));
  const prune = () => {
    const cutoff = new Date(Date.now() - config.retention.days * DAY_MS);
    pruneTranscripts(store, TRANSCRIPT_CHANNELS, cutoff).then(
      (deleted) => log.info('transcripts_pruned', { deleted, retentionDays: config.retention.days }),
      (error: Error) => log.warn('transcripts_prune_failed', { error: error.message }),
    );
  };
  prune();
  const timer = setInterval(prune, DAY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * With MEMORY_LOG_SECONDS, a `memory` line that often: resident memory and the V8 heap, in MB (`npm run soak`
 * reads them). Returns the function that stops it.
 */
function logMemory(seconds: number, log: Logger): () => void {
  if (seconds <= 0) return () => undefined;
  const mb = (bytes: number) => Math.round(bytes / 104857.6) / 10;
  const timer = setInterval(() => {
    const { rss, heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage();
    log.info('memory', {
      rssMb: mb(rss),
      heapUsedMb: mb(heapUsed),
      heapTotalMb: mb(heapTotal),
      externalMb: mb(external),
      arrayBuffersMb: mb(arrayBuffers),
    });
  }, seconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}

function resolveConfig(overrides: StartOverrides): AppConfig {
  if ('env' in overrides) return loadConfig(overrides.env ?? process.env);
  const base = loadConfig();
  return Object.freeze({ ...base, ...(overrides as Partial<AppConfig>) });
}

async function main(): Promise<void> {
  let app: RunningApp;
  try {
    app = await startApp();
  } catch (error) {
    console.error(`Could not start: ${(error as Error).message}`);
    process.exit(1);
  }
  console.log(`Practice bot ready: ${app.url} (English: ${app.url}?lang=en)`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received, shutting down…`);
    const force = setTimeout(() => process.exit(1), 5_000);
    force.unref();
    void app.close().then(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

if (require.main === module) void main();

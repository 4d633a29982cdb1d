/**
 * Builds the restify server and all routes:
 *
 * - POST /api/messages      Bot Framework channels (Teams, Azure Direct Line, Emulator) via CloudAdapter
 * - GET  /healthz           `{ status: 'ok', personas: n }`
 * - GET  /                  the web chat page (`?lang=nl|en`), its bundle and token route (webChatRoutes.ts)
 * - /v3/directline/...      the embedded Direct Line (polling routes and the WebSocket stream), and
 *                           /v3/conversations/... its loopback connector (on when config.embeddedDirectLine)
 * - GET  /demo/:roomId[/events]  the projector view of a group demo (projector/projectorRoutes.ts), with a demoHub
 * - GET  /charts/:file      anger chart PNG/SVG for Teams cards (chartRoutes.ts), with a chart store
 * - GET  /privacy, /terms   privacy statement (from this deployment's settings) and terms of use (aboutPages.ts)
 *
 * Errors share one JSON shape (errors.ts): malformed JSON → 400, body over 256 KB → 413, unknown route → 404;
 * a body on /api/messages that is not an activity → 400 before the adapter sees it (see {@link activityProblem}).
 *
 * @example
 * const app = createServer({ config, log, adapter, bot, personasCount: () => library.personas.length });
 * const { port } = await app.listen(config.port, config.host);
 */
import { randomBytes } from 'crypto';
import type { AddressInfo } from 'net';
import * as restify from 'restify';
import type { ActivityHandler, CloudAdapter, Storage } from 'botbuilder';
import type { AppConfig } from '../config';
import { restifyLogSink, type Logger, type LogSink } from '../logging';
import { attachActivityStreams, type ActivityStreams } from './directLine/activityStream';
import { BotDelivery, type BotAccount } from './directLine/botDelivery';
import { registerConnectorRoutes } from './directLine/connectorRoutes';
import { registerDirectLineRoutes } from './directLine/directLineRoutes';
import { DIRECT_LINE_STORAGE_SWEEP_MS, DirectLineStore } from './directLine/directLineStore';
import { ConversationPersistence, STORAGE_PREFIX } from './directLine/conversationPersistence';
import { isSameOrigin, PAGE_NONCE_HEADER, PageNonces } from './directLine/pageNonce';
import { RateLimiter } from './directLine/rateLimiter';
import { crossOriginRefusal, localModeRefusal } from './localOnly';
import { checkAtEdge } from './activityEdge';
import { DEMO_ROOM_KEY_PREFIXES, type ChartStore } from '../bot';
import { sweepDataFolder, sweepKeyPrefix, type ShortLivedItems, type SweepRules } from '../storage';
import { registerAboutPages } from './aboutPages';
import { registerChartRoutes } from './chartRoutes';
import { installErrorFormatting, sendError, sendRetryLater } from './errors';
import type { DemoHub } from './projector/demoHub';
import type { JoinCodes } from './projector/joinCodes';
import { registerProjectorRoutes, type ProjectorRoutes } from './projector/projectorRoutes';
import { registerJoinRoute } from './joinRoute';
import { registerWebChatRoutes, TOKEN_PATH } from './webChatRoutes';
import { route } from './route';

/** restify exports the pino it logs with (untyped in @types/restify). */
const restifyPino = (restify as unknown as { logger: (options: object, sink: LogSink) => restify.ServerOptions['log'] })
  .logger;

const HOUR_MS = 60 * 60 * 1000;

/** Largest request body accepted (413 above). */
export const MAX_BODY_BYTES = 256 * 1024;

export interface ServerDependencies {
  config: AppConfig;
  log: Logger;
  adapter: CloudAdapter;
  bot: ActivityHandler;
  /** Number of loaded personas, reported by /healthz. */
  personasCount?: () => number;
  /** Group demos: serve the projector view of the rooms in this hub. */
  demoHub?: DemoHub;
  /** Group demos in web chat: trainees join a room by its code (joinRoute.ts); needs the hub and the embedded Direct Line. */
  joinCodes?: JoinCodes;
  /** Serve stored anger charts under /charts/ (Teams cards link to them). */
  charts?: ChartStore;
  /** The bot's storage, so "forget me" can delete a trainee's state (webChatRoutes.ts). */
  storage?: Storage;
  /** Override the embedded Direct Line's limits (tests). */
  directLineStore?: DirectLineStore;
  /** How long a posted activity waits for its turn before 503 (default 15 s; tests). */
  directLineTurnTimeoutMs?: number;
}

export interface AppServer {
  readonly server: restify.Server;
  /** The embedded Direct Line's state, when it is on. */
  readonly directLine?: DirectLineStore;
  /** The embedded Direct Line's WebSocket streams, when it is on. */
  readonly streams?: ActivityStreams;
  /** Starts listening; resolves with the actual port (useful with port 0). */
  listen(port: number, host: string): Promise<{ port: number }>;
  close(): Promise<void>;
}

export function createServer(deps: ServerDependencies): AppServer {
  const { config, log, adapter, bot } = deps;
  const server = restify.createServer({
    name: 'deescalation-practice-bot',
    handleUncaughtExceptions: false,
    // restify's own warnings go through our logger, without the requests it would dump (tokens, trainee text).
    log: restifyPino({ name: 'restify', level: 'warn' }, restifyLogSink(log)),
  });

  installErrorFormatting(server, (err, req) =>
    log.error('http_error', { method: req.method, path: req.getPath(), error: err }),
  );
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: MAX_BODY_BYTES, rejectUnknown: false }));

  server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
    const refusal = crossOriginRefusal(req) ?? (config.hasCredentials ? undefined : localModeRefusal(req, {}, 'body'));
    if (refusal) return sendError(res, refusal.status, refusal.code, refusal.message);
    const problem = activityProblem(req.body) ?? checkAtEdge(req.body as Record<string, unknown>);
    if (problem) return sendError(res, 400, 'BadRequest', `Expected a Bot Framework activity: ${problem}`);
    const local = config.hasCredentials ? undefined : localModeRefusal(req, req.body as object, 'serviceUrl');
    if (local) return sendError(res, local.status, local.code, local.message);
    await adapter.process(req, res, (context) => bot.run(context));
  });

  server.get(
    '/healthz',
    route((_req: restify.Request, res: restify.Response) => {
      res.json({ status: 'ok', personas: deps.personasCount?.() ?? 0 });
    }),
  );

  let directLine: DirectLineStore | undefined;
  const pageNonces = config.hasCredentials && config.embeddedDirectLine ? new PageNonces() : undefined;
  let streams: ActivityStreams | undefined;
  let serviceUrl = '';
  // Every route that creates a conversation is rate limited per client: the page's token route (webChatRoutes.ts)
  // on both paths (each Azure token is a Direct Line conversation billed to the deployment) and the embedded
  // Direct Line's own routes. With app credentials and the embedded Direct Line (hosted) the token route also
  // answers the bot's own page only: same origin and a page nonce (pageNonce.ts).
  const createLimiter = new RateLimiter({
    perMinute: config.directLine.createsPerMinute,
    burst: 2 * config.directLine.createsPerMinute,
  });
  server.pre((req: restify.Request, res: restify.Response, next: (stop?: false) => void) => {
    if (req.method !== 'POST' || req.getPath() !== TOKEN_PATH) return next();
    if (pageNonces && !(isSameOrigin(req.headers.origin, req.headers.host) && pageNonces.isValid(nonceIn(req)))) {
      sendError(res, 403, 'PageOnly', 'Tokens are handed to the bot’s own page only');
      return next(false);
    }
    if (createLimiter.take(req.socket.remoteAddress ?? '')) return next();
    sendRetryLater(res, 429, 'TooManyRequests', createLimiter.retryAfterSeconds);
    return next(false);
  });
  if (config.embeddedDirectLine) {
    const budgets = config.directLine;
    directLine =
      deps.directLineStore ??
      new DirectLineStore({
        // Conversations, tokens and watermarks survive a restart in the bot's storage.
        persistence: deps.storage && new ConversationPersistence(deps.storage, log),
        maxBytes: budgets.maxBytes,
        maxBytesPerConversation: budgets.maxBytesPerConversation,
        maxActivityBytes: budgets.maxActivityBytes,
      });
    const connectorKey = randomBytes(32).toString('base64url');
    const botAccount: BotAccount = {
      id: config.credentials.appId || 'deescalation-practice-bot',
      name: 'Practice customer',
    };
    const delivery = new BotDelivery({
      adapter,
      bot,
      store: directLine,
      botAccount,
      appId: config.credentials.appId,
      connectorKey,
      serviceUrl: () => serviceUrl,
      log,
      maxQueuedTurns: budgets.maxQueuedTurns,
      turnTimeoutMs: deps.directLineTurnTimeoutMs,
    });
    registerDirectLineRoutes(server, {
      store: directLine,
      delivery,
      secret: config.directLineSecret,
      limiter: createLimiter,
      log,
    });
    if (deps.joinCodes && deps.demoHub) {
      const store = directLine;
      deps.joinCodes.acceptConversations(
        (conversationId) => store.has(conversationId),
        (conversationId) => store.lastWatermark(conversationId),
      );
      registerJoinRoute(server, {
        codes: deps.joinCodes,
        hub: deps.demoHub,
        directLine: store,
        limiter: createLimiter,
        fromOwnPage:
          pageNonces &&
          ((req) => isSameOrigin(req.headers.origin, req.headers.host) && pageNonces.isValid(nonceIn(req))),
        log,
      });
    }
    streams = attachActivityStreams(server.server, { store: directLine, log });
    registerConnectorRoutes(server, {
      store: directLine,
      botAccount,
      connectorKey,
      requireKey: true,
      log,
    });
  }
  registerWebChatRoutes(server, {
    defaultLang: config.defaultLang,
    directLine,
    directLineSecret: config.directLineSecret,
    directLineEndpoint: config.directLineEndpoint,
    storage: deps.storage,
    allowedOrigins: config.allowedOrigins,
    pageNonce: pageNonces && (() => pageNonces.issue()),
    joinable: Boolean(directLine && deps.joinCodes && deps.demoHub),
    log,
  });

  registerAboutPages(server, {
    retention: config.retention,
    log: config.log,
    projector: config.projector,
    embeddedDirectLine: config.embeddedDirectLine,
    directLineSecret: config.directLineSecret,
    defaultLang: config.defaultLang,
  });

  let projector: ProjectorRoutes | undefined;
  if (deps.demoHub)
    projector = registerProjectorRoutes(server, {
      hub: deps.demoHub,
      log,
      defaultLang: config.defaultLang,
      ...(directLine && deps.joinCodes ? { joinCodes: deps.joinCodes } : {}),
      ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
    });
  if (deps.charts) registerChartRoutes(server, { charts: deps.charts, log });

  let sweepTimer: NodeJS.Timeout | undefined;
  let retentionTimer: NodeJS.Timeout | undefined;
  let storedDirectLineTimer: NodeJS.Timeout | undefined;
  // The embedded Direct Line's stored conversations that no process holds (left by a restart) go once idle.
  const storedDirectLine = directLine && { keyPrefix: STORAGE_PREFIX, maxAgeMs: directLine.storedMaxAgeMs };
  // Retention (STORAGE=file): expired state, transcripts and temporary files go at start and every hour.
  const sweepRetention = () => {
    sweepDataFolder(config.storage.dataDir, retentionSweepRules(config, storedDirectLine)).then(
      (deleted) => log.info('retention_sweep', { deleted }),
      (error: Error) => log.warn('retention_sweep_failed', { error: error.message }),
    );
  };
  return {
    server,
    directLine,
    streams,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.removeListener('error', reject);
          const address = server.address();
          serviceUrl = loopbackUrl(address);
          if (config.storage.kind === 'file') {
            sweepRetention();
            retentionTimer = setInterval(sweepRetention, HOUR_MS);
            retentionTimer.unref();
            if (storedDirectLine) {
              const sweepStored = () =>
                sweepKeyPrefix(config.storage.dataDir, storedDirectLine).catch((error: Error) =>
                  log.warn('retention_sweep_failed', { error: error.message }),
                );
              storedDirectLineTimer = setInterval(() => void sweepStored(), DIRECT_LINE_STORAGE_SWEEP_MS);
              storedDirectLineTimer.unref();
            }
          }
          if (directLine) {
            const store = directLine;
            sweepTimer = setInterval(() => store.sweep(), 60_000);
            sweepTimer.unref();
          }
          resolve({ port: address.port });
        });
      });
    },
    close() {
      clearInterval(sweepTimer);
      clearInterval(retentionTimer);
      clearInterval(storedDirectLineTimer);
      streams?.close();
      // Open event streams (projector) would otherwise keep the server from closing.
      projector?.closeStreams();
      return new Promise((resolve) => {
        server.close(() => resolve());
        // Long-lived keep-alive connections (browsers) must not hold the shutdown.
        server.server.closeIdleConnections?.();
        setTimeout(() => server.server.closeAllConnections?.(), 2_000).unref();
      });
    },
  };
}

/**
 * Why a parsed body cannot be an activity a channel sent, or undefined. CloudAdapter would answer some of these
 * with 500 (its schema check throws before its own error handling) and run others into a failing turn.
 */
export function activityProblem(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'the body must be a JSON object';
  const activity = body as Record<string, unknown>;
  if (typeof activity.type !== 'string' || activity.type.trim() === '') return '"type" must be a non-empty string';
  if (typeof activity.serviceUrl !== 'string' || activity.serviceUrl === '')
    return '"serviceUrl" must be a non-empty string';
  const conversation = activity.conversation as Record<string, unknown> | undefined;
  if (
    typeof conversation !== 'object' ||
    conversation === null ||
    typeof conversation.id !== 'string' ||
    conversation.id === ''
  ) {
    return '"conversation.id" must be a non-empty string';
  }
  for (const field of ['text', 'channelId', 'id', 'locale']) {
    if (activity[field] !== undefined && activity[field] !== null && typeof activity[field] !== 'string')
      return `"${field}" must be a string`;
  }
  for (const field of ['from', 'recipient']) {
    if (activity[field] !== undefined && (typeof activity[field] !== 'object' || activity[field] === null))
      return `"${field}" must be an object`;
  }
  if (activity.attachments !== undefined && !Array.isArray(activity.attachments))
    return '"attachments" must be an array';
  return undefined;
}

function nonceIn(req: restify.Request): string | undefined {
  const value = req.headers[PAGE_NONCE_HEADER];
  return typeof value === 'string' ? value : undefined;
}

/** How this process reaches itself: loopback for wildcard/loopback binds, else the bound address. */
function loopbackUrl(address: AddressInfo): string {
  const host = address.address;
  if (host === '::1') return `http://[::1]:${address.port}`;
  if (host === '0.0.0.0' || host === '::' || host.startsWith('127.') || host === '::ffff:127.0.0.1') {
    return `http://127.0.0.1:${address.port}`;
  }
  return address.family === 'IPv6' ? `http://[${host}]:${address.port}` : `http://${host}:${address.port}`;
}

/**
 * What the hourly retention sweep deletes and when: conversation state after CONVERSATION_RETENTION_HOURS, other
 * items after RETENTION_DAYS, the embedded Direct Line's stored conversations once idle, and a group demo's own
 * items (they hold participants' names and words) with conversation state.
 */
export function retentionSweepRules(config: AppConfig, storedDirectLine?: ShortLivedItems): SweepRules {
  const conversationMaxAgeMs = config.retention.conversationHours * HOUR_MS;
  return {
    conversationMaxAgeMs,
    retentionMaxAgeMs: config.retention.days * 24 * HOUR_MS,
    shortLived: [
      ...(storedDirectLine ? [storedDirectLine] : []),
      ...DEMO_ROOM_KEY_PREFIXES.map((keyPrefix) => ({ keyPrefix, maxAgeMs: conversationMaxAgeMs })),
    ],
  };
}

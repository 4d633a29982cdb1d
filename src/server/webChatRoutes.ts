/**
 * What the browser needs for the web chat page:
 *
 * - GET  /                     the page (Dutch by default, `?lang=en` for English; `?transport=polling` turns
 *                              streaming off, for the latency benchmark)
 * - GET  /embed                the chat alone, for an iframe on pages that allow no scripts (`?lang=`,
 *                              `?persona=`, `?color=`)
 * - GET  /widget.js            the embeddable chat widget (widgetScript.ts)
 * - GET  /webchat/webchat.js   botframework-webchat's prebuilt bundle, served from node_modules (gzip when accepted)
 * - POST /api/trainee/forget   "forget me" (forgetTraineeRoute.ts), on either Direct Line, given the storage
 * - POST /api/directline/token a Direct Line token for the page: from the embedded Direct Line, or, when that is
 *                              off and DIRECTLINE_SECRET is set, exchanged with Azure's Direct Line service at
 *                              DIRECTLINE_ENDPOINT (directLineToken.ts); 503 when neither is configured. Both take
 *                              the remembered trainee id (`{ user: { id } }`, see traineeIdentity.ts) and answer
 *                              with it; the embedded one also with the trainee's own conversation and its
 *                              `streamUrl`, Azure's with a new conversation whose token is bound to `dl_<id>`
 */
import * as fs from 'fs';
import * as path from 'path';
import { promisify } from 'util';
import { gzip } from 'zlib';
import type { Storage } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import type { Lang } from '../config';
import type { Logger } from '../logging';
import { streamUrlFor } from './directLine/activityStream';
import type { DirectLineStore } from './directLine/directLineStore';
import { createDirectLineTokenRoute } from './directLineToken';
import { frameAncestors, installEmbedOrigins } from './embedOrigins';
import { sendError } from './errors';
import { registerForgetTraineeRoute } from './forgetTraineeRoute';
import { route } from './route';
import { conversationIdFor, newTraineeId, traineeIdIn } from './traineeIdentity';
import { pageLang, renderWebChatPage, type WebChatPageOptions } from './webChatPage';
import { renderWidgetScript, WIDGET_PATH } from './widgetScript';
import { renderJoinPage } from './joinPage';
import { JOIN_PATH } from './joinRoute';

export const BUNDLE_PATH = '/webchat/webchat.js';
export const TOKEN_PATH = '/api/directline/token';
export const FORGET_PATH = '/api/trainee/forget';
export const EMBED_PATH = '/embed';

/** Absolute path of botframework-webchat's prebuilt browser bundle inside node_modules. */
export function webChatBundleFile(): string {
  // The package's "exports" hide dist/, so resolve its CommonJS entry (lib/index.js) and go from there.
  const file = path.join(path.dirname(require.resolve('botframework-webchat')), '..', 'dist', 'webchat.js');
  if (!fs.existsSync(file)) throw new Error(`webChatBundleFile: ${file} is missing; run npm install`);
  return file;
}

export interface WebChatRouteDeps {
  defaultLang: Lang;
  /** The embedded Direct Line's store, when it is on. */
  directLine?: DirectLineStore;
  /** DIRECTLINE_SECRET, used to get tokens from Azure's Direct Line when the embedded one is off. */
  directLineSecret?: string;
  /** DIRECTLINE_ENDPOINT: Azure's Direct Line base URL (default the global one). */
  directLineEndpoint?: string;
  /** The bot's storage: with it, "forget me" deletes a trainee's state. */
  storage?: Storage;
  /** ALLOWED_ORIGINS: the sites that may embed the chat (embedOrigins.ts). */
  allowedOrigins?: readonly string[];
  /** With credentials: a signed page nonce per page, which the token route then requires (createServer.ts). */
  pageNonce?: () => string;
  log: Logger;
  /** Group demo rooms can be joined here (`/?join=<code>` shows the join page, joinRoute.ts). */
  joinable?: boolean;
}

export function registerWebChatRoutes(server: Server, deps: WebChatRouteDeps): void {
  const bundleFile = webChatBundleFile();
  let bundle: Promise<{ raw: Buffer; gzipped: Buffer }> | undefined;
  const loadBundle = () => {
    bundle ??= (async () => {
      const raw = await fs.promises.readFile(bundleFile);
      return { raw, gzipped: await promisify(gzip)(raw) };
    })();
    bundle.catch(() => (bundle = undefined));
    return bundle;
  };

  const allowedOrigins = deps.allowedOrigins ?? [];
  installEmbedOrigins(server, {
    allowedOrigins,
    guardedPaths: [TOKEN_PATH, FORGET_PATH],
    corsPrefixes: ['/v3/directline/'],
  });

  const sendPage = (res: Response, options: WebChatPageOptions) => {
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Language': options.lang,
      'Content-Security-Policy': frameAncestors(allowedOrigins),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
    res.end(renderWebChatPage(options));
  };
  const pageOptions = (req: Request): WebChatPageOptions => {
    const query = req.query as Record<string, unknown> | undefined;
    return {
      lang: pageLang(query?.lang, deps.defaultLang),
      tokenUrl: TOKEN_PATH,
      forgetUrl: FORGET_PATH,
      bundleUrl: BUNDLE_PATH,
      transport: query?.transport === 'polling' ? 'polling' : 'auto',
      pageNonce: deps.pageNonce?.(),
    };
  };

  server.get(
    '/',
    route((req: Request, res: Response) => {
      const join = (req.query as Record<string, unknown> | undefined)?.join;
      // `/?join=<code>`: a trainee joins a group demo room (joinPage.ts), when rooms can be joined here.
      if (typeof join === 'string' && deps.joinable) return sendJoinPage(res, req, join);
      sendPage(res, pageOptions(req));
    }),
  );

  const sendJoinPage = (res: Response, req: Request, code: string) => {
    const options = pageOptions(req);
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Language': options.lang,
      'Content-Security-Policy': frameAncestors([]),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
    res.end(
      renderJoinPage({
        lang: options.lang,
        code,
        joinPath: JOIN_PATH,
        bundleUrl: BUNDLE_PATH,
        ...(options.pageNonce ? { pageNonce: options.pageNonce } : {}),
      }),
    );
  };

  server.get(
    EMBED_PATH,
    route((req: Request, res: Response) => {
      const query = req.query as Record<string, unknown> | undefined;
      const persona =
        typeof query?.persona === 'string' && /^[a-z0-9-]{1,64}$/.test(query.persona) ? query.persona : undefined;
      const accent =
        typeof query?.color === 'string' && /^#[0-9a-fA-F]{3,8}$/.test(query.color) ? query.color : undefined;
      sendPage(res, { ...pageOptions(req), layout: 'embed', persona, accent });
    }),
  );

  const widget = renderWidgetScript({ tokenPath: TOKEN_PATH, forgetPath: FORGET_PATH, bundlePath: BUNDLE_PATH });
  server.get(
    WIDGET_PATH,
    route((_req: Request, res: Response) => {
      res.writeHead(200, {
        'Content-Type': 'application/javascript; charset=utf-8',
        'Cache-Control': 'public, max-age=300',
        'X-Content-Type-Options': 'nosniff',
      });
      res.end(widget);
    }),
  );

  server.get(BUNDLE_PATH, async (req: Request, res: Response) => {
    const { raw, gzipped } = await loadBundle();
    const useGzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const body = useGzip ? gzipped : raw;
    res.writeHead(200, {
      'Content-Type': 'application/javascript; charset=utf-8',
      'Content-Length': String(body.length),
      'Cache-Control': 'public, max-age=3600',
      'X-Content-Type-Options': 'nosniff',
      Vary: 'Accept-Encoding',
      ...(useGzip ? { 'Content-Encoding': 'gzip' } : {}),
    });
    res.end(body);
  });

  if (deps.directLine) {
    const store = deps.directLine;
    server.post(
      TOKEN_PATH,
      // After a restart the trainee's conversation is in storage only: restored first, so the page resumes it.
      async (req: Request, res: Response) => {
        const userId = traineeIdIn(req.body) ?? newTraineeId();
        const conversationId = conversationIdFor(userId);
        await store.restore(conversationId);
        const resumed = store.get(conversationId)?.started === true;
        const issued = store.create({ id: conversationId, userId });
        res.header('Cache-Control', 'no-store');
        res.json({
          conversationId: issued.conversationId,
          token: issued.token,
          expires_in: issued.expiresIn,
          userId,
          traineeId: userId,
          resumed,
          streamUrl: streamUrlFor(req, issued.conversationId, issued.token),
          webSocket: true,
          pollingInterval: 500,
        });
      },
    );
  } else if (deps.directLineSecret) {
    server.post(
      TOKEN_PATH,
      createDirectLineTokenRoute({ secret: deps.directLineSecret, domain: deps.directLineEndpoint, log: deps.log }),
    );
  } else {
    server.post(
      TOKEN_PATH,
      route((_req: Request, res: Response) => {
        sendError(res, 503, 'WebChatUnavailable', 'Web chat is off: set EMBEDDED_DIRECTLINE=true or DIRECTLINE_SECRET');
      }),
    );
  }
  if (deps.storage && (deps.directLine || deps.directLineSecret)) {
    registerForgetTraineeRoute(server, FORGET_PATH, {
      storage: deps.storage,
      directLine: deps.directLine,
      log: deps.log,
    });
  }
}

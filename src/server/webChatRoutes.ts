/**
 * What the browser needs for the web chat page:
 *
 * - GET  /                     the page (Dutch by default, `?lang=en` for English)
 * - GET  /webchat/webchat.js   botframework-webchat's prebuilt bundle, served from node_modules (gzip when accepted)
 * - POST /api/directline/token a Direct Line token for the page: from the embedded Direct Line, or, when that is
 *                              off and DIRECTLINE_SECRET is set, exchanged with Azure's Direct Line service
 *                              (directLineToken.ts); 503 when neither is configured
 */
import * as fs from 'fs';
import * as path from 'path';
import { promisify } from 'util';
import { gzip } from 'zlib';
import type { Request, Response, Server } from 'restify';
import type { Lang } from '../config';
import type { Logger } from '../logging';
import type { DirectLineStore } from './directLine/directLineStore';
import { createDirectLineTokenRoute } from './directLineToken';
import { sendError } from './errors';
import { pageLang, renderWebChatPage } from './webChatPage';
import { route } from './route';

export const BUNDLE_PATH = '/webchat/webchat.js';
export const TOKEN_PATH = '/api/directline/token';

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
  log: Logger;
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

  server.get(
    '/',
    route((req: Request, res: Response) => {
      const lang = pageLang((req.query as Record<string, unknown> | undefined)?.lang, deps.defaultLang);
      const html = renderWebChatPage({ lang, tokenUrl: TOKEN_PATH, bundleUrl: BUNDLE_PATH });
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
        'Content-Language': lang,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
      });
      res.end(html);
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
      route((_req: Request, res: Response) => {
        const issued = store.create();
        res.header('Cache-Control', 'no-store');
        res.json({
          conversationId: issued.conversationId,
          token: issued.token,
          expires_in: issued.expiresIn,
          webSocket: false,
          pollingInterval: 500,
        });
      }),
    );
  } else if (deps.directLineSecret) {
    server.post(TOKEN_PATH, createDirectLineTokenRoute({ secret: deps.directLineSecret, log: deps.log }));
  } else {
    server.post(
      TOKEN_PATH,
      route((_req: Request, res: Response) => {
        sendError(res, 503, 'WebChatUnavailable', 'Web chat is off: set EMBEDDED_DIRECTLINE=true or DIRECTLINE_SECRET');
      }),
    );
  }
}

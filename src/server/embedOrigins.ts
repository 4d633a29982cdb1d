/**
 * Which sites may embed the practice chat (ALLOWED_ORIGINS), enforced three ways:
 *
 * - CORS: the token route, "forget me" and the embedded Direct Line answer an allowed origin's requests (and
 *   their preflights) with `Access-Control-Allow-Origin`, so the widget on that site can talk to the bot;
 * - refusal: a request to the token route or "forget me" from any other site gets 403, so it gets no token;
 * - `frame-ancestors`: the pages (`/`, `/embed`) may be framed by the bot itself and the allowed sites only.
 *
 * The bot's own pages are same-origin and always pass.
 */
import type { Request, Response, Server } from 'restify';
import { sendError } from './errors';

export interface EmbedOriginsOptions {
  allowedOrigins: readonly string[];
  /** Paths that refuse other sites (exact). */
  guardedPaths: readonly string[];
  /** Path prefixes that answer allowed sites with CORS headers (the guarded paths always do). */
  corsPrefixes: readonly string[];
}

const ALLOWED_HEADERS = 'Authorization, Content-Type, Accept, x-ms-bot-agent, X-Requested-With';

/** The `Content-Security-Policy` value that lets only the bot and the allowed sites frame a page. */
export function frameAncestors(allowedOrigins: readonly string[]): string {
  return `frame-ancestors ${["'self'", ...allowedOrigins].join(' ')}`;
}

/** The request's own origin as the browser sees it (scheme from the proxy when behind one). */
function ownOrigin(req: Request): string {
  const forwarded = String(req.headers['x-forwarded-proto'] ?? '')
    .split(',')[0]
    ?.trim();
  const scheme = forwarded === 'https' || req.isSecure() ? 'https' : 'http';
  return `${scheme}://${req.headers.host ?? ''}`;
}

export function installEmbedOrigins(server: Server, options: EmbedOriginsOptions): void {
  const allowed = new Set(options.allowedOrigins);
  const guarded = new Set(options.guardedPaths);
  const isCorsPath = (path: string) => guarded.has(path) || options.corsPrefixes.some((p) => path.startsWith(p));

  server.pre((req: Request, res: Response, next: (stop?: false) => void) => {
    const origin = req.headers.origin;
    const path = req.getPath();
    if (typeof origin !== 'string' || origin === ownOrigin(req) || !isCorsPath(path)) return next();
    if (!allowed.has(origin)) {
      if (guarded.has(path)) {
        sendError(res, 403, 'OriginNotAllowed', 'This site may not embed the practice chat (ALLOWED_ORIGINS)');
        return next(false);
      }
      return next();
    }
    res.header('Access-Control-Allow-Origin', origin);
    res.header('Vary', 'Origin');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS',
        'Access-Control-Allow-Headers': ALLOWED_HEADERS,
        'Access-Control-Max-Age': '600',
      });
      res.end();
      return next(false);
    }
    return next();
  });
}

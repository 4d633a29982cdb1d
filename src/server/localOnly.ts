/**
 * Local mode (no app credentials) is for local use only: `/api/messages` has no authentication then, so it
 * takes only what local tools send. A request is refused when
 *
 * - it comes from a web page on another site (an `Origin` header that is not the bot's own): 403, so a page the
 *   trainee visits cannot post into the bot from the browser;
 * - its body is not JSON (a form-encoded body is what such a page could send without a CORS preflight): 415;
 * - its `serviceUrl` is not on this machine (localhost, 127.0.0.0/8, ::1): 403, so replies, exports included,
 *   can only go to a local connector (the Emulator, the embedded Direct Line), never to a server of the caller's
 *   choice.
 *
 * With credentials the channel token already binds the `serviceUrl` (botAuthentication.ts); only the Origin
 * check applies there too (no channel sends one).
 */
import type { Request } from 'restify';
import { isSameOrigin } from './directLine/pageNonce';

export interface Refusal {
  status: 403 | 415;
  code: string;
  message: string;
}

/** Why a request from a browser on another site is refused, or undefined. */
export function crossOriginRefusal(req: Request): Refusal | undefined {
  const origin = req.headers.origin;
  if (origin === undefined || isSameOrigin(origin, req.headers.host)) return undefined;
  return { status: 403, code: 'Forbidden', message: 'Cross-origin requests are not accepted here' };
}

/**
 * Why a `/api/messages` request without credentials is refused, or undefined: `'body'` checks the content type
 * (before the activity is looked at), `'serviceUrl'` the activity's serviceUrl (after).
 */
export function localModeRefusal(
  req: Request,
  activity: { serviceUrl?: unknown },
  check: 'body' | 'serviceUrl',
): Refusal | undefined {
  if (check === 'serviceUrl') {
    if (isLoopbackUrl(activity.serviceUrl)) return undefined;
    return {
      status: 403,
      code: 'Forbidden',
      message: 'Without app credentials the serviceUrl must be on this machine (localhost)',
    };
  }
  const contentType = String(req.headers['content-type'] ?? '')
    .split(';')[0]
    ?.trim()
    .toLowerCase();
  if (contentType !== 'application/json') {
    return { status: 415, code: 'UnsupportedMediaType', message: 'Only application/json is accepted' };
  }
  return undefined;
}

/** True for an http(s) URL whose host is localhost, in 127.0.0.0/8 or ::1. */
export function isLoopbackUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  const host = url.hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

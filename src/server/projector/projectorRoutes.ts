/**
 * The projector view of a group demo:
 *
 * - GET /demo/:roomId         the big-type page, in the room's language (`?lang=nl|en` overrides the chrome)
 * - GET /demo/:roomId/events  Server-Sent Events: the last snapshot at once, then every publish;
 *                             a `: ping` comment every 15 s; `event: closed` when the room goes away
 *
 * The room id is the secret: 128 random bits ({@link newRoomId}), so the link is the key. Unknown, expired
 * and malformed ids all get the same friendly 404, and the page is never cached, indexed or sent as a referrer.
 *
 * @example
 * const hub = new DemoHub();
 * const projector = registerProjectorRoutes(server, { hub, log });
 * // on shutdown: projector.closeStreams(); hub.close();
 */
import { randomBytes } from 'crypto';
import * as QRCode from 'qrcode';
import type { Request, Response, Server } from 'restify';
import { isRoomId } from '../../../dialogs';
import { isLang, type Lang, type RoomSnapshot } from '../../core';
import type { Logger } from '../../logging';
import { sendError } from '../errors';
import type { DemoHub } from './demoHub';
import type { JoinCodes } from './joinCodes';
import { renderNotFoundPage, renderProjectorPage, type ProjectorJoin } from './projectorPage';
import { pathParam } from '../route';

/** The path of a room's projector page; prefix it with the public base URL for a link. */
export function projectorPath(roomId: string): string {
  return `/demo/${encodeURIComponent(roomId)}`;
}

/** `https://bot.example.org/demo/<room>` (or the bare path without a base). */
export function projectorUrl(publicUrl: string | undefined, roomId: string): string {
  return `${(publicUrl ?? '').replace(/\/+$/, '')}${projectorPath(roomId)}`;
}

/** The web chat page that joins a room by its code: `https://bot.example.org/?join=K7PXQ2`. */
export function joinUrl(publicUrl: string | undefined, code: string): string {
  return `${(publicUrl ?? '').replace(/\/+$/, '')}/?join=${encodeURIComponent(code)}`;
}

export interface ProjectorRouteDeps {
  hub: DemoHub;
  log: Logger;
  /** Page language when neither `?lang=` nor a snapshot says (404 page). Default 'nl'. */
  defaultLang?: Lang;
  /** Heartbeat interval of the event stream (default 15 s). */
  heartbeatMs?: number;
  /** Open event streams allowed per room (default 50) and in total (default 1000); more get 503. */
  maxStreamsPerRoom?: number;
  maxStreams?: number;
  /** Rooms trainees can join from their browsers: the page shows the code, the link and its QR code. */
  joinCodes?: JoinCodes;
  /** PUBLIC_URL: the base of the join link (else the address the projector was opened on). */
  publicUrl?: string;
}

export interface ProjectorRoutes {
  /** Open event streams now. */
  streamCount(): number;
  /** Ends every open event stream (server shutdown). */
  closeStreams(): void;
}

const PAGE_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Robots-Tag': 'noindex, nofollow',
  'X-Frame-Options': 'DENY',
};

function csp(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function registerProjectorRoutes(server: Server, deps: ProjectorRouteDeps): ProjectorRoutes {
  const { hub, log } = deps;
  const heartbeatMs = deps.heartbeatMs ?? 15_000;
  const maxPerRoom = deps.maxStreamsPerRoom ?? 50;
  const maxStreams = deps.maxStreams ?? 1000;
  const streams = new Map<Response, { roomId: string; close: () => void }>();
  const streamsIn = (roomId: string) => [...streams.values()].filter((s) => s.roomId === roomId).length;

  /** The join box of a room browsers can join, while it runs. */
  const joinFor = async (req: Request, snapshot: RoomSnapshot): Promise<ProjectorJoin | undefined> => {
    const code = snapshot.joinCode;
    if (!code || snapshot.ended || (await deps.joinCodes?.open(code))?.roomId !== snapshot.roomId) return undefined;
    const url = joinUrl(deps.publicUrl ?? requestBase(req), code);
    return { code, url, qrSvg: await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }) };
  };

  server.get('/demo/:roomId', async (req: Request, res: Response) => {
    const roomId = pathParam(req, 'roomId');
    const known = isRoomId(roomId) ? await hub.lastOrRestored(roomId) : undefined;
    const requested = (req.query as Record<string, unknown> | undefined)?.lang;
    const nonce = randomBytes(16).toString('base64');
    if (!known) {
      const lang = isLang(requested) ? requested : (deps.defaultLang ?? 'nl');
      sendHtml(res, 404, lang, nonce, renderNotFoundPage(lang, nonce));
      return;
    }
    const lang = isLang(requested) ? requested : known.snapshot.lang;
    const join = await joinFor(req, known.snapshot);
    sendHtml(
      res,
      200,
      lang,
      nonce,
      renderProjectorPage({ snapshot: known.snapshot, lang, nonce, ...(join ? { join } : {}) }),
    );
  });

  server.get('/demo/:roomId/events', async (req: Request, res: Response) => {
    const roomId = pathParam(req, 'roomId');
    const known = isRoomId(roomId) ? await hub.lastOrRestored(roomId) : undefined;
    if (!known) return sendError(res, 404, 'NotFound', 'No such demo room');
    if (streams.size >= maxStreams || streamsIn(roomId) >= maxPerRoom) {
      res.header('Retry-After', '30');
      return sendError(res, 503, 'TooManyViewers', 'Too many projector views are open; close one and try again');
    }

    // Keep the socket open for as long as the viewer stays: no idle timeout, no Nagle delay.
    req.socket.setTimeout(0);
    req.socket.setNoDelay(true);
    req.socket.setKeepAlive(true);
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
      'X-Content-Type-Options': 'nosniff',
    });
    res.flushHeaders();

    let open = true;
    const write = (chunk: string) => {
      if (open && !res.writableEnded) res.write(chunk);
    };
    const send = (snapshot: RoomSnapshot, seq: number) =>
      write(`id: ${seq}\nevent: snapshot\ndata: ${JSON.stringify(snapshot)}\n\n`);
    const heartbeat = setInterval(() => write(': ping\n\n'), heartbeatMs);
    heartbeat.unref();

    const close = (reason: 'client' | 'room' | 'server') => {
      if (!open) return;
      open = false;
      clearInterval(heartbeat);
      unsubscribe?.();
      streams.delete(res);
      if (reason !== 'client' && !res.writableEnded) {
        // The page reconnects either way; after 'server' (a restart) soon, after 'room' (expired) slowly.
        res.write(`event: closed\ndata: ${JSON.stringify({ reason })}\n\n`);
        res.end();
      }
      log.debug('projector_stream_closed', { reason, open: streams.size });
    };
    const unsubscribe = hub.subscribe(roomId, send, () => close('room'));
    streams.set(res, { roomId, close: () => close('server') });
    // The response's 'close' is the connection going away (the viewer left, or the server closed it).
    res.on('close', () => close('client'));
    res.on('error', () => close('client'));

    write('retry: 3000\n\n');
    send(known.snapshot, known.seq);
    log.debug('projector_stream_opened', { open: streams.size });
  });

  return {
    streamCount: () => streams.size,
    closeStreams() {
      for (const stream of [...streams.values()]) stream.close();
    },
  };
}

/** The address the request came in on (`https://host`), for links when PUBLIC_URL is not set. */
function requestBase(req: Request): string {
  const forwarded = String(req.headers['x-forwarded-proto'] ?? '')
    .split(',')[0]
    ?.trim();
  const secure = forwarded === 'https' || req.isSecure();
  return `${secure ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`;
}

function sendHtml(res: Response, status: number, lang: Lang, nonce: string, html: string): void {
  res.writeHead(status, {
    ...PAGE_HEADERS,
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Language': lang,
    'Content-Security-Policy': csp(nonce),
  });
  res.end(html);
}

/**
 * The WebSocket stream of the embedded Direct Line, as Azure's Direct Line offers it: the client opens the
 * `streamUrl` it got from starting or reconnecting a conversation, and the server pushes every activity as a
 * text frame `{ activities, watermark }` the moment it is stored. `?watermark=N` resumes after N (the backlog
 * comes as one frame first); without it the whole kept log comes first, so nothing posted before the socket
 * opened is lost. An empty frame every `heartbeatMs` keeps proxies from closing an idle socket, and a socket
 * that did not answer the previous ping is closed, so the client reconnects.
 *
 * `GET /v3/directline/conversations/:id/stream?t=<token>[&watermark=N]` (upgrade). The token must belong to
 * this conversation: unknown conversation, missing or other token → 401, expired → 403, before upgrading.
 * Runs on the restify server's own HTTP server (`ws` with `noServer`, on its `upgrade` event). After a restart
 * the conversation is restored from storage first (directLineStore.ts), so a page's stream goes on where it was.
 */
import type { IncomingMessage, Server as HttpServer } from 'http';
import type { Duplex } from 'stream';
import type { Request } from 'restify';
import { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../../logging';
import type { ActivitySet, DirectLineStore, Guest } from './directLineStore';
import { guestActivitySet } from './guestView';

export const STREAM_PATH = /^\/v3\/directline\/conversations\/([\w-]{1,128})\/stream$/;

export interface ActivityStreamOptions {
  store: DirectLineStore;
  log: Logger;
  /** Empty frame and ping interval (default 20 s). */
  heartbeatMs?: number;
}

export interface ActivityStreams {
  /** Open sockets, all conversations. */
  readonly openCount: number;
  /** Closes every open stream (clients reconnect); the server keeps accepting new ones. */
  dropAll(): void;
  /** Stops accepting streams and closes the open ones. */
  close(): void;
}

/** The `streamUrl` for a conversation, on the host and scheme the request came in on. */
export function streamUrlFor(req: Request, conversationId: string, token: string, watermark?: string): string {
  const forwarded = String(req.headers['x-forwarded-proto'] ?? '')
    .split(',')[0]
    ?.trim();
  const secure = forwarded === 'https' || req.isSecure();
  const query = new URLSearchParams({ t: token });
  if (watermark) query.set('watermark', watermark);
  const host = req.headers.host ?? 'localhost';
  return `${secure ? 'wss' : 'ws'}://${host}/v3/directline/conversations/${encodeURIComponent(conversationId)}/stream?${query.toString()}`;
}

export function attachActivityStreams(httpServer: HttpServer, options: ActivityStreamOptions): ActivityStreams {
  const { store, log } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const alive = new WeakSet<WebSocket>();

  const refuse = (socket: Duplex, status: number, reason: string) => {
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://stream.invalid');
    const match = STREAM_PATH.exec(url.pathname);
    if (!match) return refuse(socket, 404, 'Not Found');
    const conversationId = match[1] ?? '';
    store.restore(conversationId).then(
      () => upgradeTo(conversationId, url, req, socket, head),
      () => refuse(socket, 503, 'Service Unavailable'),
    );
  };

  const upgradeTo = (conversationId: string, url: URL, req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // An unknown conversation is refused like a wrong token, so ids cannot be probed.
    if (!store.get(conversationId)) return refuse(socket, 401, 'Unauthorized');
    const check = store.checkToken(url.searchParams.get('t') ?? undefined);
    if (!check.ok && check.reason === 'expired') return refuse(socket, 403, 'Forbidden');
    if (!check.ok || check.conversationId !== conversationId) return refuse(socket, 401, 'Unauthorized');
    const rawWatermark = url.searchParams.get('watermark') ?? '';
    if (rawWatermark !== '' && !/^\d+$/.test(rawWatermark)) return refuse(socket, 400, 'Bad Request');
    wss.handleUpgrade(req, socket, head, (ws) =>
      open(ws, conversationId, rawWatermark === '' ? undefined : Number(rawWatermark), check.guest),
    );
  };

  const open = (ws: WebSocket, conversationId: string, asked: number | undefined, guest?: Guest) => {
    const conversation = store.get(conversationId);
    if (!conversation) return ws.close(1011, 'Conversation ended');
    // A guest (joinRoute.ts) never sees the owner's trainee id (guestView.ts).
    const frame = (set: ActivitySet) =>
      JSON.stringify(guest === undefined ? set : guestActivitySet(set, conversation.userId));
    // A guest's stream starts at the room's start, never with what the owner said before it.
    const watermark = guest === undefined ? asked : Math.max(asked ?? 0, guest.since);
    alive.add(ws);
    const send = (data: string) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(data);
    };
    // Backlog and subscription in one tick: nothing stored in between can be missed.
    const backlog = store.activitiesSince(conversationId, watermark);
    const unsubscribe = store.subscribe(conversationId, {
      activities: (set) => send(frame(set)),
      ended: () => ws.close(1000, 'Conversation ended'),
    });
    if (backlog.activities.length > 0) send(frame(backlog));
    ws.on('pong', () => alive.add(ws));
    // Clients send empty messages as their own keep-alive; nothing else is expected on the stream.
    ws.on('message', () => undefined);
    ws.on('error', (error) => log.debug('directline_stream_error', { conversationId, error: error.message }));
    ws.on('close', unsubscribe);
    log.debug('directline_stream_open', { conversationId });
  };

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
      ws.send('');
    }
  }, options.heartbeatMs ?? 20_000);
  heartbeat.unref();

  httpServer.on('upgrade', onUpgrade);
  return {
    get openCount() {
      return wss.clients.size;
    },
    dropAll() {
      for (const ws of wss.clients) ws.close(1001, 'Going away');
    },
    close() {
      clearInterval(heartbeat);
      httpServer.removeListener('upgrade', onUpgrade);
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}

/**
 * `POST /api/demo/join` with `{ code, name, user?: { id } }`: a trainee's browser joins a group demo room that a
 * trainer started with `/demo` in web chat. The join code (joinCodes.ts) leads to the trainer's Direct Line
 * conversation, where the room is played; the answer is a guest token for that conversation, so the trainee sees
 * everything the room sees and what they type goes to the room under their own id and name:
 *
 *   { conversationId, token, expires_in, streamUrl, userId, username, traineeId, lang, webSocket, pollingInterval }
 *
 * `userId` is the trainee's guest id in this room, derived from their remembered trainee id and the conversation
 * (a reload continues as the same participant; the trainee id itself is never shown to the room), and the
 * trainer's id is hidden from guests (guestView.ts). The page then tells the bot with the {@link DEMO_JOIN_EVENT}
 * event, and the room greets the new participant by name.
 *
 * 404 `NoSuchRoom` for a code that leads nowhere (unknown, expired, the room gone), 400 for a missing name, 429
 * when one client tries too many codes.
 */
import { createHash } from 'crypto';
import type { Request, Response, Server } from 'restify';
import { DEMO_JOIN_EVENT } from '../../dialogs';
import { cleanText } from '../core';
import type { Logger } from '../logging';
import { streamUrlFor } from './directLine/activityStream';
import type { DirectLineStore } from './directLine/directLineStore';
import type { RateLimiter } from './directLine/rateLimiter';
import { sendError, sendRetryLater } from './errors';
import type { DemoHub } from './projector/demoHub';
import type { JoinCodes } from './projector/joinCodes';
import { newTraineeId, traineeIdIn } from './traineeIdentity';

export const JOIN_PATH = '/api/demo/join';
export { DEMO_JOIN_EVENT };

/** Display names are shown on the projector and in every chat: one line, at most this long. */
export const MAX_DISPLAY_NAME = 40;

export interface JoinRouteDeps {
  codes: JoinCodes;
  hub: DemoHub;
  directLine: DirectLineStore;
  limiter: RateLimiter;
  /** Hosted: true only for the bot's own page (same origin and a valid page nonce). */
  fromOwnPage?: (req: Request) => boolean;
  log: Logger;
}

/** A trainee's id in one room: stable per browser and room, and it cannot be turned back into the trainee id. */
export function guestIdFor(traineeId: string, conversationId: string): string {
  return `g_${createHash('sha256').update(`guest:${conversationId}:${traineeId}`).digest('base64url').slice(0, 22)}`;
}

/** The display name as typed, cleaned to one line of at most {@link MAX_DISPLAY_NAME} characters; '' when none. */
export function displayName(raw: unknown): string {
  if (typeof raw !== 'string') return '';
  return [...cleanText(raw, { singleLine: true }).trim()].slice(0, MAX_DISPLAY_NAME).join('').trim();
}

export function registerJoinRoute(server: Server, deps: JoinRouteDeps): void {
  const { codes, hub, directLine, limiter, log } = deps;
  server.post(JOIN_PATH, async (req: Request, res: Response) => {
    res.header('Cache-Control', 'no-store');
    if (deps.fromOwnPage && !deps.fromOwnPage(req)) {
      return sendError(res, 403, 'PageOnly', 'Rooms are joined from the bot’s own page only');
    }
    if (!limiter.take(req.socket.remoteAddress ?? '')) {
      return sendRetryLater(res, 429, 'TooManyRequests', limiter.retryAfterSeconds);
    }
    const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
    const name = displayName(body.name);
    if (name === '') return sendError(res, 400, 'BadArgument', 'Expected { code, name } with a display name');
    const door = await codes.open(body.code);
    // The room's conversation may be in storage only (evicted from memory, or after a restart).
    if (door) await directLine.restore(door.conversationId);
    const conversation = door ? directLine.get(door.conversationId) : undefined;
    const room = door ? await hub.lastOrRestored(door.roomId) : undefined;
    if (!door || !conversation || !room) {
      return sendError(res, 404, 'NoSuchRoom', 'No demo room has this code (any more)');
    }
    const traineeId = traineeIdIn(body) ?? newTraineeId();
    const userId = guestIdFor(traineeId, conversation.id);
    const issued = directLine.issueToken(conversation.id, { id: userId, since: door.since });
    log.info('demo_joined', { room: door.roomId.slice(0, 6) });
    res.json({
      conversationId: issued.conversationId,
      token: issued.token,
      expires_in: issued.expiresIn,
      streamUrl: streamUrlFor(req, issued.conversationId, issued.token),
      userId,
      username: name,
      traineeId,
      lang: room.snapshot.lang,
      title: room.snapshot.title,
      joinEvent: DEMO_JOIN_EVENT,
      webSocket: true,
      pollingInterval: 500,
    });
  });
}

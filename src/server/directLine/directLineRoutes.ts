/**
 * The client side of the embedded Direct Line 3.0, enough for Web Chat and botframework-directlinejs, streaming
 * (`webSocket: true`, the `streamUrl` is served by activityStream.ts) or polling:
 *
 * - POST /v3/directline/tokens/generate              → { conversationId, token, expires_in, streamUrl }
 * - POST /v3/directline/tokens/refresh               → { conversationId, token, expires_in }
 * - POST /v3/directline/conversations                → { conversationId, token, expires_in, streamUrl }
 * - GET  /v3/directline/conversations/:id?watermark=N → { conversationId, token, expires_in, streamUrl } (reconnect)
 * - POST /v3/directline/conversations/:id/activities → { id }  (after the bot's turn, like the service)
 * - GET  /v3/directline/conversations/:id/activities?watermark=N → { activities, watermark }
 *
 * Authorization is `Bearer <token>` (a token belongs to one conversation) or `Bearer <DIRECTLINE_SECRET>` when a
 * secret is configured. Without a secret, generating a token and starting a conversation are open (local dev).
 * Missing/wrong token and unknown conversation alike → 401 (a caller cannot probe which conversation ids exist),
 * expired token → 403 (what Direct Line clients expect).
 *
 * Budgets: generating tokens and starting conversations are rate limited per client (429 with Retry-After);
 * a posted activity over the size limit → 413; a conversation with a full turn queue → 429 with Retry-After;
 * an embedded Direct Line whose conversations are all in use → 503 with Retry-After (directLineStore.ts).
 * A posted activity is answered 200 only after its turn ran (botDelivery.ts) and the conversation, replies
 * included, is in storage; a turn still waiting after the timeout → 503, and the client's retry joins it.
 *
 * Restarts: every route that names a conversation or carries a token first restores that conversation from
 * storage when this process does not hold it (directLineStore.ts), so a page goes on after a restart with its
 * token, conversation id and watermark. The posted activity is stored (with its client activity id) before its
 * turn runs: a retry after a crash finds it and runs its turn, or answers it when the turn had run.
 */
import type { Request, Response, Server } from 'restify';
import type { Logger } from '../../logging';
import { checkAtEdge } from '../activityEdge';
import { sendError, sendRetryLater } from '../errors';
import { streamUrlFor } from './activityStream';
import type { BotDelivery, DeliveryResult } from './botDelivery';
import type { DirectLineStore, Guest, IssuedToken } from './directLineStore';
import { guestActivitySet } from './guestView';
import type { RateLimiter } from './rateLimiter';
import { bearerToken, sameSecret } from './tokens';
import { route, pathParam } from '../route';

export const DIRECT_LINE_BASE = '/v3/directline';

/** Fields a client may set on an activity it posts; everything else (ids, from.role, recipient, …) is ours. */
const CLIENT_FIELDS = [
  'type',
  'text',
  'textFormat',
  'locale',
  'localTimestamp',
  'localTimezone',
  'name',
  'value',
  'valueType',
  'channelData',
  'attachments',
  'entities',
  'replyToId',
  'speak',
  'inputHint',
] as const;
const CLIENT_TYPES = new Set(['message', 'event', 'typing', 'invoke', 'messageReaction', 'endOfConversation']);

export interface DirectLineRouteDeps {
  store: DirectLineStore;
  delivery: BotDelivery;
  /** DIRECTLINE_SECRET: when set, required to generate tokens or start conversations without a token. */
  secret?: string;
  /** Limits generating tokens and starting conversations per client. */
  limiter?: RateLimiter;
  log: Logger;
}

export function registerDirectLineRoutes(server: Server, deps: DirectLineRouteDeps): void {
  const { store, delivery, secret, limiter, log } = deps;

  /** False (and 429 sent) when this client has created too much lately. */
  const withinRate = (req: Request, res: Response): boolean => {
    if (!limiter || limiter.take(req.socket.remoteAddress ?? '')) return true;
    sendRetryLater(res, 429, 'TooManyRequests', limiter.retryAfterSeconds);
    return false;
  };
  const base = DIRECT_LINE_BASE;

  const tokenJson = (issued: IssuedToken) => ({
    conversationId: issued.conversationId,
    token: issued.token,
    expires_in: issued.expiresIn,
  });
  const withStream = (req: Request, issued: IssuedToken, watermark?: string) => ({
    ...tokenJson(issued),
    streamUrl: streamUrlFor(req, issued.conversationId, issued.token, watermark),
  });

  /** True when the caller may act on `conversationId`; otherwise the error response is sent. */
  const authorize = (req: Request, res: Response, conversationId: string): boolean => {
    if (!store.get(conversationId)) {
      sendError(res, 401, 'Unauthorized', 'Missing or invalid token for this conversation');
      return false;
    }
    const bearer = bearerToken(req.headers.authorization);
    if (secret && sameSecret(bearer, secret)) return true;
    const check = store.checkToken(bearer);
    if (check.ok && check.conversationId === conversationId) return true;
    if (!check.ok && check.reason === 'expired') {
      sendError(res, 403, 'TokenExpired', 'Token expired; get a new one');
    } else {
      sendError(res, 401, 'Unauthorized', 'Missing or invalid token for this conversation');
    }
    return false;
  };

  /** The guest a request's token was issued to (a trainee who joined a group demo room), if any. */
  const guestOf = (req: Request): Guest | undefined => {
    const check = store.checkToken(bearerToken(req.headers.authorization));
    return check.ok ? check.guest : undefined;
  };

  /** For generate/start without a conversation token: the secret when configured, anyone otherwise. */
  const mayOpen = (req: Request): boolean => !secret || sameSecret(bearerToken(req.headers.authorization), secret);

  /**
   * Marks the conversation started and takes the user id from the start request. No conversationUpdate goes to
   * the bot: the page's `webchat/join` event (with the page language) is the start signal the bot greets on, and
   * a conversationUpdate before it would make the bot greet in the default language first.
   */
  const startConversation = (conversationId: string, body: unknown) => {
    if (!store.get(conversationId)) return;
    store.start(conversationId, stringField(objectField(body, 'user'), 'id', 256));
  };

  /** Restores, from storage, the conversation a request names or its token belongs to (after a restart). */
  const restoreFor = async (req: Request, conversationId?: string): Promise<void> => {
    if (conversationId !== undefined) await store.restore(conversationId);
    await store.restoreForToken(bearerToken(req.headers.authorization));
  };

  server.post(
    `${base}/tokens/generate`,
    route((req: Request, res: Response) => {
      if (!mayOpen(req)) return sendError(res, 401, 'Unauthorized', 'A Direct Line secret is required');
      if (!withinRate(req, res)) return;
      res.json(withStream(req, store.create()));
    }),
  );

  server.post(`${base}/tokens/refresh`, async (req: Request, res: Response) => {
    await restoreFor(req);
    refreshToken(req, res);
  });
  const refreshToken = (req: Request, res: Response) => {
    const check = store.checkToken(bearerToken(req.headers.authorization));
    if (!check.ok) {
      return check.reason === 'expired'
        ? sendError(res, 403, 'TokenExpired', 'Token expired; get a new one')
        : sendError(res, 401, 'Unauthorized', 'Missing or invalid token');
    }
    if (!store.get(check.conversationId)) return sendError(res, 401, 'Unauthorized', 'Missing or invalid token');
    // A guest's token stays a guest's (joinRoute.ts): refreshing must not make it the owner's.
    res.json(tokenJson(store.issueToken(check.conversationId, check.guest)));
  };

  server.post(`${base}/conversations`, async (req: Request, res: Response) => {
    await restoreFor(req);
    startOrResume(req, res);
  });
  const startOrResume = (req: Request, res: Response) => {
    const bearer = bearerToken(req.headers.authorization);
    const check = store.checkToken(bearer);
    let issued: IssuedToken;
    if (check.ok) {
      // A token from tokens/generate: start the conversation it was issued for.
      issued = {
        conversationId: check.conversationId,
        token: bearer as string,
        expiresIn: Math.floor(store.tokenTtlMs / 1000),
      };
    } else if (check.reason === 'expired') {
      return sendError(res, 403, 'TokenExpired', 'Token expired; get a new one');
    } else if (mayOpen(req)) {
      if (!withinRate(req, res)) return;
      issued = store.create();
    } else {
      return sendError(res, 401, 'Unauthorized', 'A Direct Line secret or token is required');
    }
    startConversation(issued.conversationId, req.body);
    log.debug('directline_conversation_started', { conversationId: issued.conversationId });
    res.status(201);
    res.json(withStream(req, issued));
  };

  server.get(`${base}/conversations/:conversationId`, async (req: Request, res: Response) => {
    await restoreFor(req, pathParam(req, 'conversationId'));
    reconnect(req, res);
  });
  const reconnect = (req: Request, res: Response) => {
    const conversationId = pathParam(req, 'conversationId');
    if (!authorize(req, res, conversationId)) return;
    const bearer = bearerToken(req.headers.authorization) as string;
    const sameToken = store.checkToken(bearer).ok;
    const issued = sameToken
      ? { conversationId, token: bearer, expiresIn: Math.floor(store.tokenTtlMs / 1000) }
      : store.issueToken(conversationId);
    const raw = (req.query as Record<string, unknown> | undefined)?.watermark;
    const watermark = typeof raw === 'string' && /^\d+$/.test(raw) ? raw : undefined;
    res.json(withStream(req, issued, watermark));
  };

  server.get(`${base}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
    await store.restore(pathParam(req, 'conversationId'));
    poll(req, res);
  });
  const poll = (req: Request, res: Response) => {
    const conversationId = pathParam(req, 'conversationId');
    if (!authorize(req, res, conversationId)) return;
    const raw = (req.query as Record<string, unknown> | undefined)?.watermark;
    let watermark: number | undefined;
    if (raw !== undefined && raw !== '') {
      if (typeof raw !== 'string' || !/^\d+$/.test(raw)) {
        return sendError(res, 400, 'BadArgument', 'watermark must be a whole number');
      }
      watermark = Number(raw);
    }
    const guest = guestOf(req);
    const conversation = store.get(conversationId);
    if (!guest || !conversation) {
      res.json(store.activitiesSince(conversationId, watermark));
      return;
    }
    // A guest sees the room from its start, never what the owner said before it.
    const set = store.activitiesSince(conversationId, Math.max(watermark ?? 0, guest.since));
    res.json(guestActivitySet(set, conversation.userId));
  };

  server.post(`${base}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
    const conversationId = pathParam(req, 'conversationId');
    await store.restore(conversationId);
    if (!authorize(req, res, conversationId)) return;
    const conversation = store.get(conversationId);
    if (!conversation) return sendError(res, 401, 'Unauthorized', 'Missing or invalid token for this conversation');
    const body: unknown = req.body;
    if (!isObject(body)) return sendError(res, 400, 'BadArgument', 'Expected a JSON activity object');
    if (typeof body.type !== 'string' || !CLIENT_TYPES.has(body.type)) {
      return sendError(res, 400, 'BadArgument', `Activity type must be one of: ${[...CLIENT_TYPES].join(', ')}`);
    }
    const problem = checkAtEdge(body);
    if (problem) return sendError(res, 400, 'BadArgument', `Expected a Direct Line activity: ${problem}`);
    if (!conversation.started) startConversation(conversationId, undefined);

    const activity: { type: string; [key: string]: unknown } = { type: body.type };
    for (const field of CLIENT_FIELDS) {
      const value: unknown = body[field];
      if (field !== 'type' && value !== undefined) activity[field] = value;
    }
    const from = objectField(body, 'from');
    const fromName = stringField(from, 'name', 256);
    activity.from = {
      id:
        guestOf(req)?.id ?? (conversation.userFixed ? undefined : stringField(from, 'id', 256)) ?? conversation.userId,
      ...(fromName ? { name: fromName } : {}),
      role: 'user',
    };
    activity.conversation = { id: conversationId };

    // A retry of an activity already posted joins its turn instead of running it twice.
    const clientActivityId = stringField(objectField(body, 'channelData'), 'clientActivityID', 128);
    const retried = delivery.retryOf(conversationId, clientActivityId);
    if (retried) return answerTurn(res, conversationId, retried.activityId, await delivery.wait(retried.settled));
    // A retry after a restart: the activity was stored before the crash; its turn ran, or it runs now.
    const remembered = store.postOf(conversationId, clientActivityId);
    if (remembered?.done) return answerTurn(res, conversationId, remembered.activityId, 'done');
    if (delivery.isFull(conversationId)) {
      return sendRetryLater(res, 429, 'TooManyRequests', 1);
    }

    const earlier = remembered && store.activityById(conversationId, remembered.activityId);
    const stored = earlier ?? store.append(conversationId, activity, 'client');
    if (clientActivityId !== undefined && !earlier) store.rememberPost(conversationId, clientActivityId, stored.id);
    // Durably queued before the turn runs: a crash during the turn leaves the activity for the client's retry.
    if (!(await durable(res, conversationId))) return;
    // A retry that came in meanwhile may have started this very turn: join it rather than run it twice.
    const joined = delivery.retryOf(conversationId, clientActivityId);
    if (joined) return answerTurn(res, conversationId, joined.activityId, await delivery.wait(joined.settled));
    const result = await delivery.deliver(conversationId, stored, clientActivityId);
    await answerTurn(res, conversationId, stored.id, result);
  });

  /** True once the conversation's changes are in storage; otherwise 503 is sent (the client retries). */
  async function durable(res: Response, conversationId: string): Promise<boolean> {
    try {
      await store.flush(conversationId);
      return true;
    } catch {
      sendRetryLater(res, 503, 'StorageUnavailable', 1);
      return false;
    }
  }

  /** 200 only for a turn that ran and is stored; otherwise an error the client retries on. */
  async function answerTurn(
    res: Response,
    conversationId: string,
    activityId: string,
    result: DeliveryResult,
  ): Promise<void> {
    if (result === 'done') {
      if (await durable(res, conversationId)) res.json({ id: activityId });
    } else if (result === 'failed') {
      sendError(res, 502, 'BotError', 'The bot could not process the activity');
    } else {
      if (result === 'pending') log.warn('directline_turn_slow', { conversationId });
      sendRetryLater(res, result === 'busy' ? 429 : 503, result === 'busy' ? 'TooManyRequests' : 'TurnPending', 1);
    }
  }

  server.post(
    `${base}/conversations/:conversationId/upload`,
    route((_req: Request, res: Response) => {
      sendError(res, 501, 'NotImplemented', 'File upload is not supported by the embedded Direct Line');
    }),
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectField(value: unknown, key: string): Record<string, unknown> | undefined {
  if (!isObject(value)) return undefined;
  const field = value[key];
  return isObject(field) ? field : undefined;
}

function stringField(value: Record<string, unknown> | undefined, key: string, max: number): string | undefined {
  const field = value?.[key];
  return typeof field === 'string' && field.trim() !== '' ? field.slice(0, max) : undefined;
}

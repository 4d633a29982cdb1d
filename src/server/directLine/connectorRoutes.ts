/**
 * The bot side of the embedded Direct Line: a tiny Bot Connector service (the part of the Connector REST API a
 * bot uses to answer) that appends the bot's activities to the Direct Line conversation log.
 *
 * - POST   /v3/conversations/:conversationId/activities              (sendToConversation) → { id }
 * - POST   /v3/conversations/:conversationId/activities/:activityId  (replyToActivity)    → { id }
 * - PUT    /v3/conversations/:conversationId/activities/:activityId  (updateActivity)     → { id }
 * - DELETE /v3/conversations/:conversationId/activities/:activityId  (deleteActivity)     → 200
 *
 * Only callers on this machine are accepted (loopback, or our own bound address; the bot runs in this process and
 * calls us through `serviceUrl`), without an `Origin` (no browser page), and always with the per-process
 * connector key EmbeddedConnectorFactory signs with: loopback alone would let any local program, or a page in
 * the trainee's browser, post as the bot.
 */
import type { Request, Response, Server } from 'restify';
import type { Logger } from '../../logging';
import { sendError } from '../errors';
import type { BotAccount } from './botDelivery';
import type { DirectLineStore } from './directLineStore';
import { bearerToken, sameSecret } from './tokens';
import { route, pathParam } from '../route';

export interface ConnectorRouteDeps {
  store: DirectLineStore;
  botAccount: BotAccount;
  connectorKey: string;
  /** Require the connector key (set when app credentials are configured). */
  requireKey: boolean;
  log: Logger;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function isLoopback(address: string | undefined): boolean {
  return (
    address !== undefined && (LOOPBACK.has(address) || address.startsWith('127.') || address.startsWith('::ffff:127.'))
  );
}

export function registerConnectorRoutes(server: Server, deps: ConnectorRouteDeps): void {
  const { store, botAccount, connectorKey, requireKey, log } = deps;
  const base = '/v3/conversations/:conversationId/activities';

  /** The conversation id when the caller is allowed and the conversation exists; otherwise responds. */
  const guard = (req: Request, res: Response): string | undefined => {
    if (req.headers.origin !== undefined) {
      // The bot never sends an Origin; a browser page on any site does.
      sendError(res, 403, 'Forbidden', 'Cross-origin requests are not accepted here');
      return undefined;
    }
    const remote = req.socket.remoteAddress;
    if (!isLoopback(remote) && remote !== req.socket.localAddress) {
      sendError(res, 403, 'Forbidden', 'The embedded connector accepts loopback callers only');
      return undefined;
    }
    if (requireKey && !sameSecret(bearerToken(req.headers.authorization), connectorKey)) {
      sendError(res, 401, 'Unauthorized', 'Missing or invalid connector key');
      return undefined;
    }
    const conversationId = pathParam(req, 'conversationId');
    if (!store.get(conversationId)) {
      sendError(res, 404, 'NotFound', 'Conversation not found (unknown or expired)');
      return undefined;
    }
    return conversationId;
  };

  const botActivity = (body: Record<string, unknown>, conversationId: string, replyToId?: string) => {
    const from = isObject(body.from) ? body.from : {};
    const activity: { type: string; [key: string]: unknown } = {
      ...body,
      type: typeof body.type === 'string' ? body.type : 'message',
      from: {
        ...from,
        id: botAccount.id,
        name: typeof from.name === 'string' ? from.name : botAccount.name,
        role: 'bot',
      },
      conversation: { id: conversationId },
    };
    if (replyToId) activity.replyToId = replyToId;
    // Addressing fields for the bot's side only; the Direct Line client does not get them.
    delete activity.serviceUrl;
    delete activity.recipient;
    delete activity.id;
    return activity;
  };

  const send = async (req: Request, res: Response): Promise<void> => {
    const conversationId = guard(req, res);
    if (!conversationId) return;
    if (!isObject(req.body)) return sendError(res, 400, 'BadArgument', 'Expected a JSON activity object');
    const replyToId = pathParam(req, 'activityId') || undefined;
    const stored = store.append(conversationId, botActivity(req.body, conversationId, replyToId));
    log.debug('directline_bot_activity', { conversationId, activityType: stored.type });
    // Answered once the reply is in storage. The bot saves its state (this activity answered) after its sends
    // return, so a crash can no longer leave a state that says answered beside a log without the answer: the
    // client's retry would find the turn done and get its 200 without a reply. A failed write is left to the
    // post's own flush, which answers the client 503 (a retry here would store the reply twice).
    await store.flush(conversationId).catch(() => undefined);
    res.json({ id: stored.id });
  };

  server.post(base, send);
  server.post(`${base}/:activityId`, send);

  server.put(
    `${base}/:activityId`,
    route((req: Request, res: Response) => {
      const conversationId = guard(req, res);
      if (!conversationId) return;
      if (!isObject(req.body)) return sendError(res, 400, 'BadArgument', 'Expected a JSON activity object');
      const activityId = pathParam(req, 'activityId');
      if (!store.update(conversationId, activityId, botActivity(req.body, conversationId))) {
        return sendError(res, 404, 'NotFound', 'Activity not found');
      }
      res.json({ id: activityId });
    }),
  );

  server.del(
    `${base}/:activityId`,
    route((req: Request, res: Response) => {
      const conversationId = guard(req, res);
      if (!conversationId) return;
      if (!store.delete(conversationId, pathParam(req, 'activityId'))) {
        return sendError(res, 404, 'NotFound', 'Activity not found');
      }
      res.status(200);
      res.end();
    }),
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

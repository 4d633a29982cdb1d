/**
 * `POST /api/directline/token` for production web chat: exchanges the Direct Line channel secret
 * (DIRECTLINE_SECRET, never sent to the browser) for a short-lived token at Azure's Direct Line service
 * (`POST <DIRECTLINE_ENDPOINT>/tokens/generate`), bound to the trainee's user id so one page cannot speak as
 * another user. That id is `dl_` (Direct Line requires the prefix for ids a server vouches for) and the remembered
 * pseudonymous trainee id the page sends (`{ user: { id } }`, see traineeIdentity.ts), or a new one. Every call
 * starts a new Azure conversation; the bot keys the trainee's data by the user id (src/storage/traineeKeys.ts), so
 * a reload is still the same trainee (`/progress`, `/retry`, `/export`).
 *
 * Answers `{ conversationId, token, expires_in, userId, traineeId, domain, resumed: false }`: pass `token` and
 * `domain` to web chat's `createDirectLine({ token, domain })` and `userId` as its `userID`; the page keeps
 * `traineeId`. Upstream failures answer 502 (504 on timeout) in the server's error shape
 * `{ error: { code, message } }`, without the secret or the upstream body.
 *
 * @example
 * server.post(TOKEN_PATH, createDirectLineTokenRoute({ secret: config.directLineSecret, domain: config.directLineEndpoint, log }));
 */
import type { Request, Response } from 'restify';
import { sendError } from './errors';
import { BOUND_USER_PREFIX } from '../storage';
import { newTraineeId as mintTraineeId, traineeIdIn } from './traineeIdentity';

/** Azure's global Direct Line (regional: `https://europe.directline.botframework.com/v3/directline`). */
export const AZURE_DIRECT_LINE = 'https://directline.botframework.com/v3/directline';

export interface DirectLineTokenRouteOptions {
  /** The Direct Line channel secret (DIRECTLINE_SECRET). */
  secret: string;
  /** For tests: a fetch to a fake endpoint. */
  fetchImpl?: typeof fetch;
  /** The Direct Line base URL (DIRECTLINE_ENDPOINT, default {@link AZURE_DIRECT_LINE}); tokens come from `/tokens/generate` under it. */
  domain?: string;
  timeoutMs?: number;
  /** Mints the trainee id for a page that has none yet (default: traineeIdentity's `newTraineeId`). */
  newTraineeId?: () => string;
  log?: { warn(event: string, fields?: Record<string, unknown>): void };
}

export interface DirectLineTokenResponse {
  conversationId: string;
  token: string;
  expires_in: number;
  userId: string;
  /** The pseudonymous trainee id the page keeps (localStorage) and sends again next time. */
  traineeId: string;
  /** The Direct Line base URL for web chat's `createDirectLine({ domain })`. */
  domain: string;
  /** Always false: Azure starts a new conversation per token, so the page shows no earlier messages. */
  resumed: false;
}

/** A restify handler answering with a fresh Direct Line token. */
export function createDirectLineTokenRoute(
  options: DirectLineTokenRouteOptions,
): (req: Request, res: Response) => Promise<void> {
  const {
    secret,
    fetchImpl = fetch,
    domain: configuredDomain = AZURE_DIRECT_LINE,
    timeoutMs = 10_000,
    newTraineeId = mintTraineeId,
    log,
  } = options ?? ({} as DirectLineTokenRouteOptions);
  if (!secret) throw new Error('createDirectLineTokenRoute: secret is required (DIRECTLINE_SECRET)');
  const domain = configuredDomain.replace(/\/+$/, '');
  const url = new URL(`${domain}/tokens/generate`);

  return async (req: Request, res: Response) => {
    const traineeId = traineeIdIn(req.body) ?? newTraineeId();
    const userId = `${BOUND_USER_PREFIX}${traineeId}`;
    let response: globalThis.Response;
    try {
      response = await fetchImpl(url, {
        method: 'POST',
        headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ user: { id: userId } }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const timedOut = (error as Error)?.name === 'TimeoutError';
      log?.warn('directline.token-failed', { reason: timedOut ? 'timeout' : (error as Error)?.message });
      return sendError(res, timedOut ? 504 : 502, 'DirectLineUnavailable', 'Could not get a Direct Line token');
    }
    const body = (await response.json().catch(() => undefined)) as Partial<DirectLineTokenResponse> | undefined;
    if (!response.ok || typeof body?.token !== 'string' || typeof body.conversationId !== 'string') {
      log?.warn('directline.token-failed', { status: response.status });
      return sendError(res, 502, 'DirectLineUnavailable', 'Could not get a Direct Line token');
    }
    const answer: DirectLineTokenResponse = {
      conversationId: body.conversationId,
      token: body.token,
      expires_in: typeof body.expires_in === 'number' ? body.expires_in : 3600,
      userId,
      traineeId,
      domain,
      resumed: false,
    };
    res.header('Cache-Control', 'no-store');
    res.json(answer);
  };
}

/**
 * One error shape for every route, the one Direct Line uses: `{ "error": { "code": "...", "message": "..." } }`.
 * `sendError` is for handlers; `installErrorFormatting` makes restify's own errors (404 for unknown routes,
 * 400 for malformed JSON, 413 for a too large body, 405) use the same shape.
 */
import type { Request, Response, Server } from 'restify';

export interface ErrorBody {
  error: { code: string; message: string };
}

export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}

export function sendError(res: Response, status: number, code: string, message: string): void {
  res.status(status);
  res.json(errorBody(code, message));
}

/**
 * A refusal the client should retry after a while (429 or 503) with `Retry-After`. The message is in both
 * languages: web chat may show it to the trainee.
 */
export function sendRetryLater(res: Response, status: 429 | 503, code: string, retryAfterSeconds: number): void {
  res.header('Retry-After', String(retryAfterSeconds));
  sendError(res, status, code, RETRY_LATER_MESSAGE);
}

export const RETRY_LATER_MESSAGE =
  'Het is nu even te druk; probeer het over een paar seconden opnieuw. / It is too busy right now; please try again in a few seconds.';

/** An error thrown by a handler that says how to answer: its status, code and when to retry. */
interface DescribedError {
  name?: string;
  message?: string;
  statusCode?: number;
  retryAfterSeconds?: number;
}

/** restify error names → our codes and clearer messages. */
function describe(err: DescribedError, req: Request): ErrorBody {
  const status = err.statusCode ?? 500;
  if (err.retryAfterSeconds !== undefined && (status === 503 || status === 429))
    return errorBody('Busy', RETRY_LATER_MESSAGE);
  if (err.name === 'ActivityTooLargeError') return errorBody('PayloadTooLarge', err.message ?? 'Activity too large');
  if (status === 404) return errorBody('NotFound', `No route for ${req.method} ${req.getPath()}`);
  if (status === 405) return errorBody('MethodNotAllowed', `${req.method} is not allowed on ${req.getPath()}`);
  if (status === 413) return errorBody('PayloadTooLarge', err.message ?? 'Request body too large');
  if (status === 400 && err.name === 'InvalidContentError') {
    return errorBody(
      'BadRequest',
      `Malformed JSON body: ${err.message?.replace(/^Invalid JSON:\s*/, '') ?? ''}`.trim(),
    );
  }
  if (status >= 500) return errorBody('ServerError', 'Internal server error');
  return errorBody(err.name?.replace(/Error$/, '') || 'BadRequest', err.message ?? 'Bad request');
}

export function installErrorFormatting(server: Server, onServerError: (err: Error, req: Request) => void): void {
  server.on(
    'restifyError',
    (req: Request, res: Response, err: Error & DescribedError & { toJSON?: () => unknown }, callback: () => void) => {
      const body = describe(err, req);
      if (err.retryAfterSeconds !== undefined) res.header('Retry-After', String(err.retryAfterSeconds));
      else if ((err.statusCode ?? 500) >= 500) onServerError(err, req);
      err.toJSON = () => body;
      return callback();
    },
  );
}

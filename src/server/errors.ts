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

/** restify error names → our codes and clearer messages. */
function describe(err: { name?: string; message?: string; statusCode?: number }, req: Request): ErrorBody {
  const status = err.statusCode ?? 500;
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
    (
      req: Request,
      _res: Response,
      err: Error & { statusCode?: number; toJSON?: () => unknown },
      callback: () => void,
    ) => {
      const body = describe(err, req);
      if ((err.statusCode ?? 500) >= 500) onServerError(err, req);
      err.toJSON = () => body;
      return callback();
    },
  );
}

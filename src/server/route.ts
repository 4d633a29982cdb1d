import type { Request, Response } from 'restify';

/**
 * A synchronous `(req, res)` handler as restify wants it: restify runs a two-argument handler only when it is an
 * async function (a callback-style one takes `next`).
 */
export function route(handler: (req: Request, res: Response) => void): (req: Request, res: Response) => Promise<void> {
  // eslint-disable-next-line @typescript-eslint/require-await -- restify tells handler kinds apart by AsyncFunction; this one has nothing to await
  return async (req, res) => {
    handler(req, res);
  };
}

/** A path parameter (`/conversations/:conversationId`) as text; empty when the route has none by that name. */
export function pathParam(req: Request, name: string): string {
  const value: unknown = (req.params as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}

import type { Request, Response } from 'restify';

/**
 * A restify handler for work that does not wait on anything. Restify 11 only runs a two-argument handler that is
 * an async function (it throws at registration otherwise), so the synchronous body is wrapped in one.
 */
export function syncRoute(body: (req: Request, res: Response) => void): (req: Request, res: Response) => Promise<void> {
  return async (req, res) => Promise.resolve(body(req, res));
}

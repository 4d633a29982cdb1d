import type { Request } from 'restify';

/** A path parameter (`/conversations/:conversationId`) as a string; '' when the route has none by that name. */
export function routeParam(req: Request, name: string): string {
  const params = req.params as Record<string, unknown> | undefined;
  const value = params?.[name];
  return typeof value === 'string' ? value : '';
}

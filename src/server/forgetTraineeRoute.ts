/**
 * `POST /api/trainee/forget` with `{ user: { id } }`: "forget me" on the web chat page, on both Direct Lines.
 * Deletes what the bot keeps under that trainee id (the user state, the progress next to it, and the trainee's
 * conversation state: the running and the last finished role-play), on either web chat channel and under either
 * form of the user id (`t_…` on the embedded Direct Line, `dl_t_…` on Azure's): see traineeStorageKeys in
 * src/storage/traineeKeys.ts. With the embedded Direct Line it also drops the trainee's conversation and its log
 * from memory; what Azure's Direct Line holds of the conversation it deletes on its own schedule. The page then
 * deletes the id from the browser. Answers 204, also when nothing was kept; 400 without a trainee id.
 *
 * Charts and transcripts are not keyed by user and expire on their own.
 */
import type { Storage } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import type { Logger } from '../logging';
import { traineeStorageKeys } from '../storage';
import type { DirectLineStore } from './directLine/directLineStore';
import { sendError } from './errors';
import { conversationIdFor, traineeIdIn } from './traineeIdentity';

export interface ForgetTraineeDeps {
  storage: Storage;
  /** The embedded Direct Line's store, when it is on. */
  directLine?: DirectLineStore;
  log: Logger;
}

export function registerForgetTraineeRoute(server: Server, path: string, deps: ForgetTraineeDeps): void {
  server.post(path, async (req: Request, res: Response) => {
    const traineeId = traineeIdIn(req.body);
    if (!traineeId) return sendError(res, 400, 'BadArgument', 'Expected { user: { id } } with a trainee id');
    deps.directLine?.forget(conversationIdFor(traineeId));
    await deps.storage.delete(traineeStorageKeys(traineeId));
    deps.log.info('trainee_forgotten', {});
    res.header('Cache-Control', 'no-store');
    res.status(204);
    res.end();
  });
}

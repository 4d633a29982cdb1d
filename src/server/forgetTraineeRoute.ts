/**
 * `POST /api/trainee/forget` with `{ user: { id } }`: "forget me" on the web chat page. Deletes what the bot keeps
 * under that trainee id on the embedded Direct Line (the user state, the progress next to it, and the
 * conversation state of the trainee's own conversation: the running and the last finished role-play), and the
 * Direct Line conversation with its log. The page then deletes the id from the browser. Answers 204, also when
 * nothing was kept; 400 without a trainee id.
 *
 * The keys are botbuilder's UserState and ConversationState keys (`<channel>/users/<id>/`,
 * `<channel>/conversations/<id>/`: the trailing slash is their empty namespace) and the ProgressStore's
 * (`<channel>/users/<id>/progress`); charts and transcripts are not keyed by user and expire on their own.
 */
import type { Storage } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import type { Logger } from '../logging';
import { EMBEDDED_CHANNEL_ID } from './directLine/botDelivery';
import type { DirectLineStore } from './directLine/directLineStore';
import { sendError } from './errors';
import { conversationIdFor, traineeIdIn } from './traineeIdentity';

export interface ForgetTraineeDeps {
  storage: Storage;
  directLine: DirectLineStore;
  log: Logger;
}

/** The storage keys that hold a trainee's data on the embedded Direct Line. */
export function traineeStorageKeys(traineeId: string): string[] {
  const channel = EMBEDDED_CHANNEL_ID;
  return [
    `${channel}/users/${traineeId}/`,
    `${channel}/users/${traineeId}/progress`,
    `${channel}/conversations/${conversationIdFor(traineeId)}/`,
  ];
}

export function registerForgetTraineeRoute(server: Server, path: string, deps: ForgetTraineeDeps): void {
  server.post(path, async (req: Request, res: Response) => {
    const traineeId = traineeIdIn(req.body);
    if (!traineeId) return sendError(res, 400, 'BadArgument', 'Expected { user: { id } } with a trainee id');
    deps.directLine.forget(conversationIdFor(traineeId));
    await deps.storage.delete(traineeStorageKeys(traineeId));
    deps.log.info('trainee_forgotten', {});
    res.header('Cache-Control', 'no-store');
    res.status(204);
    res.end();
  });
}

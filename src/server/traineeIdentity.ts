/**
 * The pseudonymous trainee id the web chat page keeps in the browser (localStorage, per origin), so a reload or a
 * language switch continues as the same trainee: `t_` and 128 random bits, minted here, never a name. Knowing the
 * id is what makes you that trainee, like a token that does not expire.
 *
 * The bot keys the trainee's data by it on both Direct Lines (src/storage/traineeKeys.ts): the embedded one gives
 * every trainee one conversation whose id is derived from the trainee id, and Azure's, which starts a new
 * conversation on every page load, binds its token to the user id `dl_<trainee id>`. Either way the bot finds the
 * running role-play (`/retry`), the last one (`/export`) and the progress again after a reload.
 */
import { randomBytes } from 'crypto';
import { isTraineeId, traineeConversationId } from '../storage';

export function newTraineeId(): string {
  return `t_${randomBytes(16).toString('base64url')}`;
}

/** The trainee's Direct Line conversation id on the embedded Direct Line: stable per trainee. */
export function conversationIdFor(traineeId: string): string {
  return traineeConversationId(traineeId);
}

/** The trainee id in a token or forget request body `{ user: { id } }`, when it is one. */
export function traineeIdIn(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const user = (body as { user?: unknown }).user;
  if (typeof user !== 'object' || user === null) return undefined;
  const id = (user as { id?: unknown }).id;
  return isTraineeId(id) ? id : undefined;
}

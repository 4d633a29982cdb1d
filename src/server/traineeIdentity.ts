/**
 * The pseudonymous trainee id the web chat page keeps in the browser (localStorage, per origin), so a reload or a
 * language switch continues as the same trainee: `t_` and 128 random bits, minted here, never a name. Knowing the
 * id is what makes you that trainee, like a token that does not expire.
 *
 * The embedded Direct Line gives every trainee one conversation whose id is derived from the trainee id, so the
 * bot finds its conversation state (the running role-play for `/retry`, the last one for `/export`) again after a
 * reload, even when the Direct Line conversation itself expired from memory.
 */
import { createHash, randomBytes } from 'crypto';

const TRAINEE_ID = /^t_[A-Za-z0-9_-]{22,64}$/;

export function newTraineeId(): string {
  return `t_${randomBytes(16).toString('base64url')}`;
}

/** True for an id this server could have minted (anything else is replaced by a new one). */
export function isTraineeId(value: unknown): value is string {
  return typeof value === 'string' && TRAINEE_ID.test(value);
}

/** The trainee's Direct Line conversation id: stable per trainee, and the trainee id cannot be read back from it. */
export function conversationIdFor(traineeId: string): string {
  return createHash('sha256').update(`conversation:${traineeId}`).digest('base64url').slice(0, 32);
}

/** The trainee id in a token or forget request body `{ user: { id } }`, when it is one. */
export function traineeIdIn(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const user = (body as { user?: unknown }).user;
  if (typeof user !== 'object' || user === null) return undefined;
  const id = (user as { id?: unknown }).id;
  return isTraineeId(id) ? id : undefined;
}

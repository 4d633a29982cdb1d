/**
 * What a guest of a conversation sees. A group demo room in web chat is the trainer's own Direct Line
 * conversation, which trainees join with guest tokens (joinRoute.ts). The trainer's user id there is their
 * remembered trainee id, which works like a password (traineeIdentity.ts), so a guest never sees it: in what a
 * guest receives, it is replaced by an alias that cannot be turned back into the id.
 */
import { createHash } from 'crypto';
import type { ActivitySet, DlActivity } from './directLineStore';

/** The id a guest sees instead of the conversation owner's (stable, so Web Chat groups the owner's messages). */
export function ownerAlias(ownerId: string): string {
  return `host_${createHash('sha256').update(`owner:${ownerId}`).digest('base64url').slice(0, 22)}`;
}

function maskAccount(account: unknown, ownerId: string): unknown {
  if (typeof account !== 'object' || account === null) return account;
  const { id } = account as { id?: unknown };
  return id === ownerId ? { ...account, id: ownerAlias(ownerId) } : account;
}

/** The activity as a guest sees it: the owner's id in `from` and `recipient` replaced by its alias. */
export function guestActivity(activity: DlActivity, ownerId: string): DlActivity {
  return {
    ...activity,
    ...(activity.from === undefined ? {} : { from: maskAccount(activity.from, ownerId) }),
    ...(activity.recipient === undefined ? {} : { recipient: maskAccount(activity.recipient, ownerId) }),
  };
}

/** A poll answer or stream frame as a guest sees it. */
export function guestActivitySet(set: ActivitySet, ownerId: string): ActivitySet {
  return { ...set, activities: set.activities.map((activity) => guestActivity(activity, ownerId)) };
}

/**
 * Joining a group demo from another browser (web chat): the page posts {@link DEMO_JOIN_EVENT} with the
 * participant's display name once it is in the room's conversation (src/server/joinRoute.ts).
 */
import type { Activity } from 'botbuilder';

/** The event a web chat page posts after it joined a demo room by its code: `{ name }`. */
export const DEMO_JOIN_EVENT = 'demo/join';

/** True for the join event of a demo room. */
export function isDemoJoin(activity: Partial<Activity>): boolean {
  return activity.type === 'event' && activity.name === DEMO_JOIN_EVENT;
}

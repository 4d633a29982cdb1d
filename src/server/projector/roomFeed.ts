/**
 * How a group demo room's changes travel from the instance whose turn made them to the projector streams that
 * show them: the pub/sub under the projector hub (demoHub.ts). Two implementations, chosen by `DEMO_FEED`:
 *
 * - `in-process` (inProcessRoomFeed.ts, the default): one process; a publish reaches the hub at once.
 * - `store` (storeRoomFeed.ts): several instances on one store (blob, cosmos). A turn's saved conversation state
 *   is the message; an instance with a projector open on a room reads the room from the store every few hundred
 *   milliseconds, and only then.
 *
 * A hosted pub/sub (Azure Web PubSub, a Redis channel) would be a third: `publish` sends to the room's group
 * after the turn's state is saved, `follow` joins the group (see docs/scaling.md).
 *
 * @example
 * const off = feed.follow(roomId, (snapshot) => snapshot ? show(snapshot) : closeRoom());
 * feed.publish(roomId, roomSnapshot(room, persona)); // a turn here changed the room
 * off();
 */
import type { RoomSnapshot } from '../../core';

/** Receives a room's snapshots from any instance; `undefined` when the room is gone (ended elsewhere, expired). */
export type RoomListener = (snapshot: RoomSnapshot | undefined) => void;

export interface RoomFeed {
  /**
   * False: one process, every publish reaches this hub, and what the hub holds is the truth. True: other
   * instances change rooms too, so the hub follows a room only while a viewer here watches it, and reads a room
   * nobody here follows fresh from the store instead of trusting what it held.
   */
  readonly shared: boolean;
  /** A turn on this instance changed the room. */
  publish(roomId: string, snapshot: RoomSnapshot): void;
  /** Hands the room's changes, wherever they were made, to `listener` until the returned function is called. */
  follow(roomId: string, listener: RoomListener): () => void;
  /** Stops all following (server shutdown). */
  close(): void;
}

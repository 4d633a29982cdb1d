/**
 * The room feed of one process (roomFeed.ts): a publish is handed to the room's listeners at once, in this
 * process. The default, and right for one instance (or sticky sessions); with several instances use the store
 * feed (storeRoomFeed.ts).
 *
 * @example
 * const feed = new InProcessRoomFeed();
 * feed.follow(roomId, (snapshot) => console.log(snapshot?.anger));
 * feed.publish(roomId, snapshot); // logs at once
 */
import type { RoomSnapshot } from '../../core';
import type { RoomFeed, RoomListener } from './roomFeed';

export class InProcessRoomFeed implements RoomFeed {
  readonly shared = false;
  private readonly listeners = new Map<string, Set<RoomListener>>();

  publish(roomId: string, snapshot: RoomSnapshot): void {
    for (const listener of [...(this.listeners.get(roomId) ?? [])]) listener(snapshot);
  }

  follow(roomId: string, listener: RoomListener): () => void {
    const listeners = this.listeners.get(roomId) ?? new Set<RoomListener>();
    listeners.add(listener);
    this.listeners.set(roomId, listeners);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && this.listeners.get(roomId) === listeners) this.listeners.delete(roomId);
    };
  }

  close(): void {
    this.listeners.clear();
  }
}

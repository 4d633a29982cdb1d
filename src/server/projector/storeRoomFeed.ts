/**
 * The room feed of several instances on one store (roomFeed.ts, `DEMO_FEED=store`): the store itself is the
 * pub/sub. A turn that changes a room saves it in its conversation state (with the eTag it read, retried on a
 * conflict: src/storage/retry.ts), so a saved state is the message and its eTag the room's version. An instance
 * with a projector open on a room reads the room every `intervalMs` (250 ms by default) and hands on each new
 * version; it stops reading when the last viewer here leaves. Only saved versions are read, so a viewer never
 * sees a turn that was run again after a conflict, or one that failed.
 *
 * `publish` does nothing: the turn's save is the publication.
 *
 * @example
 * const feed = new StoreRoomFeed({ read: (roomId) => demoRooms.current(roomId, Date.now()) });
 * const off = feed.follow(roomId, (snapshot) => show(snapshot)); // reads every 250 ms from now on
 * off();                                                         // and stops
 */
import type { RoomSnapshot } from '../../core';
import type { RoomFeed, RoomListener } from './roomFeed';

/** A room as stored now: `version` changes with every saved change; no snapshot once the room is gone. */
export interface StoredRoom {
  version: string;
  snapshot: RoomSnapshot | undefined;
}

export interface StoreRoomFeedOptions {
  /** The room as stored now; undefined when the store does not know it (or no longer shows it). */
  read: (roomId: string) => Promise<StoredRoom | undefined>;
  /** Time between two reads of a followed room (default 250 ms). */
  intervalMs?: number;
  /** A failed read (the next one is tried as usual). */
  onError?: (error: unknown) => void;
}

export const DEFAULT_ROOM_POLL_MS = 250;

interface Followed {
  listeners: Set<RoomListener>;
  /** The version last handed on (undefined: none yet). */
  version?: string;
  timer?: NodeJS.Timeout;
}

export class StoreRoomFeed implements RoomFeed {
  readonly shared = true;
  private readonly rooms = new Map<string, Followed>();
  private readonly intervalMs: number;
  private reads = 0;

  constructor(private readonly options: StoreRoomFeedOptions) {
    this.intervalMs = options.intervalMs ?? DEFAULT_ROOM_POLL_MS;
    if (!(this.intervalMs > 0)) throw new RangeError('StoreRoomFeed: intervalMs must be above 0');
  }

  publish(): void {
    // Nothing to send: followers read the state the turn saves.
  }

  follow(roomId: string, listener: RoomListener): () => void {
    let room = this.rooms.get(roomId);
    if (!room) {
      room = { listeners: new Set() };
      this.rooms.set(roomId, room);
      this.schedule(roomId, room);
    }
    room.listeners.add(listener);
    const followed = room;
    return () => {
      followed.listeners.delete(listener);
      if (followed.listeners.size > 0 || this.rooms.get(roomId) !== followed) return;
      this.rooms.delete(roomId);
      clearTimeout(followed.timer);
    };
  }

  /** Rooms read now (they have a viewer on this instance). */
  get followedRooms(): number {
    return this.rooms.size;
  }

  /** Reads made so far (tests: reading stops when nobody watches). */
  get readCount(): number {
    return this.reads;
  }

  close(): void {
    for (const room of this.rooms.values()) clearTimeout(room.timer);
    this.rooms.clear();
  }

  /** One read at a time per room: the next is scheduled when this one is done. */
  private schedule(roomId: string, room: Followed): void {
    room.timer = setTimeout(() => void this.poll(roomId, room), this.intervalMs);
    room.timer.unref();
  }

  private async poll(roomId: string, room: Followed): Promise<void> {
    let stored: StoredRoom | undefined;
    let failed = false;
    try {
      this.reads += 1;
      stored = await this.options.read(roomId);
    } catch (error) {
      failed = true;
      this.options.onError?.(error);
    }
    if (this.rooms.get(roomId) !== room) return; // nobody follows it any more
    if (!failed && stored?.version !== room.version) {
      room.version = stored?.version;
      for (const listener of [...room.listeners]) {
        try {
          listener(stored?.snapshot);
        } catch (error) {
          this.options.onError?.(error);
        }
      }
    }
    if (this.rooms.get(roomId) === room) this.schedule(roomId, room);
  }
}

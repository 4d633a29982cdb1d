/**
 * Publish/subscribe for group demos, keyed by room id. The bot publishes a
 * {@link RoomSnapshot} after every change; the projector page's Server-Sent
 * Events stream subscribes. The hub keeps the last snapshot per room (a new
 * viewer sees the room at once), holds at most `maxRooms` rooms (the least
 * recently published goes first) and forgets a room `idleMs` after its last
 * publish.
 *
 * Changes travel through a {@link RoomFeed} (roomFeed.ts): in one process by
 * default; with `DEMO_FEED=store` through the shared store, so a viewer on any
 * instance sees the turns of every instance. With a shared feed the hub follows
 * a room only while a viewer here watches it, passes on a snapshot only when it
 * differs from the last one, and reads a room nobody here follows fresh (what it
 * held may be stale: another instance may have changed the room since).
 *
 * @example
 * const hub = new DemoHub();
 * const roomId = newRoomId();
 * hub.publish(roomId, roomSnapshot(room, persona));
 * const off = hub.subscribe(roomId, (snapshot) => console.log(snapshot.anger));
 * off();
 */
import type { RoomSnapshot } from '../../core';
import { InProcessRoomFeed } from './inProcessRoomFeed';
import type { RoomFeed } from './roomFeed';

/** Receives every snapshot published to the room; `seq` grows by one per publish. */
export type SnapshotListener = (snapshot: RoomSnapshot, seq: number) => void;

export interface DemoHubOptions {
  /** Rooms kept at once (default 500). */
  maxRooms?: number;
  /** A room is forgotten this long after its last publish (default 4 hours). */
  idleMs?: number;
  /** How often idle rooms are swept (default 60 s; 0 = only on publish and read). */
  sweepIntervalMs?: number;
  /** Clock (tests). */
  now?: () => number;
  /** A room this hub does not know (after a restart): its snapshot as last saved, if it still runs. */
  restore?: (roomId: string) => Promise<RoomSnapshot | undefined>;
  /** How changes reach this hub (default: in this process only). The hub closes it with itself. */
  feed?: RoomFeed;
}

interface Subscriber {
  listener: SnapshotListener;
  onClose?: () => void;
}

interface RoomEntry {
  snapshot: RoomSnapshot;
  /** The snapshot as JSON, kept with a shared feed only (a re-read unchanged room is not passed on again). */
  json?: string;
  seq: number;
  publishedAt: number;
  subscribers: Set<Subscriber>;
}

export class DemoHub {
  private readonly rooms = new Map<string, RoomEntry>();
  private readonly maxRooms: number;
  private readonly idleMs: number;
  private readonly now: () => number;
  private readonly timer?: NodeJS.Timeout;
  private readonly restore?: (roomId: string) => Promise<RoomSnapshot | undefined>;
  private readonly feed: RoomFeed;
  /** Rooms this hub follows on the feed, and how to stop. */
  private readonly following = new Map<string, () => void>();

  constructor(options: DemoHubOptions = {}) {
    this.maxRooms = options.maxRooms ?? 500;
    this.idleMs = options.idleMs ?? 4 * 60 * 60 * 1000;
    this.now = options.now ?? (() => Date.now());
    this.restore = options.restore;
    this.feed = options.feed ?? new InProcessRoomFeed();
    if (this.maxRooms < 1) throw new RangeError('DemoHub: maxRooms must be at least 1');
    const every = options.sweepIntervalMs ?? 60_000;
    if (every > 0) {
      this.timer = setInterval(() => this.sweep(), every);
      this.timer.unref();
    }
  }

  /**
   * A turn changed the room. In one process the hub stores the snapshot and hands it to every subscriber at once;
   * with a shared feed it arrives (here and on every other instance) once the turn's state is saved.
   */
  publish(roomId: string, snapshot: RoomSnapshot): void {
    if (!roomId) throw new Error('DemoHub.publish: roomId is required');
    if (!this.feed.shared) this.follow(roomId);
    this.feed.publish(roomId, snapshot);
  }

  /** What the feed brings: the room's new snapshot (stored and handed on), or undefined once the room is gone. */
  private receive(roomId: string, snapshot: RoomSnapshot | undefined): void {
    if (!snapshot) {
      this.remove(roomId);
      return;
    }
    const json = this.feed.shared ? JSON.stringify(snapshot) : undefined;
    if (json !== undefined && this.rooms.get(roomId)?.json === json) return;
    this.sweep();
    let entry = this.rooms.get(roomId);
    if (entry) {
      // Re-insert: the Map's order is the eviction order (least recently published first).
      this.rooms.delete(roomId);
    } else {
      while (this.rooms.size >= this.maxRooms) {
        const oldest = this.rooms.keys().next().value as string;
        this.remove(oldest);
      }
      entry = { snapshot, seq: 0, publishedAt: 0, subscribers: new Set() };
    }
    entry.snapshot = snapshot;
    entry.json = json;
    entry.seq += 1;
    entry.publishedAt = this.now();
    this.rooms.set(roomId, entry);
    for (const subscriber of [...entry.subscribers]) {
      try {
        subscriber.listener(snapshot, entry.seq);
      } catch {
        // A broken viewer must not break the bot's turn or the other viewers.
        entry.subscribers.delete(subscriber);
      }
    }
  }

  /**
   * Listens to a room's publishes. Returns the unsubscribe function, or
   * undefined when the room is unknown or expired. `onClose` runs when the room
   * is removed, expires or the hub closes.
   */
  subscribe(roomId: string, listener: SnapshotListener, onClose?: () => void): (() => void) | undefined {
    const entry = this.live(roomId);
    if (!entry) return undefined;
    const subscriber: Subscriber = { listener, onClose };
    entry.subscribers.add(subscriber);
    if (this.feed.shared) this.follow(roomId);
    return () => {
      entry.subscribers.delete(subscriber);
      if (this.feed.shared && entry.subscribers.size === 0 && this.rooms.get(roomId) === entry) this.unfollow(roomId);
    };
  }

  /** The last snapshot and its sequence number, if the room is known. */
  last(roomId: string): { snapshot: RoomSnapshot; seq: number } | undefined {
    const entry = this.live(roomId);
    return entry ? { snapshot: entry.snapshot, seq: entry.seq } : undefined;
  }

  /**
   * The last snapshot, or else the room as its conversation last saved it, published now: after a restart the
   * projector shows the room again as soon as it reconnects, not only after the next message in the chat.
   */
  async lastOrRestored(roomId: string): Promise<{ snapshot: RoomSnapshot; seq: number } | undefined> {
    const known = this.last(roomId);
    // With a shared feed, what is held is current only while the room is followed.
    const current = known && (!this.feed.shared || this.following.has(roomId));
    if (current || !this.restore) return known;
    const snapshot = await this.restore(roomId);
    if (this.feed.shared) {
      // Followed meanwhile: the feed is as fresh as this read.
      if (!this.following.has(roomId)) this.receive(roomId, snapshot);
    } else if (snapshot && !this.has(roomId)) {
      // A turn may have published the room while it was being read: that snapshot is newer.
      this.follow(roomId);
      this.receive(roomId, snapshot);
    }
    return this.last(roomId);
  }

  has(roomId: string): boolean {
    return this.live(roomId) !== undefined;
  }

  subscriberCount(roomId?: string): number {
    if (roomId !== undefined) return this.rooms.get(roomId)?.subscribers.size ?? 0;
    let total = 0;
    for (const entry of this.rooms.values()) total += entry.subscribers.size;
    return total;
  }

  get size(): number {
    return this.rooms.size;
  }

  /** Forgets a room now (its viewers are told and disconnected). */
  remove(roomId: string): void {
    this.unfollow(roomId);
    const entry = this.rooms.get(roomId);
    if (!entry) return;
    this.rooms.delete(roomId);
    for (const subscriber of entry.subscribers) {
      try {
        subscriber.onClose?.();
      } catch {
        // ignore: the room is gone either way
      }
    }
    entry.subscribers.clear();
  }

  /** Forgets rooms not published to for `idleMs`. */
  sweep(): void {
    const cutoff = this.now() - this.idleMs;
    for (const [roomId, entry] of this.rooms) {
      if (entry.publishedAt <= cutoff) this.remove(roomId);
    }
  }

  /** Stops the sweep timer and closes every room. */
  close(): void {
    if (this.timer) clearInterval(this.timer);
    for (const roomId of [...this.rooms.keys()]) this.remove(roomId);
    for (const roomId of [...this.following.keys()]) this.unfollow(roomId);
    this.feed.close();
  }

  /** Rooms this hub follows on its feed now (with a shared feed: those with a viewer here). */
  get followedCount(): number {
    return this.following.size;
  }

  private follow(roomId: string): void {
    if (this.following.has(roomId)) return;
    this.following.set(
      roomId,
      this.feed.follow(roomId, (snapshot) => this.receive(roomId, snapshot)),
    );
  }

  private unfollow(roomId: string): void {
    const stop = this.following.get(roomId);
    this.following.delete(roomId);
    stop?.();
  }

  private live(roomId: string): RoomEntry | undefined {
    const entry = this.rooms.get(roomId);
    if (!entry) return undefined;
    if (entry.publishedAt <= this.now() - this.idleMs) {
      this.remove(roomId);
      return undefined;
    }
    return entry;
  }
}

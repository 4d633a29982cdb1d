/**
 * In-process publish/subscribe for group demos, keyed by room id. The bot
 * publishes a {@link RoomSnapshot} after every change; the projector page's
 * Server-Sent Events stream subscribes. The hub keeps the last snapshot per room
 * (a new viewer sees the room at once), holds at most `maxRooms` rooms (the
 * least recently published goes first) and forgets a room `idleMs` after its
 * last publish.
 *
 * One process only: with several instances behind a load balancer a viewer
 * must reach the instance that runs the bot turn (sticky sessions), or the hub
 * needs a shared backplane.
 *
 * @example
 * const hub = new DemoHub();
 * const roomId = newRoomId();
 * hub.publish(roomId, roomSnapshot(room, persona));
 * const off = hub.subscribe(roomId, (snapshot) => console.log(snapshot.anger));
 * off();
 */
import type { RoomSnapshot } from '../../core';

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
}

interface Subscriber {
  listener: SnapshotListener;
  onClose?: () => void;
}

interface RoomEntry {
  snapshot: RoomSnapshot;
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

  constructor(options: DemoHubOptions = {}) {
    this.maxRooms = options.maxRooms ?? 500;
    this.idleMs = options.idleMs ?? 4 * 60 * 60 * 1000;
    this.now = options.now ?? (() => Date.now());
    this.restore = options.restore;
    if (this.maxRooms < 1) throw new RangeError('DemoHub: maxRooms must be at least 1');
    const every = options.sweepIntervalMs ?? 60_000;
    if (every > 0) {
      this.timer = setInterval(() => this.sweep(), every);
      this.timer.unref();
    }
  }

  /** Stores the room's latest snapshot and hands it to every subscriber. */
  publish(roomId: string, snapshot: RoomSnapshot): void {
    if (!roomId) throw new Error('DemoHub.publish: roomId is required');
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
    return () => {
      entry.subscribers.delete(subscriber);
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
    if (known || !this.restore) return known;
    const snapshot = await this.restore(roomId);
    // A turn may have published the room while it was being read: that snapshot is newer.
    if (snapshot && !this.has(roomId)) this.publish(roomId, snapshot);
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

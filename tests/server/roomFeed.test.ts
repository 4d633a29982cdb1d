/**
 * The room feeds under the projector hub (src/server/projector/roomFeed.ts): in one process a publish reaches the
 * viewers at once; through the store (several instances) a room is read only while a viewer here watches it, each
 * saved version is passed on once, and a room that is gone closes its viewers.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RoomSnapshot } from '../../src/core';
import { DemoHub } from '../../src/server/projector/demoHub';
import { InProcessRoomFeed } from '../../src/server/projector/inProcessRoomFeed';
import { StoreRoomFeed, type StoredRoom } from '../../src/server/projector/storeRoomFeed';

const ROOM = 'room-a';

/** Only what the hub and the feeds look at: the snapshot is passed on as it is. */
function snapshot(anger: number, roomId = ROOM): RoomSnapshot {
  return { roomId, anger } as RoomSnapshot;
}

/** The store as the other instances left it: one stored version per room. */
function fakeStore() {
  const rooms = new Map<string, StoredRoom>();
  let version = 0;
  return {
    save(roomId: string, saved: RoomSnapshot | undefined) {
      version += 1;
      rooms.set(roomId, { version: String(version), snapshot: saved });
    },
    forget: (roomId: string) => rooms.delete(roomId),
    read: (roomId: string) => Promise.resolve(rooms.get(roomId)),
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the in-process room feed', () => {
  it('hands a publish to the room’s listeners at once, and to nobody else', () => {
    const feed = new InProcessRoomFeed();
    const heard: [string, number | undefined][] = [];
    const off = feed.follow(ROOM, (s) => heard.push([ROOM, s?.anger]));
    feed.follow('room-b', (s) => heard.push(['room-b', s?.anger]));
    feed.publish(ROOM, snapshot(70));
    off();
    feed.publish(ROOM, snapshot(60));
    expect(heard).toEqual([[ROOM, 70]]);
  });

  it('is the hub’s default: a viewer sees every publish at once, repeated ones included', () => {
    const hub = new DemoHub({ sweepIntervalMs: 0 });
    hub.publish(ROOM, snapshot(70));
    const seen: number[] = [];
    hub.subscribe(ROOM, (_snapshot, seq) => seen.push(seq));
    hub.publish(ROOM, snapshot(70));
    hub.publish(ROOM, snapshot(65));
    expect(seen).toEqual([2, 3]);
    hub.close();
  });
});

describe('the store room feed', () => {
  it.each([
    ['nobody follows', 0, 0],
    ['one viewer for 1 s', 1, 4],
    ['two viewers of one room for 1 s (one reader)', 2, 4],
  ])('reads a room only while followed: %s', async (_case, viewers, reads) => {
    const store = fakeStore();
    store.save(ROOM, snapshot(70));
    const feed = new StoreRoomFeed({ read: store.read, intervalMs: 250 });
    const stops = Array.from({ length: viewers }, () => feed.follow(ROOM, () => undefined));
    await vi.advanceTimersByTimeAsync(1000);
    expect(feed.readCount).toBe(reads);
    for (const stop of stops) stop();
    expect(feed.followedRooms).toBe(0);
    await vi.advanceTimersByTimeAsync(5000);
    expect(feed.readCount).toBe(reads);
  });

  it('passes on each saved version once, and undefined when the room is gone', async () => {
    const store = fakeStore();
    store.save(ROOM, snapshot(70));
    const feed = new StoreRoomFeed({ read: store.read, intervalMs: 250 });
    const heard: (number | undefined)[] = [];
    feed.follow(ROOM, (s) => heard.push(s?.anger));
    await vi.advanceTimersByTimeAsync(750);
    store.save(ROOM, snapshot(60));
    await vi.advanceTimersByTimeAsync(750);
    store.forget(ROOM);
    await vi.advanceTimersByTimeAsync(750);
    expect(heard).toEqual([70, 60, undefined]);
    feed.close();
  });

  it('keeps reading after a failed read, and reports it', async () => {
    const store = fakeStore();
    store.save(ROOM, snapshot(70));
    const errors: unknown[] = [];
    let fail = true;
    const feed = new StoreRoomFeed({
      read: (id) => (fail ? Promise.reject(new Error('blob unavailable')) : store.read(id)),
      intervalMs: 250,
      onError: (error) => errors.push(error),
    });
    const heard: (number | undefined)[] = [];
    feed.follow(ROOM, (s) => heard.push(s?.anger));
    await vi.advanceTimersByTimeAsync(250);
    fail = false;
    await vi.advanceTimersByTimeAsync(250);
    expect(errors).toHaveLength(1);
    expect(heard).toEqual([70]);
    feed.close();
  });
});

describe('the hub on the store feed (several instances)', () => {
  function sharedHub() {
    const store = fakeStore();
    const feed = new StoreRoomFeed({ read: store.read, intervalMs: 250 });
    const hub = new DemoHub({
      sweepIntervalMs: 0,
      feed,
      restore: async (id) => (await store.read(id))?.snapshot,
    });
    return { store, feed, hub };
  }

  it('shows a turn once it is saved, wherever it ran; a publish here is not shown before its save', async () => {
    const { store, hub } = sharedHub();
    store.save(ROOM, snapshot(70));
    const first = await hub.lastOrRestored(ROOM);
    expect(first?.snapshot.anger).toBe(70);
    const seen: number[] = [];
    hub.subscribe(ROOM, (s) => seen.push(s.anger));
    hub.publish(ROOM, snapshot(65)); // a turn here, not saved yet
    expect(seen).toEqual([]);
    await vi.advanceTimersByTimeAsync(500); // the feed re-reads 70: unchanged, not passed on
    expect(seen).toEqual([]);
    store.save(ROOM, snapshot(65)); // saved (here or on another instance)
    await vi.advanceTimersByTimeAsync(250);
    expect(seen).toEqual([65]);
    hub.close();
  });

  it('follows a room while a viewer here watches it, and reads an unwatched room fresh', async () => {
    const { store, feed, hub } = sharedHub();
    store.save(ROOM, snapshot(70));
    await hub.lastOrRestored(ROOM);
    expect(hub.followedCount).toBe(0);
    const off = hub.subscribe(ROOM, () => undefined)!;
    expect(hub.followedCount).toBe(1);
    off();
    expect([hub.followedCount, feed.followedRooms]).toEqual([0, 0]);
    // Another instance changes the room while nobody here watches: the next viewer gets the change, not the cache.
    store.save(ROOM, snapshot(40));
    expect((await hub.lastOrRestored(ROOM))?.snapshot.anger).toBe(40);
    hub.close();
  });

  it('closes the viewers of a room that is gone from the store', async () => {
    const { store, hub } = sharedHub();
    store.save(ROOM, snapshot(70));
    await hub.lastOrRestored(ROOM);
    let closed = false;
    hub.subscribe(
      ROOM,
      () => undefined,
      () => (closed = true),
    );
    await vi.advanceTimersByTimeAsync(250);
    store.forget(ROOM);
    await vi.advanceTimersByTimeAsync(250);
    expect(closed).toBe(true);
    expect([hub.has(ROOM), hub.followedCount]).toEqual([false, 0]);
    expect(await hub.lastOrRestored(ROOM)).toBeUndefined();
    hub.close();
  });
});

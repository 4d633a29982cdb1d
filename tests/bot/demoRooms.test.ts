/**
 * A group demo across a restart: the room lives in its conversation's dialog state, DemoRooms finds it there by
 * its id (the projector hub restores it), and join codes kept in storage lead to their room again.
 */
import { ConversationState, MemoryStorage, type Activity, type TestAdapter } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoRooms, DEMO_ROOM_IDLE_MS } from '../../src/bot';
import { DemoHub } from '../../src/server/projector/demoHub';
import { JoinCodes } from '../../src/server/projector/joinCodes';
import { newRoomId } from '../../dialogs';
import { shippedLibrary } from '../support/shippedContent';
import { createTestBot, say, texts } from '../support/testBot';

/** The test bot's clock starts here and moves 15 s per reading. */
const START = 1_700_000_000_000;

function from(id: string, text: string): Partial<Activity> {
  return {
    type: 'message',
    channelId: 'directline',
    text,
    from: { id, name: id },
    recipient: { id: 'bot', name: 'Oefenbalie' },
    conversation: { id: 'dl-restart-room', isGroup: false, conversationType: 'personal', name: 'Oefenen' },
    locale: 'nl-NL',
  };
}

describe('a demo room restored from storage', () => {
  const hub = new DemoHub({ sweepIntervalMs: 0 });
  let adapter: TestAdapter;
  let rooms: DemoRooms;
  let roomId = '';

  beforeAll(async () => {
    ({ adapter, demoRooms: rooms } = createTestBot({}, { demoHub: hub }));
    const started = texts(await say(adapter, from('tineke', '/demo municipal-benefits vote')));
    roomId = /\/demo\/([A-Za-z0-9_-]{22})/.exec(started)![1]!;
    await say(adapter, from('anna', 'Ik zie dat u hier echt van baalt.'));
    await say(adapter, from('bram', 'Dat klopt gewoon niet.'));
    await say(adapter, from('chen', '/vote 1'));
  });
  afterAll(() => hub.close());

  it('is the room the projector showed last: round, proposals and votes', async () => {
    const restored = await rooms.snapshot(roomId, START + 60 * 60 * 1000);
    expect(restored).toEqual(hub.last(roomId)!.snapshot);
    expect(restored).toMatchObject({ round: 1, votedCount: 1 });
    expect(restored!.proposals).toHaveLength(2);
  });

  it.each([
    ['an unknown room', () => newRoomId(), START + 60_000],
    ['a room idle for longer than the hub keeps one', () => roomId, START + DEMO_ROOM_IDLE_MS + 10 * 60_000],
  ])('is not found for %s', async (_case, id, now) => {
    expect(await rooms.snapshot(id(), now)).toBeUndefined();
  });

  it('a fresh hub (after a restart) publishes the restored room to the projector once, then keeps it', async () => {
    let reads = 0;
    const restarted = new DemoHub({
      sweepIntervalMs: 0,
      restore: (id) => {
        reads += 1;
        return rooms.snapshot(id, START + 60_000);
      },
    });
    expect(restarted.last(roomId)).toBeUndefined();
    expect(await restarted.lastOrRestored(roomId)).toEqual({ snapshot: hub.last(roomId)!.snapshot, seq: 1 });
    expect(await restarted.lastOrRestored(roomId)).toMatchObject({ seq: 1 });
    expect(await restarted.lastOrRestored(newRoomId())).toBeUndefined();
    expect(reads).toBe(2);
    restarted.close();
  });

  it('a join code kept in storage leads to its room after a restart, while the room can be restored', async () => {
    // The codes' own storage: a restart keeps it, the process's memory is gone.
    const storage = new MemoryStorage();
    const store = new DemoRooms(storage, new ConversationState(storage), shippedLibrary);
    const before = new JoinCodes(hub, store);
    before.acceptConversations(() => true);
    expect(before.register(roomId, 'K7PXQ2', 'conv-1')).toBe(true);
    expect(before.register(newRoomId(), 'M4RTW8', 'conv-2')).toBe(true);
    await before.whenKept();

    const restartedHub = new DemoHub({ sweepIntervalMs: 0, restore: (id) => rooms.snapshot(id, START + 60_000) });
    const after = new JoinCodes(restartedHub, store);
    expect(after.find('K7PXQ2')).toBeUndefined();
    expect(await after.open('k7p-xq2')).toEqual({ roomId, conversationId: 'conv-1', since: 0 });
    expect(after.find('K7PXQ2')).toEqual({ roomId, conversationId: 'conv-1', since: 0 });
    // Its room never reached a conversation's state, so there is nothing to join.
    expect(await after.open('M4RTW8')).toBeUndefined();
    expect(await after.open('ZZZZZZ')).toBeUndefined();
    restartedHub.close();
  });

  it('is read with a version that changes with every saved change of the room, and only then (the store feed)', async () => {
    const now = START + 60 * 60 * 1000;
    const before = await rooms.current(roomId, now);
    expect(before?.snapshot).toEqual(await rooms.snapshot(roomId, now));
    expect((await rooms.current(roomId, now))?.version).toBe(before?.version);
    await say(adapter, from('bram', '/vote 1'));
    const after = await rooms.current(roomId, now);
    expect(after?.version).not.toBe(before?.version);
    expect(after?.snapshot?.votedCount).toBe(2);
    expect(await rooms.current(newRoomId(), now)).toBeUndefined();
  });

  it('is gone once the trainer ends the demo (the debrief is in the chat); projectors following it get the debrief', async () => {
    await say(adapter, from('tineke', '/end'));
    expect(await rooms.snapshot(roomId, START + 60 * 60 * 1000)).toBeUndefined();
    const ended = await rooms.current(roomId, START + 60 * 60 * 1000);
    expect(ended?.snapshot).toMatchObject({ roomId, ended: true, phase: 'ended' });
    expect(ended?.snapshot?.debrief?.contributors.map((c) => c.name)).toEqual(
      expect.arrayContaining(['anna', 'bram', 'chen']),
    );
  });
});

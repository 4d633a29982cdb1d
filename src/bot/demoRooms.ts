import type { ConversationState, Storage, StoreItem, TurnContext } from 'botbuilder';
import { demoRoomInDialogState, type ScenarioSource } from '../../dialogs';
import { roomSnapshot, type RoomSnapshot } from '../core';
import { updateWithRetry } from '../storage';

/** A room is shown again after a restart only this long after its last change (the projector hub's idle time). */
export const DEMO_ROOM_IDLE_MS = 4 * 60 * 60 * 1000;

/** Where a join code leads; the same record the server's join codes keep in memory (src/server/projector/joinCodes.ts). */
export interface KeptJoinCode {
  roomId: string;
  conversationId: string;
  since: number;
}

interface RoomPointer {
  /** The storage key of the conversation state the room lives in. */
  stateKey: string;
  changedAt: number;
  /** The room's last snapshot once it has ended (its conversation no longer holds it): the projectors' debrief. */
  ended?: RoomSnapshot;
}

/** A room as stored now (the store feed's reading, src/server/projector/storeRoomFeed.ts). */
export interface StoredRoom {
  /** Changes with every saved change of the room: its conversation state's eTag (or the pointer's, once ended). */
  version: string;
  snapshot: RoomSnapshot | undefined;
}

/** Rooms whose state key is remembered (a room's never changes), so a poll reads pointer and state at once. */
const STATE_KEYS_KEPT = 1000;

/**
 * Group demo rooms across a restart. The room itself lives in its conversation's dialog state; this store keeps a
 * small pointer per room (room id → that state's storage key, and when the room last changed) and the join codes
 * (code → room and conversation), both in the configured storage, so the projector and a join link work again
 * right after the bot restarts, before anyone sends the next message, and on every instance that shares the
 * storage. The room itself is saved with its conversation state, with the eTag the turn read (runTurnWithRetry),
 * so two instances never lose each other's change; the pointer is read-modified-written with its eTag as well.
 *
 * @example
 * const rooms = new DemoRooms(storage, conversationState, personas);
 * await rooms.remember(context, room.roomId, now);   // every change of the room (demo dialog)
 * await rooms.snapshot(roomId, Date.now());           // after a restart: the room as last saved, or undefined
 * await rooms.current(roomId, Date.now());            // { version, snapshot }: what the store feed polls
 */
export class DemoRooms {
  private readonly stateKeys = new Map<string, string>();

  constructor(
    private readonly storage: Storage,
    private readonly conversationState: ConversationState,
    private readonly personas: ScenarioSource['personas'],
    private readonly idleMs = DEMO_ROOM_IDLE_MS,
  ) {}

  /**
   * Notes where the room played in this turn's conversation is kept, and that it changed now; `ended` is its last
   * snapshot when this change ended it. Read-modify-write with the pointer's eTag: the latest change time wins,
   * whichever instance writes last.
   */
  async remember(context: TurnContext, roomId: string, changedAt: number, ended?: RoomSnapshot): Promise<void> {
    const stateKey = this.conversationState.getStorageKey(context);
    if (!stateKey) return;
    await updateWithRetry<RoomPointer>(this.storage, roomKey(roomId), (stored) => ({
      stateKey,
      changedAt: Math.max(changedAt, typeof stored?.changedAt === 'number' ? stored.changedAt : 0),
      ...(ended ? { ended } : stored?.ended ? { ended: stored.ended } : {}),
    }));
  }

  /** The room's snapshot as its conversation last saved it; undefined when unknown, ended or idle too long. */
  async snapshot(roomId: string, now: number): Promise<RoomSnapshot | undefined> {
    const read = await this.read(roomId, now);
    return read?.room && read.persona ? roomSnapshot(read.room, read.persona) : undefined;
  }

  /**
   * The room as stored now, with a version that changes with every saved change: while it runs, as its
   * conversation saved it; once ended, its last snapshot (the debrief). Undefined when unknown or idle too long.
   */
  async current(roomId: string, now: number): Promise<StoredRoom | undefined> {
    const read = await this.read(roomId, now);
    if (!read) return undefined;
    if (read.room && read.persona) {
      const snapshot = roomSnapshot(read.room, read.persona);
      return { version: `room:${read.stateETag ?? JSON.stringify(snapshot)}`, snapshot };
    }
    const ended = read.pointer.ended;
    if (ended?.roomId === roomId) return { version: `ended:${read.pointer.eTag ?? ended.turns}`, snapshot: ended };
    return undefined;
  }

  /** The room's pointer and conversation state, read together once the state key is known. */
  private async read(roomId: string, now: number) {
    const pointerKey = roomKey(roomId);
    const knownStateKey = this.stateKeys.get(roomId);
    const items = await this.storage.read(knownStateKey ? [pointerKey, knownStateKey] : [pointerKey]);
    const pointer = items[pointerKey] as (Partial<RoomPointer> & StoreItem) | undefined;
    if (typeof pointer?.stateKey !== 'string' || typeof pointer.changedAt !== 'number') return undefined;
    if (now - pointer.changedAt > this.idleMs) return undefined;
    const stateKey = pointer.stateKey;
    this.keepStateKey(roomId, stateKey);
    const state = (stateKey === knownStateKey ? items[stateKey] : (await this.storage.read([stateKey]))[stateKey]) as
      ({ dialogState?: unknown } & StoreItem) | undefined;
    const room = demoRoomInDialogState(state?.dialogState, roomId);
    const persona = room ? this.personas.personas.find((p) => p.id === room.session.personaId) : undefined;
    return { pointer, room, persona, stateETag: state?.eTag };
  }

  private keepStateKey(roomId: string, stateKey: string): void {
    if (this.stateKeys.get(roomId) === stateKey) return;
    if (this.stateKeys.size >= STATE_KEYS_KEPT) this.stateKeys.delete(this.stateKeys.keys().next().value as string);
    this.stateKeys.set(roomId, stateKey);
  }

  async keepJoinCode(code: string, door: KeptJoinCode): Promise<void> {
    await this.storage.write({ [codeKey(code)]: { ...door, eTag: '*' } });
  }

  /** Where a kept join code leads (the code as the server normalised it). */
  async joinCode(code: string): Promise<KeptJoinCode | undefined> {
    const item = (await this.storage.read([codeKey(code)]))[codeKey(code)] as Partial<KeptJoinCode> | undefined;
    if (typeof item?.roomId !== 'string' || typeof item.conversationId !== 'string') return undefined;
    return { roomId: item.roomId, conversationId: item.conversationId, since: Number(item.since) || 0 };
  }
}

/**
 * The storage key prefixes of a demo's own items (the room pointer with its last snapshot: names, proposals and
 * votes; the join codes). They hold participants' words, so the retention sweeper deletes them with conversation
 * state (src/server/createServer.ts).
 */
export const DEMO_ROOM_KEY_PREFIXES = ['demoRooms/', 'demoJoinCodes/'] as const;

function roomKey(roomId: string): string {
  return `${DEMO_ROOM_KEY_PREFIXES[0]}${roomId}`;
}

function codeKey(code: string): string {
  return `${DEMO_ROOM_KEY_PREFIXES[1]}${code}`;
}

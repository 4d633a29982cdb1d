import type { ConversationState, Storage, TurnContext } from 'botbuilder';
import { demoRoomInDialogState, type ScenarioSource } from '../../dialogs';
import { roomSnapshot, type RoomSnapshot } from '../core';

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
}

/**
 * Group demo rooms across a restart. The room itself lives in its conversation's dialog state; this store keeps a
 * small pointer per room (room id → that state's storage key, and when the room last changed) and the join codes
 * (code → room and conversation), both in the configured storage, so the projector and a join link work again
 * right after the bot restarts, before anyone sends the next message.
 *
 * @example
 * const rooms = new DemoRooms(storage, conversationState, personas);
 * await rooms.remember(context, room.roomId, now);   // every change of the room (demo dialog)
 * await rooms.snapshot(roomId, Date.now());           // after a restart: the room as last saved, or undefined
 */
export class DemoRooms {
  constructor(
    private readonly storage: Storage,
    private readonly conversationState: ConversationState,
    private readonly personas: ScenarioSource['personas'],
    private readonly idleMs = DEMO_ROOM_IDLE_MS,
  ) {}

  /** Notes where the room played in this turn's conversation is kept, and that it changed now. */
  async remember(context: TurnContext, roomId: string, changedAt: number): Promise<void> {
    const stateKey = this.conversationState.getStorageKey(context);
    if (!stateKey) return;
    const pointer: RoomPointer = { stateKey, changedAt };
    await this.storage.write({ [roomKey(roomId)]: { ...pointer, eTag: '*' } });
  }

  /** The room's snapshot as its conversation last saved it; undefined when unknown, ended or idle too long. */
  async snapshot(roomId: string, now: number): Promise<RoomSnapshot | undefined> {
    const pointer = (await this.storage.read([roomKey(roomId)]))[roomKey(roomId)] as Partial<RoomPointer> | undefined;
    if (typeof pointer?.stateKey !== 'string' || typeof pointer.changedAt !== 'number') return undefined;
    if (now - pointer.changedAt > this.idleMs) return undefined;
    const state = (await this.storage.read([pointer.stateKey]))[pointer.stateKey] as
      { dialogState?: unknown } | undefined;
    const room = demoRoomInDialogState(state?.dialogState, roomId);
    const persona = room ? this.personas.personas.find((p) => p.id === room.session.personaId) : undefined;
    return room && persona ? roomSnapshot(room, persona) : undefined;
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

function roomKey(roomId: string): string {
  return `demoRooms/${roomId}`;
}

function codeKey(code: string): string {
  return `demoJoinCodes/${code}`;
}

/**
 * Where the join codes of group demo rooms lead. A room gets its short code when it starts (dialogs/demoRoomId.ts);
 * when the trainer started it with `/demo` in web chat, the room is played in the trainer's own Direct Line
 * conversation, and the code leads a trainee's browser into that conversation (joinRoute.ts). A code is kept in
 * the store, so it works after a restart and on every instance, as long as its room runs (the hub holds it or can
 * read it: until four hours after the room's last change). Rooms in Teams are not registered: there the room is
 * the group chat itself.
 *
 * Codes are six characters from an alphabet without look-alikes (about 890 million codes) and the join route is
 * rate limited, so guessing a live one is not practical; the room id behind it (the projector link) stays secret.
 *
 * @example
 * const codes = new JoinCodes(hub);
 * codes.acceptConversations((id) => store.has(id));    // the embedded Direct Line's conversations
 * codes.register(roomId, 'K7PXQ2', conversationId);    // true: browsers can join this room
 * codes.find('k7p xq2');                               // { roomId, conversationId, since }
 */
import { normalJoinCode } from '../../../dialogs';
import type { DemoHub } from './demoHub';

/** Where join codes are kept across restarts (the bot's DemoRooms, on the configured storage). */
export interface KeptJoinCodes {
  keepJoinCode(code: string, door: RoomDoor): Promise<void>;
  joinCode(code: string): Promise<RoomDoor | undefined>;
}

/** Where a join code leads. */
export interface RoomDoor {
  roomId: string;
  /** The Direct Line conversation the room is played in. */
  conversationId: string;
  /** The conversation's watermark when the room started: a joining browser sees what came after it only. */
  since: number;
}

export class JoinCodes {
  private readonly doors = new Map<string, RoomDoor>();
  private joinable: (conversationId: string) => boolean = () => false;
  private watermarkOf: (conversationId: string) => number = () => 0;

  /** The last write to the store: a code registered in a turn is found by a join right after it. */
  private kept: Promise<void> = Promise.resolve();

  constructor(
    private readonly hub: DemoHub,
    private readonly store?: KeptJoinCodes,
    private readonly onStoreError: (error: unknown) => void = () => undefined,
  ) {}

  /**
   * Which conversations a browser can join (the embedded Direct Line's; none until the server says), and where each
   * stands now (its watermark), so a room's guests see it from its start.
   */
  acceptConversations(
    joinable: (conversationId: string) => boolean,
    watermarkOf?: (conversationId: string) => number,
  ): void {
    this.joinable = joinable;
    if (watermarkOf) this.watermarkOf = watermarkOf;
  }

  /**
   * Lets browsers join the room with its code. False when its conversation cannot be joined (Teams, Azure's
   * Direct Line) or the code already leads to another live room.
   */
  register(roomId: string, code: string, conversationId: string): boolean {
    const canonical = normalJoinCode(code);
    if (!canonical || !this.joinable(conversationId)) return false;
    this.sweep();
    const taken = this.doors.get(canonical);
    if (taken && taken.roomId !== roomId) return false;
    const door = taken ?? { roomId, conversationId, since: this.watermarkOf(conversationId) };
    this.doors.set(canonical, door);
    if (!taken && this.store) {
      const store = this.store;
      this.kept = this.kept.then(() => store.keepJoinCode(canonical, door)).catch(this.onStoreError);
    }
    return true;
  }

  /** Where the code leads (as typed: any case, spaces or dashes), while its room is live on the hub. */
  find(typed: unknown): RoomDoor | undefined {
    const code = normalJoinCode(typed);
    const door = code === undefined ? undefined : this.doors.get(code);
    if (!door || code === undefined) return undefined;
    if (!this.hub.has(door.roomId)) {
      this.doors.delete(code);
      return undefined;
    }
    return door;
  }

  /**
   * Where the code leads, also after a restart: from memory, else from the store, while the hub knows or can
   * restore its room.
   */
  async open(typed: unknown): Promise<RoomDoor | undefined> {
    const code = normalJoinCode(typed);
    if (code === undefined) return undefined;
    const known = this.find(code);
    if (known || !this.store) return known;
    await this.whenKept();
    const door = await this.store.joinCode(code);
    if (!door || !(await this.hub.lastOrRestored(door.roomId))) return undefined;
    this.doors.set(code, door);
    return door;
  }

  /** Resolves once every code registered so far is in the store (shutdown waits for it, so no code is lost). */
  whenKept(): Promise<void> {
    return this.kept;
  }

  /** True when the room's code leads to it (the projector shows the join link and QR code only then). */
  isOpen(roomId: string, code: string | undefined): boolean {
    return this.find(code)?.roomId === roomId;
  }

  get size(): number {
    return this.doors.size;
  }

  /** Drops the codes of rooms the hub no longer has. */
  sweep(): void {
    for (const [code, door] of this.doors) {
      if (!this.hub.has(door.roomId)) this.doors.delete(code);
    }
  }
}

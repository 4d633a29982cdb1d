/**
 * Short join codes for group demo rooms in web chat. `/demo` in the web chat page opens a room in the trainer's
 * own Direct Line conversation; its join code (six letters and digits, read aloud or typed from the projector)
 * leads a trainee's browser into that conversation (joinRoute.ts). A code lives as long as its room is on the
 * projector hub (forgotten four hours after the room's last change, or on a restart).
 *
 * Codes use 30 characters that cannot be mistaken for each other on a projector (no I, L, O, 0, 1, U):
 * 30^6 ≈ 729 million codes, and the join route is rate limited, so guessing a live one is not practical; the
 * room id behind it (the projector link) stays secret.
 *
 * @example
 * const codes = new JoinCodes(hub);
 * codes.acceptConversations((id) => store.has(id)); // the embedded Direct Line
 * const code = codes.open(roomId, conversationId);  // 'K7PXQ2', or undefined when nobody can join there
 * codes.find('k7p-xq2');                             // { roomId, conversationId }
 */
import { randomInt } from 'crypto';
import type { DemoHub } from './demoHub';

export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';
export const JOIN_CODE_LENGTH = 6;

/** Where a join code leads. */
export interface RoomDoor {
  roomId: string;
  /** The Direct Line conversation the room is played in. */
  conversationId: string;
}

/** The code as typed (any case, spaces or dashes) in its canonical form, or undefined when it cannot be one. */
export function normaliseJoinCode(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || raw.length > 40) return undefined;
  const code = raw.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== JOIN_CODE_LENGTH) return undefined;
  return [...code].every((c) => JOIN_CODE_ALPHABET.includes(c)) ? code : undefined;
}

export class JoinCodes {
  private readonly doors = new Map<string, RoomDoor>();
  private readonly codeOfRoom = new Map<string, string>();
  private joinable: (conversationId: string) => boolean = () => false;

  constructor(
    private readonly hub: DemoHub,
    private readonly random: (max: number) => number = (max) => randomInt(max),
  ) {}

  /** Which conversations a browser can join (the embedded Direct Line's); none until the server says. */
  acceptConversations(joinable: (conversationId: string) => boolean): void {
    this.joinable = joinable;
  }

  /** The room's join code (the same one when asked again), or undefined when its conversation cannot be joined. */
  open(roomId: string, conversationId: string): string | undefined {
    if (!this.joinable(conversationId)) return undefined;
    this.sweep();
    const known = this.codeOfRoom.get(roomId);
    if (known) return known;
    let code: string;
    do {
      code = Array.from(
        { length: JOIN_CODE_LENGTH },
        () => JOIN_CODE_ALPHABET[this.random(JOIN_CODE_ALPHABET.length)],
      ).join('');
    } while (this.doors.has(code));
    this.doors.set(code, { roomId, conversationId });
    this.codeOfRoom.set(roomId, code);
    return code;
  }

  /** Where the code leads, while its room is live on the hub. */
  find(raw: unknown): RoomDoor | undefined {
    const code = normaliseJoinCode(raw);
    const door = code === undefined ? undefined : this.doors.get(code);
    if (!door || !code) return undefined;
    if (!this.hub.has(door.roomId)) {
      this.forget(code, door);
      return undefined;
    }
    return door;
  }

  get size(): number {
    return this.doors.size;
  }

  /** Drops the codes of rooms the hub no longer has. */
  sweep(): void {
    for (const [code, door] of this.doors) {
      if (!this.hub.has(door.roomId)) this.forget(code, door);
    }
  }

  private forget(code: string, door: RoomDoor): void {
    this.doors.delete(code);
    this.codeOfRoom.delete(door.roomId);
  }
}

import { randomBytes, randomInt } from 'crypto';

/** An unguessable room id (128 random bits, base64url, 22 characters): the projector link is the key. */
export function newRoomId(): string {
  return randomBytes(16).toString('base64url');
}

/** What {@link newRoomId} makes; anything else is not a room. */
export const ROOM_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export function isRoomId(value: unknown): value is string {
  return typeof value === 'string' && ROOM_ID_PATTERN.test(value);
}

/** Letters and digits nobody confuses when read off a projector or said aloud (no 0/O, 1/I/L). */
const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const JOIN_CODE_LENGTH = 6;

/**
 * A short code trainees type on the web chat page to join a demo (31^6 ≈ 890 million codes). Not a secret like
 * the room id: it lets someone take part, and the server forgets it with the room.
 */
export function newJoinCode(): string {
  let code = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i += 1) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}

export const JOIN_CODE_PATTERN = new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`);

/** A join code as typed (spaces and case do not matter), or undefined when it cannot be one. */
export function normalJoinCode(typed: unknown): string | undefined {
  if (typeof typed !== 'string') return undefined;
  const code = typed.replace(/[\s-]/g, '').toUpperCase();
  return JOIN_CODE_PATTERN.test(code) ? code : undefined;
}

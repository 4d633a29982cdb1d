import { randomBytes } from 'crypto';

/** An unguessable room id (128 random bits, base64url, 22 characters): the projector link is the key. */
export function newRoomId(): string {
  return randomBytes(16).toString('base64url');
}

/** What {@link newRoomId} makes; anything else is not a room. */
export const ROOM_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export function isRoomId(value: unknown): value is string {
  return typeof value === 'string' && ROOM_ID_PATTERN.test(value);
}

/**
 * How {@link FileStorage} names and protects its files: one portable file name per storage key, owner-only
 * modes. Keys (`msteams/conversations/a:1…`) become `[a-z0-9_-]` names (lower-case letters, digits and `-`
 * kept, everything else `_xx` hex bytes; safe on case-insensitive file systems); very long keys are shortened
 * with a SHA-256 of the key, which is why each file also holds its key.
 */
import { createHash } from 'crypto';

const MAX_NAME = 200;
/** Owner only: the files hold what trainees typed, and other users of the machine may not read them. */
export const FILE_MODE = 0o600;
export const FOLDER_MODE = 0o700;

/**
 * Encodes a storage key into a file name made of `[a-z0-9_-]` (plus `~` before a hash for long keys).
 * Injective for names up to {@link MAX_NAME} characters; longer ones end with the key's SHA-256.
 */
export function keyToFileName(key: string): string {
  if (typeof key !== 'string' || key.length === 0) throw new Error('FileStorage: keys must be non-empty strings');
  let encoded = '';
  for (const byte of Buffer.from(key, 'utf8')) {
    const isSafe = (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x30 && byte <= 0x39) || byte === 0x2d;
    encoded += isSafe ? String.fromCharCode(byte) : `_${byte.toString(16).padStart(2, '0')}`;
  }
  if (encoded.length > MAX_NAME) {
    const hash = createHash('sha256').update(key, 'utf8').digest('hex');
    encoded = `${encoded.slice(0, MAX_NAME - 65)}~${hash}`;
  }
  return `${encoded}.json`;
}

/**
 * Token handling for the embedded Direct Line: random opaque tokens, bearer parsing, constant-time compare.
 * Tokens are 256-bit random strings (not JWTs); the store maps each to one conversation and an expiry.
 */
import { randomBytes, timingSafeEqual } from 'crypto';

/** Length of {@link newToken}'s result. */
export const TOKEN_RANDOM_LENGTH = 43;

/** A fresh random token (43 URL-safe characters). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A fresh random id (22 URL-safe characters), for conversations. */
export function newId(): string {
  return randomBytes(16).toString('base64url');
}

/** The token in an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(value ?? '');
  const token = match?.[1];
  return token && token !== 'undefined' && token !== 'null' ? token : undefined;
}

/** Compares two secrets in constant time (for equal lengths). */
export function sameSecret(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Signed, short-lived page nonces: with app credentials, the embedded Direct Line's token route hands tokens only
 * to the bot's own page. Each page the bot serves carries a nonce (`<issued at>.<HMAC-SHA256>` under a key made
 * per process); the page sends it back as `X-Page-Nonce` when it asks for a token, from its own origin. A script
 * on another site gets no token (its Origin differs), and a client that never loaded a page has no nonce.
 *
 * @example
 * const nonces = new PageNonces();
 * const nonce = nonces.issue();        // embedded in the page
 * nonces.isValid(nonce);               // true for `ttlMs` (default 10 minutes)
 */
import { createHmac, randomBytes } from 'crypto';
import { sameSecret } from './tokens';

export const PAGE_NONCE_HEADER = 'x-page-nonce';

export class PageNonces {
  private readonly key = randomBytes(32);
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: { ttlMs?: number; now?: () => number } = {}) {
    this.ttlMs = options.ttlMs ?? 10 * 60 * 1000;
    this.now = options.now ?? Date.now;
  }

  issue(): string {
    const issuedAt = String(this.now());
    return `${issuedAt}.${this.sign(issuedAt)}`;
  }

  isValid(nonce: string | undefined): boolean {
    const match = /^(\d{1,16})\.([\w-]{43})$/.exec(nonce ?? '');
    if (!match) return false;
    const [, issuedAt = '', signature] = match;
    const age = this.now() - Number(issuedAt);
    return age >= 0 && age <= this.ttlMs && sameSecret(signature, this.sign(issuedAt));
  }

  private sign(issuedAt: string): string {
    return createHmac('sha256', this.key).update(`page-nonce:${issuedAt}`).digest('base64url');
  }
}

/** True when the request comes from a page on the bot's own host (the browser's Origin names it). */
export function isSameOrigin(origin: string | string[] | undefined, host: string | undefined): boolean {
  if (typeof origin !== 'string' || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

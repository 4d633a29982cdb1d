/**
 * The Bot Framework's OpenID signing keys, fetched so that a bad metadata server cannot hurt the bot.
 * botframework-connector's own OpenIdMetadata fetches without a timeout (a hanging server stalls every request
 * for minutes), and after a failed fetch it fetches again on every request. This one:
 *
 * - keeps the keys for a day, and looks again for an unknown key id at most once an hour (as botbuilder does);
 * - fetches once for all the requests waiting on it, within `timeoutMs` for the metadata and the keys together;
 * - after a failure waits before it tries again, twice as long each time (backoff), up to `maxBackoffMs`; in
 *   the meantime requests are answered at once from the keys it has (none: the token is refused, 401).
 *
 * It never throws: a key it cannot find is `null`, which botbuilder turns into a 401.
 */
import { createPublicKey, type JsonWebKey } from 'crypto';
import { AuthenticationConstants } from 'botframework-connector';
// Not in the package's index: the class whose per-URL metadata map every token check reads.
import { JwtTokenExtractor } from 'botframework-connector/lib/auth/jwtTokenExtractor';

export interface OpenIdKeyOptions {
  /** The whole fetch (metadata, then keys) must finish within this. */
  timeoutMs: number;
  /** The wait after the first failure; doubled after each further one. */
  firstBackoffMs?: number;
  maxBackoffMs?: number;
  /** Injected for tests; defaults to the wall clock and the global fetch. */
  clock?: () => number;
  fetch?: typeof fetch;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

interface SigningKey {
  kid?: string;
  n?: string;
  e?: string;
  kty?: string;
  endorsements?: string[];
}

export class OpenIdKeys {
  private keys: SigningKey[] = [];
  private fetchedAt = -Infinity;
  private failures = 0;
  private nextTryAt = -Infinity;
  private running: Promise<void> | undefined;
  /** Fetches started: what the tests (and an operator's debugger) count. */
  fetches = 0;

  constructor(
    readonly url: string,
    private readonly options: OpenIdKeyOptions,
  ) {}

  /** The key with this id as botbuilder wants it (PEM and endorsements), or null. */
  async getKey(keyId: string): Promise<{ key: string; endorsements?: string[] } | null> {
    const now = this.now();
    const found = this.find(keyId);
    const stale = now - this.fetchedAt > DAY_MS;
    const worthLooking = !found && now - this.fetchedAt > HOUR_MS;
    if ((stale || worthLooking) && now >= this.nextTryAt) {
      await (this.running ??= this.refresh().finally(() => (this.running = undefined)));
      return this.find(keyId);
    }
    return found;
  }

  private async refresh(): Promise<void> {
    this.fetches += 1;
    const signal = AbortSignal.timeout(this.options.timeoutMs);
    try {
      const metadata = (await this.getJson(this.url, signal)) as { jwks_uri?: unknown };
      if (typeof metadata.jwks_uri !== 'string') throw new Error('no jwks_uri');
      const { keys } = (await this.getJson(metadata.jwks_uri, signal)) as { keys?: unknown };
      if (!Array.isArray(keys)) throw new Error('no keys');
      this.keys = keys.filter((k): k is SigningKey => typeof k === 'object' && k !== null);
      this.fetchedAt = this.now();
      this.failures = 0;
      this.nextTryAt = -Infinity;
    } catch {
      // The cause (DNS, refused, timeout, 500, garbage) is the metadata server's business, not the caller's.
      this.failures += 1;
      const first = this.options.firstBackoffMs ?? 1000;
      const wait = Math.min(this.options.maxBackoffMs ?? 5 * 60 * 1000, first * 2 ** (this.failures - 1));
      this.nextTryAt = this.now() + wait;
    }
  }

  private async getJson(url: string, signal: AbortSignal): Promise<unknown> {
    const res = await (this.options.fetch ?? fetch)(url, { signal, redirect: 'error' });
    if (!res.ok) throw new Error(`status ${res.status}`);
    return (await res.json()) as unknown;
  }

  private find(keyId: string): { key: string; endorsements?: string[] } | null {
    const jwk = this.keys.find((k) => k.kid === keyId);
    // Only RSA keys sign channel tokens; anything else is no key.
    if (!jwk || typeof jwk.n !== 'string' || typeof jwk.e !== 'string') return null;
    try {
      const key = createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e } as JsonWebKey, format: 'jwk' })
        .export({ type: 'spki', format: 'pem' })
        .toString();
      return { key, ...(Array.isArray(jwk.endorsements) ? { endorsements: jwk.endorsements } : {}) };
    } catch {
      return null;
    }
  }

  private now(): number {
    return (this.options.clock ?? Date.now)();
  }
}

/** The metadata URLs botbuilder reads channel (and emulator) tokens' keys from: the configured one, or the public ones. */
export function openIdMetadataUrls(configured: string | undefined): string[] {
  return configured
    ? [configured]
    : [
        AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
        AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
      ];
}

/**
 * Makes botbuilder use {@link OpenIdKeys} for these metadata URLs. botbuilder keeps one metadata object per URL
 * in a static map that every token check consults first; an entry put there is the one it uses.
 */
export function installOpenIdKeys(urls: readonly string[], options: OpenIdKeyOptions): OpenIdKeys[] {
  const cache = (JwtTokenExtractor as unknown as { openIdMetadataCache: Map<string, unknown> }).openIdMetadataCache;
  return urls.map((url) => {
    const keys = new OpenIdKeys(url, options);
    cache.set(url, keys);
    return keys;
  });
}

/**
 * Per-client rate limits for the routes that create something (tokens, conversations): a token bucket per
 * client address, `perMinute` refilled evenly with a burst of `burst`. The table of clients is bounded too
 * (the least recently seen client goes first), so a flood from many addresses cannot grow it without end.
 *
 * The client is the socket's address: X-Forwarded-For is not trusted (anyone can write it). Behind a proxy every
 * client shares the proxy's address; the default burst is sized for a class starting together.
 *
 * @example
 * const limiter = new RateLimiter({ perMinute: 30, burst: 60 });
 * if (!limiter.take(req.socket.remoteAddress ?? '')) sendRetryLater(res, 429, 'TooManyRequests', limiter.retryAfterSeconds);
 */
export interface RateLimiterOptions {
  perMinute: number;
  burst: number;
  /** Clients remembered at once (default 10 000). */
  maxClients?: number;
  now?: () => number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly now: () => number;
  private readonly maxClients: number;

  constructor(private readonly options: RateLimiterOptions) {
    this.now = options.now ?? Date.now;
    this.maxClients = options.maxClients ?? 10_000;
  }

  /** Seconds until one more request is allowed (for Retry-After). */
  get retryAfterSeconds(): number {
    return Math.max(1, Math.ceil(60 / this.options.perMinute));
  }

  /** Takes one request for `client`; false when its bucket is empty. */
  take(client: string): boolean {
    const now = this.now();
    const bucket = this.buckets.get(client) ?? { tokens: this.options.burst, updatedAt: now };
    const refill = ((now - bucket.updatedAt) / 60_000) * this.options.perMinute;
    bucket.tokens = Math.min(this.options.burst, bucket.tokens + refill);
    bucket.updatedAt = now;
    // Re-insert so the map's order is "least recently seen first".
    this.buckets.delete(client);
    this.buckets.set(client, bucket);
    while (this.buckets.size > this.maxClients) this.buckets.delete(this.buckets.keys().next().value as string);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}

export type RateLimitVerdict = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Token buckets per key: this in-process one, or PostgresRateLimiter shared by every process on one database. */
export type RateLimit = { take(key: string): RateLimitVerdict | Promise<RateLimitVerdict> };

/**
 * Token buckets per key (an address or an IP): `capacity` requests at once, refilled at `perMinute`. In-process
 * memory, which is enough for the embedded database: only one process can hold it.
 */
export class RateLimiter implements RateLimit {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly capacity = perMinute,
  ) {}

  /** Takes one token; returns the seconds to wait when there is none. */
  take(key: string, now = Date.now()): RateLimitVerdict {
    const rate = this.perMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, at: now };
    bucket.tokens = Math.min(this.capacity, bucket.tokens + (now - bucket.at) * rate);
    bucket.at = now;
    if (this.buckets.size > 50_000) this.evictFull(now);
    if (bucket.tokens < 1) {
      this.buckets.set(key, bucket);
      return { ok: false, retryAfterSeconds: Math.ceil((1 - bucket.tokens) / rate / 1000) };
    }
    bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    return { ok: true };
  }

  /** Forgets buckets that have refilled completely (they behave exactly like new ones). */
  private evictFull(now: number) {
    const rate = this.perMinute / 60_000;
    for (const [key, b] of this.buckets)
      if (b.tokens + (now - b.at) * rate >= this.capacity) this.buckets.delete(key);
  }
}

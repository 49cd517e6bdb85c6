import type { Db } from "../db/connect.ts";
import type { RateLimit, RateLimitVerdict } from "./rate-limiter.ts";

// Rows of full buckets are deleted now and then: a full bucket behaves exactly like no row.
const SWEEP_EVERY_TAKES = 1_000;
let takes = 0;

/**
 * The token buckets of RateLimiter kept in PostgreSQL, so that every app process serving one database enforces one
 * limit. A bucket is one row holding when it is full again (GCRA: a token bucket as a single timestamp). A take is
 * one upsert that moves that time on by one token's interval only while it stays within the bucket's capacity, so
 * concurrent takes from any number of processes cannot overspend a bucket.
 */
export class PostgresRateLimiter implements RateLimit {
  constructor(
    private readonly db: Db,
    /** The limit's name and size, e.g. "write:30" (a changed size starts new buckets). */
    private readonly bucket: string,
    private readonly perMinute: number,
    private readonly capacity = perMinute,
  ) {}

  async take(key: string, now = Date.now()): Promise<RateLimitVerdict> {
    const interval = 60_000 / this.perMinute;
    // An empty bucket is full again after this long.
    const window = this.capacity * interval;
    const taken = await this.db.$queryRaw<{ fullAt: number }[]>`
      INSERT INTO "RateLimitBucket" ("bucket", "key", "fullAt")
      VALUES (${this.bucket}, ${key}, ${now + interval}::float8)
      ON CONFLICT ("bucket", "key") DO UPDATE
        SET "fullAt" = GREATEST("RateLimitBucket"."fullAt", ${now}::float8) + ${interval}::float8
        WHERE GREATEST("RateLimitBucket"."fullAt", ${now}::float8) + ${interval}::float8 <= ${now + window}::float8
      RETURNING "fullAt"`;
    if (++takes % SWEEP_EVERY_TAKES === 0) {
      await this.db.$executeRaw`DELETE FROM "RateLimitBucket" WHERE "fullAt" <= ${now}::float8`;
    }
    if (taken.length > 0) return { ok: true };
    const [row] = await this.db.$queryRaw<{ fullAt: number }[]>`
      SELECT "fullAt" FROM "RateLimitBucket" WHERE "bucket" = ${this.bucket} AND "key" = ${key}`;
    // The next token is back when the bucket is one interval short of its capacity.
    const waitMs = (row?.fullAt ?? now) + interval - window - now;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1_000)) };
  }
}

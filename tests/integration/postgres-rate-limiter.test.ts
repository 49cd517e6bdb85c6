import { afterEach, describe, expect, it } from "vitest";
import { connectDatabase } from "../../server/db/connect.ts";
import { PostgresRateLimiter } from "../../server/security/postgres-rate-limiter.ts";
import { freshTarget, testDatabaseKinds } from "../support/test-databases.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A fresh migrated database of this kind, opened `clients` times (separate connections, as separate app processes). */
async function openShared(kind: (typeof testDatabaseKinds)[number], clients: number) {
  const { target, drop } = await freshTarget(kind);
  cleanups.push(drop);
  const conns = [];
  for (let i = 0; i < clients; i++) {
    const conn = await connectDatabase(target, { migrate: i === 0 });
    cleanups.push(conn.close);
    conns.push(conn);
  }
  return conns.map((c) => c.db);
}

describe.each(testDatabaseKinds)("PostgresRateLimiter on %s", (kind) => {
  it("allows a burst up to capacity, then refills at the rate, like the in-process limiter", async () => {
    const [db] = await openShared(kind, 1);
    const limiter = new PostgresRateLimiter(db!, "write:60", 60, 3); // one token a second, three at once
    const t0 = 1_000_000;
    const burst = [];
    for (let i = 0; i < 3; i++) burst.push((await limiter.take("a", t0)).ok);
    expect(burst).toEqual([true, true, true]);
    expect(await limiter.take("a", t0)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect((await limiter.take("b", t0)).ok).toBe(true); // keys are independent
    expect((await limiter.take("a", t0 + 1_000)).ok).toBe(true);
    expect((await limiter.take("a", t0 + 1_000)).ok).toBe(false);
    // Another limit (or the same one with another size) has buckets of its own.
    expect((await new PostgresRateLimiter(db!, "auth:60", 60, 3).take("a", t0 + 1_000)).ok).toBe(true);
  });
});

describe.runIf(testDatabaseKinds.includes("postgresql"))("PostgresRateLimiter across processes", () => {
  it("holds one limit for every process on the database, even when they take at the same moment", async () => {
    const dbs = await openShared("postgresql", 3);
    const limiters = dbs.map((db) => new PostgresRateLimiter(db, "write:30", 30, 5));
    const now = Date.now();
    // 30 concurrent takes of one member's bucket, spread over three processes: exactly its capacity pass.
    const verdicts = await Promise.all(
      Array.from({ length: 30 }, (_, i) => limiters[i % limiters.length]!.take("0xmember", now)),
    );
    expect(verdicts.filter((v) => v.ok)).toHaveLength(5);
    // 30 per minute is a token every 2 s: the refusals say when one is back.
    expect(verdicts.find((v) => !v.ok)).toEqual({ ok: false, retryAfterSeconds: 2 });
    expect((await limiters[1]!.take("0xmember", now + 2_000)).ok).toBe(true);
    expect((await limiters[2]!.take("0xmember", now + 2_000)).ok).toBe(false);
  });
});

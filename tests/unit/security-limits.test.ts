import { describe, expect, it } from "vitest";
import { limitBody, nestsDeeperThan } from "../../server/security/limit-body.ts";
import { RateLimiter } from "../../server/security/rate-limiter.ts";

describe("RateLimiter", () => {
  it("allows a burst up to capacity, then refills at the rate", () => {
    const limiter = new RateLimiter(60, 3); // one token a second, three at once
    const t0 = 1_000_000;
    expect([1, 2, 3].map(() => limiter.take("a", t0).ok)).toEqual([true, true, true]);
    expect(limiter.take("a", t0)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(limiter.take("b", t0).ok).toBe(true); // keys are independent
    expect(limiter.take("a", t0 + 1_000).ok).toBe(true);
    expect(limiter.take("a", t0 + 1_000).ok).toBe(false);
  });
});

describe("limitBody", () => {
  const post = (body: BodyInit, headers: Record<string, string> = {}) =>
    new Request("http://x.test/api/trpc/a", { method: "POST", body, headers });

  it("passes a body under the limit through unchanged", async () => {
    const out = await limitBody(post('{"a":1}'), 100);
    expect(out).toBeInstanceOf(Request);
    expect(await (out as Request).text()).toBe('{"a":1}');
  });

  it("answers 413 for a declared or an actual size over the limit", async () => {
    const declared = await limitBody(post("x".repeat(10), { "content-length": "1000" }), 100);
    expect((declared as Response).status).toBe(413);
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < 5; i++) c.enqueue(new Uint8Array(50));
        c.close();
      },
    });
    const actual = await limitBody(
      new Request("http://x.test/", { method: "POST", body: stream, duplex: "half" } as RequestInit),
      100,
    );
    expect((actual as Response).status).toBe(413);
  });
});

describe("nesting depth", () => {
  it("counts arrays and objects, not brackets inside strings or escaped quotes", () => {
    expect(nestsDeeperThan('{"a":[[1]]}', 3)).toBe(false);
    expect(nestsDeeperThan('{"a":[[[1]]]}', 3)).toBe(true);
    expect(nestsDeeperThan('{"a":"[[[[\\"[[[["}', 1)).toBe(false);
    expect(nestsDeeperThan(`${"[".repeat(1e6)}`, 64)).toBe(true);
  });

  it("answers 400 for a deep body or a deep GET input, before anything parses them", async () => {
    const body = await limitBody(
      new Request("http://x.test/api/trpc/a", { method: "POST", body: "[".repeat(100) }),
      1000,
      10,
    );
    expect((body as Response).status).toBe(400);
    const get = await limitBody(
      new Request(`http://x.test/api/trpc/a?input=${encodeURIComponent("[".repeat(100))}`),
      1000,
      10,
    );
    expect((get as Response).status).toBe(400);
    expect(await (get as Response).json()).toEqual({
      error: { code: "BAD_REQUEST", message: "the input nests arrays or objects deeper than 10 levels" },
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor, testConfig } from "../support/test-context.ts";
import { openTestDatabase, type TestDatabase, testDatabaseKinds } from "../support/test-databases.ts";
import { admin, alice, bob, siweMessage } from "../support/wallets.ts";

function sessionTokenFrom(resHeaders: Headers): string {
  const cookie = resHeaders.get("set-cookie") ?? "";
  const match = /marginlab_session=([^;]+)/.exec(cookie);
  if (!match?.[1]) throw new Error(`no session cookie in ${cookie}`);
  return decodeURIComponent(match[1]);
}

describe.each(testDatabaseKinds)("Sign-In with Ethereum on %s", (kind) => {
  let database: TestDatabase;
  const config = testConfig({ adminAddresses: [admin.address.toLowerCase()] });
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.drop();
  });

  async function signIn(account = alice, over = {}) {
    const anon = await callerFor(database.db, { config });
    const { nonce } = await anon.api.auth.nonce();
    const message = siweMessage(account, nonce, over);
    const signature = await account.signMessage({ message });
    return { anon, message, signature, result: await anon.api.auth.signIn({ message, signature }) };
  }

  it("signs in, sets an httpOnly SameSite cookie that identifies the member, and signs out", async () => {
    const { anon, result } = await signIn();
    expect(result).toEqual({ address: alice.address.toLowerCase(), role: "member" });
    const cookie = anon.resHeaders.get("set-cookie")!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);

    const token = sessionTokenFrom(anon.resHeaders);
    const member = await callerFor(database.db, { config, sessionToken: token });
    expect(await member.api.auth.me()).toEqual({ address: alice.address.toLowerCase(), role: "member" });
    await member.api.auth.signOut();
    const after = await callerFor(database.db, { config, sessionToken: token });
    expect(await after.api.auth.me()).toEqual({ address: null, role: null });
  });

  it("refuses a replayed nonce", async () => {
    const { anon, message, signature } = await signIn();
    await expect(anon.api.auth.signIn({ message, signature })).rejects.toThrow(
      /nonce is unknown, expired or already used/,
    );
  });

  it("refuses a forged signature, another domain and another chain", async () => {
    const anon = await callerFor(database.db, { config });
    const { nonce } = await anon.api.auth.nonce();
    const message = siweMessage(alice, nonce);
    const forged = await bob.signMessage({ message });
    await expect(anon.api.auth.signIn({ message, signature: forged })).rejects.toThrow(
      /signature does not match/,
    );
    // The forged attempt did not burn the nonce: the real owner can still use it.
    await expect(
      anon.api.auth.signIn({ message, signature: await alice.signMessage({ message }) }),
    ).resolves.toBeTruthy();

    const { nonce: n2 } = await anon.api.auth.nonce();
    const phishing = siweMessage(alice, n2, { domain: "evil.example" });
    await expect(
      anon.api.auth.signIn({ message: phishing, signature: await alice.signMessage({ message: phishing }) }),
    ).rejects.toThrow(/for evil.example, not marginlab.test/);
    const otherChain = siweMessage(alice, n2, { chainId: 10 });
    await expect(
      anon.api.auth.signIn({
        message: otherChain,
        signature: await alice.signMessage({ message: otherChain }),
      }),
    ).rejects.toThrow(/chain 10, expected 1/);
  });

  it("refuses an expired message", async () => {
    await expect(signIn(alice, { expirationTime: new Date(Date.now() - 1000) })).rejects.toThrow(
      /expired or not yet valid/,
    );
  });

  it("gives configured admins their role; only admins appoint stewards", async () => {
    const adminSignIn = await signIn(admin);
    expect(adminSignIn.result.role).toBe("admin");
    const adminCaller = await callerFor(database.db, {
      config,
      sessionToken: sessionTokenFrom(adminSignIn.anon.resHeaders),
    });
    const bobSignIn = await signIn(bob);
    const bobCaller = await callerFor(database.db, {
      config,
      sessionToken: sessionTokenFrom(bobSignIn.anon.resHeaders),
    });

    await expect(bobCaller.api.users.setSteward({ address: alice.address, steward: true })).rejects.toThrow(
      /needs the admin role/,
    );
    await adminCaller.api.users.setSteward({ address: bob.address, steward: true });
    expect((await bobCaller.api.auth.me()).role).toBe("member"); // the caller's context was built before the grant
    const fresh = await callerFor(database.db, {
      config,
      sessionToken: sessionTokenFrom(bobSignIn.anon.resHeaders),
    });
    expect((await fresh.api.auth.me()).role).toBe("steward");
    const audit = await database.db.auditEvent.findMany({
      where: { entityId: bob.address.toLowerCase() },
      orderBy: { at: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual(["session.created", "steward.granted"]);
  });

  it("refuses a signed-in change from a foreign origin (CSRF)", async () => {
    const { anon } = await signIn();
    const token = sessionTokenFrom(anon.resHeaders);
    const crossSite = await callerFor(database.db, {
      config,
      sessionToken: token,
      origin: "https://evil.example",
    });
    await expect(crossSite.api.auth.signOut()).rejects.toThrow(
      /cross-origin request from https:\/\/evil.example refused/,
    );
  });
});

describe.each(testDatabaseKinds)("forwarded host on %s, APP_URL unset", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.drop();
  });
  const phished = { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" };

  async function signInVia(trustedProxies: number) {
    const config = testConfig({ appUrl: null, trustedProxies });
    const anon = await callerFor(database.db, { config, origin: "https://evil.example", headers: phished });
    const { nonce } = await anon.api.auth.nonce();
    const message = siweMessage(alice, nonce, { domain: "evil.example", uri: "https://evil.example" });
    return anon.api.auth.signIn({ message, signature: await alice.signMessage({ message }) });
  }

  it("refuses a message signed for the host a client forwarded, and its cross-origin call", async () => {
    await expect(signInVia(0)).rejects.toThrow(/cross-origin request from https:\/\/evil.example refused/);
    // Without the Origin header (a script, not a browser) the domain check itself refuses it.
    const config = testConfig({ appUrl: null });
    const anon = await callerFor(database.db, { config, headers: phished });
    const { nonce } = await anon.api.auth.nonce();
    const message = siweMessage(alice, nonce, { domain: "evil.example", uri: "https://evil.example" });
    await expect(
      anon.api.auth.signIn({ message, signature: await alice.signMessage({ message }) }),
    ).rejects.toThrow("the message is for evil.example, not marginlab.test");
  });

  it("believes the forwarded host only from a trusted proxy (TRUST_PROXY)", async () => {
    await expect(signInVia(1)).resolves.toMatchObject({ address: alice.address.toLowerCase() });
  });
});

describe.each(testDatabaseKinds)("rate limits on %s", (kind) => {
  it("refuses sign-in attempts beyond the per-IP limit with a retry hint", async () => {
    const database = await openTestDatabase(kind);
    try {
      const config = testConfig({ rateLimits: { auth: 3, write: 3, simulate: 3 } });
      const anon = await callerFor(database.db, { config, databaseKind: kind });
      for (let i = 0; i < 3; i++) await anon.api.auth.nonce();
      await expect(anon.api.auth.nonce()).rejects.toThrow(
        /too many requests \(auth: 3 a minute per client address\); try again in \d+ s/,
      );
    } finally {
      await database.drop();
    }
  });
});

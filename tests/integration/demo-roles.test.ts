// The demo wallets' private keys are public (Hardhat's development keys). On a database without the demo data
// (PostgreSQL by default) signing in with them must give no role, whatever the rows say: a production deployment
// starts with the admins it configures.

import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoWallets } from "../../server/services/demo/demo-wallets.ts";
import { seedDemoDataIfEmpty } from "../../server/services/seed/seed-demo-data.ts";
import { signInAs } from "../support/sessions.ts";
import { testConfig } from "../support/test-context.ts";
import { openTestDatabase, type TestDatabase, testDatabaseKinds } from "../support/test-databases.ts";
import { bob } from "../support/wallets.ts";

const demo = Object.fromEntries(demoWallets().map((w) => [w.role === "member" ? w.label : w.role, w]));
const demoAdmin = privateKeyToAccount(demo.admin!.privateKey);
const demoSteward = privateKeyToAccount(demo.steward!.privateKey);

describe.each(testDatabaseKinds)("demo wallets on a %s database without demo data", (kind) => {
  let database: TestDatabase;
  const config = testConfig({ demoData: false, adminAddresses: [bob.address.toLowerCase()] });
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("seeds only the genesis set: no demo users, no demo proposals", { timeout: 120_000 }, async () => {
    await expect(seedDemoDataIfEmpty(database.db, config)).resolves.toBe(true);
    expect(await database.db.parameterSetVersion.count()).toBe(1);
    expect(await database.db.user.count()).toBe(0);
    expect(await database.db.proposal.count()).toBe(0);
  });

  it("gives the demo admin and steward keys no role, even where a row grants one", async () => {
    // As a database seeded before this rule (or by SEED_DEMO_DATA=on once) would hold them.
    for (const w of [demo.admin!, demo.steward!])
      await database.db.user.create({ data: { address: w.address, role: w.role, roleGrantedBy: "seed" } });

    const asAdmin = await (await signInAs(database.db, demoAdmin, { config }))();
    expect((await asAdmin.auth.me()).role).toBe("member");
    await expect(asAdmin.users.setSteward({ address: bob.address, steward: true })).rejects.toThrow(
      /needs the admin role/,
    );
    const asSteward = await (await signInAs(database.db, demoSteward, { config }))();
    expect((await asSteward.auth.me()).role).toBe("member");
    expect((await asSteward.system.info()).demoWallets).toBeNull();

    // The configured admin is the admin, and cannot hand the public key a role either.
    const realAdmin = await (await signInAs(database.db, bob, { config }))();
    expect((await realAdmin.auth.me()).role).toBe("admin");
    await expect(realAdmin.users.setSteward({ address: demoSteward.address, steward: true })).rejects.toThrow(
      "a demo wallet's key is public: it cannot be a steward here",
    );
  });

  it("where the demo data is asked for (the embedded demo), the demo admin is admin", async () => {
    const demoConfig = testConfig({ demoData: true });
    const asAdmin = await (await signInAs(database.db, demoAdmin, { config: demoConfig }))();
    expect((await asAdmin.auth.me()).role).toBe("admin");
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor, TEST_ORIGIN, testConfig } from "../support/test-context.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-databases.ts";

// What the browser learns about the deployment at run time (no rebuild needed to change it).
describe("system.info", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase("pglite");
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("offers no WalletConnect without a project id", async () => {
    const { api } = await callerFor(database.db);
    await expect(api.system.info()).resolves.toMatchObject({ walletConnect: null });
  });

  it("hands out the project id and the origin wallets are told, APP_URL first, else the request's", async () => {
    const projectId = "0123456789abcdef0123456789abcdef";
    const configured = await callerFor(database.db, {
      config: testConfig({ walletConnectProjectId: projectId, appUrl: "https://marginlab.example/app" }),
    });
    await expect(configured.api.system.info()).resolves.toMatchObject({
      walletConnect: { projectId, appUrl: "https://marginlab.example" },
    });
    const byHost = await callerFor(database.db, {
      config: testConfig({ walletConnectProjectId: projectId, appUrl: null }),
    });
    await expect(byHost.api.system.info()).resolves.toMatchObject({
      walletConnect: { projectId, appUrl: TEST_ORIGIN },
    });
  });
});

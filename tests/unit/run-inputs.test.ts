import { describe, expect, it } from "vitest";
import { buildRunInputs, PER_ACCOUNT_MODEL_LIMITS } from "../../server/services/runs/run-inputs.ts";
import { getModel } from "../../simulations/models/registry.ts";
import { testConfig } from "../support/test-context.ts";

const config = testConfig({
  runDefaults: { accounts: 2_000, paths: 50 },
  runLimits: { maxAccounts: 20_000, maxPaths: 500 },
});
const set = (id: string) => ({ model: id, params: getModel(id).defaults });

describe("run inputs", () => {
  it("uses the server's default size for span-grid and refuses more than its limits", () => {
    const inputs = buildRunInputs({ live: set("span-grid"), proposed: set("span-grid"), config });
    expect(inputs).toMatchObject({ accounts: 2_000, paths: 50, seed: 1 });
    expect(() =>
      buildRunInputs({
        live: set("span-grid"),
        proposed: set("span-grid"),
        config,
        overrides: { accounts: 20_001 },
      }),
    ).toThrow(/accounts: at most 20000/);
  });

  it("holds models without the shared risk-array fast path to a small run", () => {
    const inputs = buildRunInputs({ live: set("derive-pm2"), proposed: set("derive-pm2"), config });
    expect(inputs).toMatchObject({
      accounts: PER_ACCOUNT_MODEL_LIMITS.accounts,
      paths: PER_ACCOUNT_MODEL_LIMITS.paths,
    });
    expect(() =>
      buildRunInputs({
        live: set("derive-pm2"),
        proposed: set("derive-pm2"),
        config,
        overrides: { accounts: 1_000 },
      }),
    ).toThrow(/accounts: at most 300 per run for these models/);
  });
});

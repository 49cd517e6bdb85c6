// Enactment that the chain confirms, on the local chain: the proposal's lane and the contract's verdict on its
// payload, the registry before/after on a fork (and untouched after it), enactment by the executor read back
// before the set becomes live, a change made on chain elsewhere noticed, and a chain that is down moving nothing.
import { parseEther } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_EXECUTOR_KEY, seedLocalGovernance } from "../../scripts/local-chain/seed-governance.ts";
import { riskParameterRegistryAbi } from "../../server/chain/artifacts/risk-parameter-registry.ts";
import type { ChainConfig } from "../../server/chain/chain-config.ts";
import { toWad } from "../../server/chain/registry-encoding.ts";
import { type EmbeddedRunner, startEmbeddedRunner } from "../../server/jobs/embedded-runner.ts";
import { enactParameterSet } from "../../server/services/parameters/enact-parameter-set.ts";
import { getLiveParameterSet } from "../../server/services/parameters/live-parameter-set.ts";
import { SPAN_GRID_DEFAULTS } from "../../simulations/models/span-grid/params.ts";
import { runSimulation } from "../../simulations/simulation/run-simulation.ts";
import { startTestChain, type TestChain } from "../support/local-chain.ts";
import { signInAs } from "../support/sessions.ts";
import { testConfig } from "../support/test-context.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-databases.ts";
import { alice, steward } from "../support/wallets.ts";

const compute = (inputs: Parameters<typeof runSimulation>[0], opts: Parameters<typeof runSimulation>[1]) =>
  runSimulation(inputs, opts);

describe("enactment on the local chain", () => {
  let chain: TestChain;
  let chainConfig: ChainConfig;
  let database: TestDatabase;
  let runner: EmbeddedRunner;
  const config = (over: Partial<ChainConfig> = {}) =>
    testConfig({
      runDefaults: { accounts: 150, paths: 0 },
      stewardAddresses: [steward.address.toLowerCase()],
      chain: { ...chainConfig, ...over },
    });
  const as = async (account: typeof alice, over: Partial<ChainConfig> = {}) =>
    (await signInAs(database.db, account, { config: config(over), jobs: runner }))();

  /** A published proposal moved to passed (the vote itself is tested in snapshot-vote-cycle). */
  async function passedProposal(changes: Record<string, number>) {
    const a = await as(alice);
    const draft = await a.proposals.createDraft({ title: "Change", rationale: "x".repeat(40), changes });
    await a.proposals.publish({ proposalId: draft.id });
    await runner.idle();
    await database.db.proposal.update({ where: { id: draft.id }, data: { state: "passed" } });
    return draft.id;
  }

  beforeAll(async () => {
    chain = await startTestChain();
    const seeded = await seedLocalGovernance({
      url: chain.url,
      live: { model: "span-grid", params: SPAN_GRID_DEFAULTS },
    });
    chainConfig = {
      rpcUrl: chain.url,
      chainId: chain.chainId,
      token: seeded.deployment.token,
      registry: seeded.deployment.registry,
      memberMinVotes: parseEther("1"),
      startBlock: BigInt(seeded.env.GOVERNANCE_START_BLOCK),
      executorKey: LOCAL_EXECUTOR_KEY,
    };
    database = await openTestDatabase("pglite");
    await enactParameterSet(database.db, {
      model: "span-grid",
      params: SPAN_GRID_DEFAULTS,
      enactedBy: "genesis",
    });
    runner = await startEmbeddedRunner(database.db, { compute, backingEndorsements: 2, pollMs: 100 });
  });
  afterAll(async () => {
    await runner?.stop();
    await database?.drop();
    await chain?.close();
  });

  it("tags a small change steward lane, and the contract refuses it until the delay has passed", async () => {
    const proposalId = await passedProposal({ priceScanRange: 0.16 });
    const api = await as(alice);
    const before = await api.chain.enactment({ proposalId });
    if (!before.enabled) throw new Error("chain governance should be on");
    expect(before.lane).toBe("steward");
    expect(before.fields).toEqual([
      expect.objectContaining({
        name: "priceScanRange",
        label: "Price scan range",
        current: 0.15,
        proposed: 0.16,
        changePct: 6.67,
        boundPct: 10,
        withinBound: true,
      }),
    ]);
    expect(before.call.functionName).toBe("stewardSetParameters");
    expect(before.check.ok).toBe(false);
    expect(before.check.error).toMatch(/^priceScanRange: the steward may change it again only after \d{4}-/);
    expect(before.preview).toMatchObject({ available: false });

    await chain.increaseTime(24 * 3600);
    const after = await api.chain.enactment({ proposalId });
    if (!after.enabled) throw new Error("unreachable");
    expect(after.check).toEqual({ ok: true, error: null });
    expect(after.preview).toMatchObject({
      available: true,
      before: { priceScanRange: 0.15 },
      after: { priceScanRange: 0.16 },
      matchesProposal: true,
    });
  });

  it("tags a large change full vote, previews it on a fork, and leaves the chain untouched", async () => {
    const proposalId = await passedProposal({ mmFactor: 0.5, volShockUp: 0.31 });
    const e = await (await as(alice)).chain.enactment({ proposalId });
    if (!e.enabled) throw new Error("unreachable");
    expect(e.lane).toBe("full-vote");
    expect(Object.fromEntries(e.fields.map((f) => [f.name, [f.withinBound, f.reason]]))).toEqual({
      mmFactor: [false, "changes 37.5%, beyond the steward bound of 10%"],
      volShockUp: [true, "changes 3.33%, within the steward bound of 10%"],
    });
    expect(e.call.functionName).toBe("setParameters");
    expect(e.check.ok).toBe(true);
    expect(e.preview).toMatchObject({ available: true, after: { mmFactor: 0.5, volShockUp: 0.31 } });
    // The Safe batch names exactly the changed fields, in the registry's order.
    expect(JSON.parse(e.safeBatch.transactions[0]!.contractInputsValues.names!)).toEqual([
      "volShockUp",
      "mmFactor",
    ]);
    const [names, values] = await chain.publicClient.readContract({
      address: chainConfig.registry,
      abi: riskParameterRegistryAbi,
      functionName: "getParameters",
    });
    expect(values[names.indexOf("mmFactor")]).toBe(toWad(0.8, "mmFactor"));
  });

  it("enacts through the executor and marks the set live only once the registry holds it", async () => {
    const proposalId = await passedProposal({ mmFactor: 0.7 });
    // A chain that is down: refused, nothing live changes.
    await expect(
      (await as(steward, { rpcUrl: "http://127.0.0.1:9" })).proposals.enact({ proposalId }),
    ).rejects.toThrow(/did not answer/);
    expect((await getLiveParameterSet(database.db))?.version).toBe(1);

    const { version } = await (await as(steward)).proposals.enact({ proposalId });
    expect(version).toBe(2);
    const status = await (await as(alice)).chain.registryStatus();
    expect(status).toMatchObject({ enabled: true, inSync: true, liveVersion: 2, differences: [] });

    // A change made on chain elsewhere (the executor, outside the app) is noticed.
    const wallet = chain.walletFor(privateKeyToAccount(LOCAL_EXECUTOR_KEY));
    const hash = await wallet.writeContract({
      address: chainConfig.registry,
      abi: riskParameterRegistryAbi,
      functionName: "setParameters",
      args: [["varConfidence"], [toWad(0.995, "varConfidence")], `0x${"00".repeat(32)}`],
    });
    await chain.publicClient.waitForTransactionReceipt({ hash });
    expect(await (await as(alice)).chain.registryStatus()).toMatchObject({
      inSync: false,
      hashMatches: false,
      differences: [{ name: "varConfidence", app: 0.99, chain: 0.995 }],
    });
  });
});

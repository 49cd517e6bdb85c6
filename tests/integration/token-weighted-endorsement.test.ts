// Token-weighted membership in the governance flow: an endorsement is accepted only from an address whose
// delegated votes at the proposal's block reach the threshold; below it, or with the chain down, the
// endorsement is refused with a clear error and nothing is recorded. Backing power sums the endorsers' votes.
import { parseEther } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedLocalGovernance } from "../../scripts/local-chain/seed-governance.ts";
import type { ChainConfig } from "../../server/chain/chain-config.ts";
import { type EmbeddedRunner, startEmbeddedRunner } from "../../server/jobs/embedded-runner.ts";
import { demoWallets } from "../../server/services/demo/demo-wallets.ts";
import { enactParameterSet } from "../../server/services/parameters/enact-parameter-set.ts";
import { SPAN_GRID_DEFAULTS } from "../../simulations/models/span-grid/params.ts";
import { runSimulation } from "../../simulations/simulation/run-simulation.ts";
import { startTestChain, type TestChain } from "../support/local-chain.ts";
import { signInAs } from "../support/sessions.ts";
import { testConfig } from "../support/test-context.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-databases.ts";
import { alice, carol } from "../support/wallets.ts";

const compute = (inputs: Parameters<typeof runSimulation>[0], opts: Parameters<typeof runSimulation>[1]) =>
  runSimulation(inputs, opts);
const demo = (label: string) => privateKeyToAccount(demoWallets().find((w) => w.label === label)!.privateKey);

describe("token-weighted endorsement on the local chain", () => {
  let chain: TestChain;
  let chainConfig: ChainConfig;
  let database: TestDatabase;
  let runner: EmbeddedRunner;
  let proposalId: string;
  let proposalNumber: number;

  const config = () =>
    testConfig({ runDefaults: { accounts: 150, paths: 0 }, backingEndorsements: 2, chain: chainConfig });
  const endorseAs = async (account: ReturnType<typeof demo>, over: Partial<ChainConfig> = {}) => {
    const cfg = { ...config(), chain: { ...chainConfig, ...over } };
    const api = await (await signInAs(database.db, account, { config: cfg, jobs: runner }))();
    const typed = await api.proposals.endorsementRequest({ proposalId });
    return api.proposals.endorse({ proposalId, signature: await account.signTypedData(typed) });
  };

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
      memberMinVotes: parseEther("1000"),
      startBlock: BigInt(seeded.env.GOVERNANCE_START_BLOCK),
    };
    database = await openTestDatabase("pglite");
    await enactParameterSet(database.db, {
      model: "span-grid",
      params: SPAN_GRID_DEFAULTS,
      enactedBy: "genesis",
    });
    runner = await startEmbeddedRunner(database.db, { compute, backingEndorsements: 2, pollMs: 100 });
    const author = await (await signInAs(database.db, alice, { config: config(), jobs: runner }))();
    const draft = await author.proposals.createDraft({
      title: "Widen the scan range",
      rationale: "A wider scan range covers a repeat of March 2020.",
      changes: { priceScanRange: 0.16 },
    });
    await author.proposals.publish({ proposalId: draft.id });
    await runner.idle();
    await chain.mine();
    proposalId = draft.id;
    proposalNumber = draft.number;
  });
  afterAll(async () => {
    await runner?.stop();
    await database?.drop();
    await chain?.close();
  });

  it("refuses an address below the threshold and records nothing", async () => {
    await expect(endorseAs(carol)).rejects.toThrow(
      new RegExp(`${carol.address.toLowerCase()} has 0 votes at block \\d+, below the 1,000 a member needs`),
    );
    expect(await database.db.endorsement.count({ where: { proposalId } })).toBe(0);
  });

  it("refuses with the chain down, and records nothing", async () => {
    await expect(endorseAs(demo("Demo member A"), { rpcUrl: "http://127.0.0.1:9" })).rejects.toMatchObject({
      code: "SERVICE_UNAVAILABLE",
      message: expect.stringMatching(/^the chain at http:\/\/127\.0\.0\.1:9 did not answer/),
    });
    expect(await database.db.endorsement.count({ where: { proposalId } })).toBe(0);
  });

  it("accepts members and weighs the backing by their votes at the proposal's block", async () => {
    await endorseAs(demo("Demo member A"));
    await endorseAs(demo("Demo member B"));
    const anon = await (await signInAs(database.db, carol, { config: config(), jobs: runner }))();
    const power = await anon.chain.proposalPower({ proposalId });
    expect(power).toMatchObject({ enabled: true, total: "35,000" });
    if (!power.enabled) throw new Error("unreachable");
    expect(power.endorsers.map((e) => e.votes).sort()).toEqual(["10,000", "25,000"]);
    expect((await anon.proposals.get({ number: proposalNumber })).endorsements).toHaveLength(2);
    const mine = await anon.chain.power({ address: demo("Demo member A").address });
    expect(mine).toMatchObject({ enabled: true, votes: "25,000", isMember: true, threshold: "1,000" });
  });
});

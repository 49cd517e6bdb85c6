// The local Snapshot hub weighing votes with the erc20-votes strategy against the local chain: proposal
// validation by voting power, and scores equal to the delegated token balances at the proposal's snapshot block
// (tokens moved after the block do not count).
import { parseEther } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedLocalGovernance } from "../../scripts/local-chain/seed-governance.ts";
import { startSnapshotHub } from "../../scripts/snapshot-hub/hub.ts";
import { defaultSpace } from "../../scripts/snapshot-hub/space.ts";
import { governanceTokenAbi } from "../../server/chain/artifacts/governance-token.ts";
import { demoWallets } from "../../server/services/demo/demo-wallets.ts";
import {
  type ProposalMessage,
  proposalTypedData,
  proposalTypes,
  SNAPSHOT_DOMAIN,
  type VoteMessage,
  voteTypedData,
  voteTypes,
} from "../../server/services/snapshot/typed-data.ts";
import { SPAN_GRID_DEFAULTS } from "../../simulations/models/span-grid/params.ts";
import { startTestChain, type TestChain } from "../support/local-chain.ts";
import { hubQuery } from "../support/snapshot.ts";
import { alice } from "../support/wallets.ts";

const demo = (label: string) => privateKeyToAccount(demoWallets().find((w) => w.label === label)!.privateKey);
type Account = ReturnType<typeof demo>;

describe("Snapshot erc20-votes strategy on the local chain", () => {
  let chain: TestChain;
  let hub: Awaited<ReturnType<typeof startSnapshotHub>>;
  let token: `0x${string}`;
  const now = () => Math.floor(Date.now() / 1000);

  async function post(account: Account, kind: "proposal" | "vote", message: ProposalMessage | VoteMessage) {
    const typed =
      kind === "proposal"
        ? proposalTypedData(message as ProposalMessage)
        : voteTypedData(message as VoteMessage);
    const sig = await account.signTypedData(typed as never);
    const res = await fetch(hub.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        address: account.address,
        sig,
        data: { domain: SNAPSHOT_DOMAIN, types: kind === "proposal" ? proposalTypes : voteTypes, message },
      }),
    });
    return { status: res.status, body: (await res.json()) as { id?: string; error_description?: string } };
  }

  const proposal = async (from: Account) => {
    const t = now();
    return post(from, "proposal", {
      from: from.address,
      space: "marginlab.eth",
      timestamp: t,
      type: "single-choice",
      title: "Widen the scan range",
      body: "",
      discussion: "",
      choices: ["For", "Against"],
      labels: [],
      start: t,
      end: t + 3600,
      snapshot: Number(await chain.publicClient.getBlockNumber()),
      plugins: "{}",
      privacy: "",
      app: "marginlab",
    });
  };
  const vote = (from: Account, id: string, choice: number) =>
    post(from, "vote", {
      from: from.address,
      space: "marginlab.eth",
      timestamp: now(),
      proposal: id,
      choice,
      reason: "",
      app: "marginlab",
      metadata: "{}",
    });

  beforeAll(async () => {
    chain = await startTestChain();
    const seeded = await seedLocalGovernance({
      url: chain.url,
      live: { model: "span-grid", params: SPAN_GRID_DEFAULTS },
    });
    token = seeded.deployment.token;
    await chain.mine();
    hub = await startSnapshotHub({
      spaces: [
        defaultSpace({
          network: "31337",
          symbol: "MLG",
          validation: { name: "basic", params: { minScore: 1000 } },
          voting: { delay: 0, period: 3600, type: "single-choice", quorum: 0 },
          strategies: [{ name: "erc20-votes", params: { symbol: "MLG", address: token, decimals: 18 } }],
        }),
      ],
      dataFile: null,
      chainRpcUrl: chain.url,
    });
  });
  afterAll(async () => {
    await hub?.close();
    await chain?.close();
  });

  it("lets only addresses with the threshold's votes propose", async () => {
    // alice holds the treasury's 1,000,000 tokens but never delegated them: no votes.
    const refused = await proposal(alice);
    expect(refused).toMatchObject({
      status: 400,
      body: { error_description: "validation failed: proposing needs 1000 MLG" },
    });
  });

  it("scores votes by delegated tokens at the snapshot block, not by later transfers", async () => {
    const memberA = demo("Demo member A");
    const memberB = demo("Demo member B");
    const stewardW = demo("Demo steward");
    const created = await proposal(memberA);
    expect(created.status).toBe(200);
    const id = created.body.id!;

    // After the snapshot block, B sends A 5,000 tokens: today's votes move, the proposal's do not.
    const hash = await chain.walletFor(memberB).writeContract({
      address: token,
      abi: governanceTokenAbi,
      functionName: "transfer",
      args: [memberA.address, parseEther("5000")],
    });
    await chain.publicClient.waitForTransactionReceipt({ hash });

    for (const [who, choice] of [
      [memberA, 1],
      [memberB, 2],
      [stewardW, 1],
    ] as const) {
      expect((await vote(who, id, choice)).status).toBe(200);
    }
    // alice has no votes at the block: refused.
    expect((await vote(alice, id, 1)).body.error_description).toBe("no voting power");

    const { proposal: p } = await hubQuery<{
      proposal: { scores: number[]; scores_total: number; votes: number };
    }>(hub.url, "query ($id: String!) { proposal(id: $id) { scores scores_total votes } }", { id });
    // A 25,000 + steward 40,000 for; B 10,000 against (its balance at the block, before the transfer).
    expect(p).toEqual({ scores: [65_000, 10_000], scores_total: 75_000, votes: 3 });
  });
});

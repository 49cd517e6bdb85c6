// Voting power read from the chain: the demo seeding (the same code `npm start` runs) gives the demo wallets
// delegated tokens; membership is votes at a block against the threshold; a chain that is down, serves another
// chain id or answers garbage gives one clear error.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { parseEther } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedLocalGovernance } from "../../scripts/local-chain/seed-governance.ts";
import type { ChainConfig } from "../../server/chain/chain-config.ts";
import {
  proposalPowerBlock,
  requireMemberPower,
  votingPowerOf,
} from "../../server/services/chain/voting-power.ts";
import { demoWallets } from "../../server/services/demo/demo-wallets.ts";
import { SPAN_GRID_DEFAULTS } from "../../simulations/models/span-grid/params.ts";
import { startTestChain, type TestChain } from "../support/local-chain.ts";
import { alice } from "../support/wallets.ts";

/** An HTTP JSON-RPC endpoint answering every request with `answer(method)`. */
async function fakeRpc(answer: (method: string, id: unknown) => string): Promise<Server & { url: string }> {
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      const r = JSON.parse(body) as { method: string; id: unknown };
      res.setHeader("content-type", "application/json");
      res.end(answer(r.method, r.id));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return Object.assign(server, { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
}

describe("voting power from the chain", () => {
  let chain: TestChain;
  let config: ChainConfig;
  const memberA = () => demoWallets().find((w) => w.label === "Demo member A")!;
  const fakes: Server[] = [];

  beforeAll(async () => {
    chain = await startTestChain();
    const seeded = await seedLocalGovernance({
      url: chain.url,
      live: { model: "span-grid", params: SPAN_GRID_DEFAULTS },
    });
    config = {
      rpcUrl: chain.url,
      chainId: chain.chainId,
      token: seeded.deployment.token,
      registry: seeded.deployment.registry,
      memberMinVotes: parseEther("1000"),
      startBlock: BigInt(seeded.env.GOVERNANCE_START_BLOCK),
    };
    await chain.mine();
  });
  afterAll(async () => {
    for (const f of fakes) f.close();
    await chain?.close();
  });

  it("gives the demo wallets their delegated tokens: member A has 25,000 votes and delegates to itself", async () => {
    const p = await votingPowerOf(config, memberA().address);
    expect(p.votes).toBe(parseEther("25000"));
    expect(p.balance).toBe(parseEther("25000"));
    expect(p.delegate).toBe(memberA().address);
    expect(p.isMember).toBe(true);
  });

  it("refuses an address below the threshold, saying what it has and needs", async () => {
    // alice is the treasury (Hardhat's account #0): 1,000,000 tokens, never delegated, so no votes.
    await expect(requireMemberPower(config, alice.address.toLowerCase())).rejects.toThrow(
      `${alice.address.toLowerCase()} has 0 votes at block`,
    );
    await expect(requireMemberPower(config, alice.address.toLowerCase())).rejects.toThrow(
      /below the 1,000 a member needs \(it holds tokens but has not delegated them/,
    );
  });

  it("measures a proposal's power at the last block before its publication, never before the start block", async () => {
    const head = await chain.publicClient.getBlockNumber();
    expect(await proposalPowerBlock(config, null)).toBeNull();
    // Published long before this chain existed: the start block.
    expect(await proposalPowerBlock(config, new Date("2020-01-01T00:00:00Z"))).toBe(config.startBlock);
    // Published now: the latest past block.
    expect(await proposalPowerBlock(config, new Date(Date.now() + 60_000))).toBe(head - 1n);
  });

  it("a chain that is down, serves another chain, or answers garbage gives one clear error", async () => {
    const down = { ...config, rpcUrl: "http://127.0.0.1:9" };
    await expect(votingPowerOf(down, memberA().address)).rejects.toThrow(
      /^the chain at http:\/\/127\.0\.0\.1:9 did not answer/,
    );
    await expect(votingPowerOf({ ...config, chainId: 1 }, memberA().address)).rejects.toThrow(
      `the RPC at ${chain.url} serves chain 31337, not CHAIN_ID 1: nothing was read or written`,
    );
    const garbage = await fakeRpc((method, id) =>
      method === "eth_chainId"
        ? JSON.stringify({ jsonrpc: "2.0", id, result: "0x7a69" })
        : JSON.stringify({ jsonrpc: "2.0", id, result: "0x1234" }),
    );
    fakes.push(garbage);
    await expect(votingPowerOf({ ...config, rpcUrl: garbage.url }, memberA().address)).rejects.toThrow(
      new RegExp(`^could not read the voting power of ${memberA().address} from the chain at ${garbage.url}`),
    );
    const notJson = await fakeRpc(() => "<html>bad gateway</html>");
    fakes.push(notJson);
    await expect(votingPowerOf({ ...config, rpcUrl: notJson.url }, memberA().address)).rejects.toThrow(
      /did not answer/,
    );
  });
});

/**
 * Voting power from the DAO's token (ERC20Votes): delegated votes at a block, the address's delegate and balance.
 * A proposal's power block is the last block at or before its publication, so every endorsement of it is
 * weighed at the same block, as Snapshot weighs votes at a proposal's snapshot block.
 */
import { formatUnits, type PublicClient } from "viem";
import { governanceTokenAbi } from "../../chain/artifacts/governance-token.ts";
import type { ChainConfig } from "../../chain/chain-config.ts";
import { AppError } from "../../errors/app-error.ts";
import { readChain } from "./chain-reader.ts";

const ZERO = "0x0000000000000000000000000000000000000000";

export type VotingPower = {
  address: string;
  /** Delegated votes at `block` (token base units). */
  votes: bigint;
  balance: bigint;
  /** Whom the address delegates its votes to (now); null when it has not delegated (its tokens do not vote). */
  delegate: string | null;
  block: bigint;
  /** What a member needs. */
  threshold: bigint;
  isMember: boolean;
};

/** Votes formatted in whole tokens ("1,250.5"). */
export function formatVotes(v: bigint): string {
  const [whole = "0", fraction] = formatUnits(v, 18).split(".");
  return `${BigInt(whole).toLocaleString("en-US")}${fraction ? `.${fraction.slice(0, 4)}` : ""}`;
}

/** The last block whose timestamp is at or before `at` (binary search: about log2(head) reads). */
async function blockAtTime(client: PublicClient, at: Date, from: bigint): Promise<bigint> {
  const target = BigInt(Math.floor(at.getTime() / 1000));
  const head = await client.getBlock({ blockTag: "latest" });
  if (head.timestamp <= target) return head.number;
  let lo = from;
  let hi = head.number;
  if ((await client.getBlock({ blockNumber: lo })).timestamp > target) return lo;
  while (hi - lo > 1n) {
    const mid = (lo + hi) / 2n;
    if ((await client.getBlock({ blockNumber: mid })).timestamp <= target) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * The block a proposal's power is measured at: the last block at or before it was published, never before the
 * configured start block, and always a past block (ERC20Votes answers past votes only for blocks before the
 * current one). Null until the proposal is published.
 */
export async function proposalPowerBlock(
  config: ChainConfig,
  publishedAt: Date | null,
): Promise<bigint | null> {
  if (!publishedAt) return null;
  return readChain(config, "the proposal's block", async (client) => {
    const head = await client.getBlockNumber();
    // blockAtTime searches from the start block, so it never answers an earlier one.
    const block = await blockAtTime(client, publishedAt, config.startBlock);
    return block < head ? block : head - 1n;
  });
}

/** An address's votes at `block` (default: the latest past block), its balance and delegate. */
export async function votingPowerOf(
  config: ChainConfig,
  address: string,
  block?: bigint,
): Promise<VotingPower> {
  return readChain(config, `the voting power of ${address}`, async (client) => {
    const at = block ?? (await client.getBlockNumber()) - 1n;
    const account = address as `0x${string}`;
    const token = { address: config.token, abi: governanceTokenAbi } as const;
    const [votes, balance, delegate] = await Promise.all([
      client.readContract({ ...token, functionName: "getPastVotes", args: [account, at] }),
      client.readContract({ ...token, functionName: "balanceOf", args: [account] }),
      client.readContract({ ...token, functionName: "delegates", args: [account] }),
    ]);
    return {
      address: address.toLowerCase(),
      votes,
      balance,
      delegate: delegate === ZERO ? null : delegate.toLowerCase(),
      block: at,
      threshold: config.memberMinVotes,
      isMember: votes >= config.memberMinVotes,
    };
  });
}

/** Refuses an address whose votes at the block are below the member threshold, saying what it has and needs. */
export async function requireMemberPower(
  config: ChainConfig,
  address: string,
  block?: bigint,
): Promise<VotingPower> {
  const power = await votingPowerOf(config, address, block);
  if (!power.isMember) {
    const hint =
      power.balance > 0n && power.delegate === null
        ? " (it holds tokens but has not delegated them: delegate to yourself to vote with them)"
        : "";
    throw new AppError(
      "FORBIDDEN",
      `${address} has ${formatVotes(power.votes)} votes at block ${power.block}, below the ${formatVotes(power.threshold)} a member needs${hint}`,
    );
  }
  return power;
}

import { formatUnits, type PublicClient } from "viem";
import { governanceTokenAbi } from "../../server/chain/artifacts/governance-token.ts";

/**
 * Voting power: "ticket" gives every address 1 vote; "whitelist-weighted" gives listed addresses their weight;
 * "erc20-votes" (Snapshot's strategy of that name) reads an ERC20Votes token's `getVotes` at the proposal's
 * snapshot block, in whole tokens, so delegation counts and tokens moved after the block do not.
 */
export type Strategy =
  | { name: "ticket"; params: { symbol: string } }
  | { name: "whitelist-weighted"; params: { symbol: string; addresses: Record<string, number> } }
  | { name: "erc20-votes"; params: { symbol: string; address: `0x${string}`; decimals: number } };

/** A space's settings, with the same meaning as on Snapshot. */
export type SpaceSettings = {
  id: string;
  name: string;
  /** Network id (chain id as a string). */
  network: string;
  symbol: string;
  admins: string[];
  moderators: string[];
  /** Authors: members may always propose (and are exempt from the per-author active limit). */
  members: string[];
  filters: { onlyMembers: boolean };
  /** Proposal threshold: a non-member needs at least this voting power to propose (0 = anyone). */
  validation: { name: "basic"; params: { minScore: number } };
  voting: {
    /** Seconds between the proposal's timestamp and its start; the sequencer requires start == timestamp + delay. */
    delay: number;
    /** Seconds between start and end; the sequencer requires end - start == period when set. */
    period: number;
    type: "single-choice";
    /** Total voting power that must take part for the result to count. */
    quorum: number;
  };
  strategies: Strategy[];
  /** Longest proposal body accepted (Snapshot: 10,000 characters for ordinary spaces). */
  bodyLimit: number;
  /** Most choices a proposal may offer. */
  choicesLimit: number;
  /** Proposals per day and per 30 days (Snapshot's limits for an ordinary space). */
  proposalsPerDay: number;
  proposalsPerMonth: number;
};

export const ACTIVE_PROPOSALS_PER_AUTHOR = 20;

/**
 * The voting period of the local demo space (`npm start`, `npm run snapshot:local`) unless
 * SNAPSHOT_LOCAL_VOTING_PERIOD or --voting-period says otherwise: 5 minutes, so a demo vote ends while one watches.
 */
export const LOCAL_VOTING_PERIOD_S = 300;

export function defaultSpace(over: Partial<SpaceSettings> & { id?: string } = {}): SpaceSettings {
  return {
    id: "marginlab.eth",
    name: "MarginLab DAO",
    network: "1",
    symbol: "VOTE",
    admins: [],
    moderators: [],
    members: [],
    filters: { onlyMembers: false },
    validation: { name: "basic", params: { minScore: 1 } },
    voting: { delay: 0, period: 3 * 24 * 3600, type: "single-choice", quorum: 2 },
    strategies: [{ name: "ticket", params: { symbol: "VOTE" } }],
    bodyLimit: 10_000,
    choicesLimit: 20,
    proposalsPerDay: 5,
    proposalsPerMonth: 25,
    ...over,
  };
}

/**
 * The voting power of an address in a space at a snapshot block: the sum over its strategies. On-chain strategies
 * need the space's chain (`chain`); without it they are refused rather than counted as zero.
 */
export async function votingPower(
  space: SpaceSettings,
  address: string,
  at: { snapshot: number; chain: PublicClient | null },
): Promise<number> {
  const lc = address.toLowerCase();
  let vp = 0;
  for (const s of space.strategies) {
    if (s.name === "ticket") vp += 1;
    else if (s.name === "whitelist-weighted") {
      for (const [a, w] of Object.entries(s.params.addresses)) if (a.toLowerCase() === lc) vp += w;
    } else {
      if (!at.chain) throw new Error(`strategy ${s.name} needs the space's chain (--rpc-url)`);
      const votes = await at.chain.readContract({
        address: s.params.address,
        abi: governanceTokenAbi,
        functionName: "getVotes",
        args: [address as `0x${string}`],
        blockNumber: BigInt(at.snapshot),
      });
      vp += Number(formatUnits(votes, s.params.decimals));
    }
  }
  return vp;
}

export function isAuthor(space: SpaceSettings, address: string): boolean {
  const lc = address.toLowerCase();
  return [...space.members, ...space.admins, ...space.moderators].some((m) => m.toLowerCase() === lc);
}

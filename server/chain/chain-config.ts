import { parseUnits } from "viem";
import type { Env } from "../env.ts";

/** Where the DAO's governance contracts are, from RPC_URL and friends (see .env.example). */
export type ChainConfig = {
  rpcUrl: string;
  chainId: number;
  token: `0x${string}`;
  registry: `0x${string}`;
  /** Voting power (token base units) an address needs at a proposal's block to act as a member. */
  memberMinVotes: bigint;
  /** Votes are not counted before this block (a local chain started afresh under an existing database). */
  startBlock: bigint;
  /** The executor's key on a development chain, so the app sends enactments itself; else null. */
  executorKey?: `0x${string}` | null;
};

/** Null when on-chain governance is off (no RPC_URL). */
export function chainConfigFromEnv(env: Env): ChainConfig | null {
  if (!env.RPC_URL || !env.CHAIN_ID || !env.GOVERNANCE_TOKEN_ADDRESS || !env.RISK_REGISTRY_ADDRESS)
    return null;
  return {
    rpcUrl: env.RPC_URL,
    chainId: env.CHAIN_ID,
    token: env.GOVERNANCE_TOKEN_ADDRESS,
    registry: env.RISK_REGISTRY_ADDRESS,
    // The token has 18 decimals (OpenZeppelin's ERC20 default).
    memberMinVotes: parseUnits(env.MEMBER_MIN_VOTES, 18),
    startBlock: BigInt(env.GOVERNANCE_START_BLOCK),
    executorKey: (env.CHAIN_EXECUTOR_KEY as `0x${string}` | undefined) ?? null,
  };
}

import { AppError } from "../../../errors/app-error.ts";
import { formatVotes, votingPowerOf } from "../../../services/chain/voting-power.ts";
import { publicProcedure } from "../../trpc.ts";
import { ZPowerInput } from "./chain.schema.ts";

/**
 * Voting power of an address (default: the signed-in one) at the latest past block: votes, balance, delegate and
 * whether it reaches the member threshold. `enabled: false` when on-chain governance is off.
 */
export const power = publicProcedure.input(ZPowerInput).query(async ({ ctx, input }) => {
  const chain = ctx.config.chain;
  if (!chain) return { enabled: false as const };
  const address = input.address?.toLowerCase() ?? ctx.address;
  if (!address) throw new AppError("UNAUTHORIZED", "sign in, or name an address", { field: "address" });
  const p = await votingPowerOf(chain, address);
  return {
    enabled: true as const,
    address: p.address,
    chainId: chain.chainId,
    block: Number(p.block),
    votes: formatVotes(p.votes),
    balance: formatVotes(p.balance),
    delegate: p.delegate,
    threshold: formatVotes(p.threshold),
    isMember: p.isMember,
  };
});

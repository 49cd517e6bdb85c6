import { proposalEnactment } from "../../../services/chain/proposal-enactment.ts";
import { publicProcedure } from "../../trpc.ts";
import { ZProposalIdInput } from "./chain.schema.ts";

/**
 * A proposal's enactment on chain: steward lane or full vote field by field, the calldata and Safe batch, the
 * contract's verdict on the call, and the registry before/after it on a fork. `enabled: false` when off.
 */
export const enactment = publicProcedure.input(ZProposalIdInput).query(async ({ ctx, input }) => {
  const chain = ctx.config.chain;
  if (!chain) return { enabled: false as const };
  return {
    enabled: true as const,
    canSubmit: Boolean(chain.executorKey),
    ...(await proposalEnactment(ctx.db, chain, input.proposalId)),
  };
});

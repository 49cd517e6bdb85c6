import type { DbTx } from "../../db/connect.ts";
import { AppError } from "../../errors/app-error.ts";
import type { ProposalState } from "../../generated/prisma/client.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { canTransition } from "./proposal-states.ts";

/**
 * Moves a proposal to a new state inside the caller's transaction, recording the transition and an audit event.
 * The update is conditional on the state read, so two racing transitions cannot both succeed.
 */
export async function transitionProposal(
  tx: DbTx,
  input: { proposalId: string; from: ProposalState; to: ProposalState; actor: string; note?: string },
  extra: { publishedAt?: Date } = {},
) {
  if (!canTransition(input.from, input.to)) {
    throw new AppError("CONFLICT", `${withArticle(input.from)} proposal cannot become ${input.to}`);
  }
  const { count } = await tx.proposal.updateMany({
    where: { id: input.proposalId, state: input.from },
    data: { state: input.to, ...extra },
  });
  if (count !== 1)
    throw new AppError("CONFLICT", `the proposal is no longer ${input.from}; reload and try again`);
  await tx.proposalTransition.create({
    data: {
      proposalId: input.proposalId,
      from: input.from,
      to: input.to,
      actor: input.actor,
      note: input.note ?? "",
    },
  });
  await recordAuditEvent(tx, {
    actor: input.actor,
    action: `proposal.${input.to}`,
    entity: "proposal",
    entityId: input.proposalId,
    data: input.note ? { note: input.note } : undefined,
  });
}

function withArticle(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

import { verifyTypedData } from "viem";
import type { Db } from "../../db/connect.ts";
import { AppError } from "../../errors/app-error.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { reevaluateBacking } from "./backing.ts";
import { currentReportOf } from "./current-report.ts";
import { endorsementTypedData } from "./endorsement-typed-data.ts";
import { REVIEW_STATES } from "./proposal-states.ts";

async function proposalUnderReview(db: Db, proposalId: string) {
  const proposal = await db.proposal.findUnique({ where: { id: proposalId } });
  if (!proposal) throw new AppError("NOT_FOUND", "no such proposal");
  if (!REVIEW_STATES.includes(proposal.state)) {
    throw new AppError("CONFLICT", `a ${proposal.state} proposal is not open for review`);
  }
  const report = await currentReportOf(db, proposal);
  if (!report) throw new AppError("CONFLICT", "the proposal has no finished report on its base version yet");
  return { proposal, report };
}

/** What the member's wallet signs to endorse (the client asks for it, signs it, and sends the signature back). */
export async function endorsementRequest(db: Db, proposalId: string, chainId: number) {
  const { proposal, report } = await proposalUnderReview(db, proposalId);
  return endorsementTypedData({
    chainId,
    proposalId,
    diffHash: proposal.diffHash,
    reportHash: report.reportHash,
  });
}

/**
 * Records a member's endorsement after verifying the EIP-712 signature over {proposal, diff hash, report hash}.
 * One per address: the unique index makes concurrent endorsements by one address count once; an endorsement
 * of an older report can be renewed.
 */
export async function endorseProposal(
  db: Db,
  address: string,
  input: { proposalId: string; signature: `0x${string}` },
  opts: { chainId: number; backingEndorsements: number },
) {
  const { proposal, report } = await proposalUnderReview(db, input.proposalId);
  if (proposal.author === address)
    throw new AppError("FORBIDDEN", "authors cannot endorse their own proposal");
  const typed = endorsementTypedData({
    chainId: opts.chainId,
    proposalId: proposal.id,
    diffHash: proposal.diffHash,
    reportHash: report.reportHash,
  });
  const valid = await verifyTypedData({
    ...typed,
    address: address as `0x${string}`,
    signature: input.signature,
  }).catch(() => false);
  if (!valid) {
    throw new AppError(
      "UNAUTHORIZED",
      "the signature is not this member's over this proposal's diff and report",
      {
        field: "signature",
      },
    );
  }
  const data = { diffHash: proposal.diffHash, reportHash: report.reportHash, signature: input.signature };
  try {
    return await db.$transaction(async (tx) => {
      const existing = await tx.endorsement.findUnique({
        where: { proposalId_address: { proposalId: proposal.id, address } },
      });
      if (existing && existing.diffHash === data.diffHash && existing.reportHash === data.reportHash) {
        throw new AppError("CONFLICT", "you have already endorsed this report");
      }
      const endorsement = existing
        ? await tx.endorsement.update({
            where: { id: existing.id },
            data: { ...data, createdAt: new Date() },
          })
        : await tx.endorsement.create({ data: { proposalId: proposal.id, address, ...data } });
      await recordAuditEvent(tx, {
        actor: address,
        action: "proposal.endorsed",
        entity: "proposal",
        entityId: proposal.id,
        data: { reportHash: report.reportHash },
      });
      const state = await reevaluateBacking(tx, proposal.id, opts.backingEndorsements, address);
      return { endorsement, state };
    });
  } catch (e) {
    if ((e as { code?: string }).code === "P2002")
      throw new AppError("CONFLICT", "you have already endorsed this report");
    throw e;
  }
}

/** A steward's review of the current report: approve, or concerns with a comment. */
export async function reviewProposal(
  db: Db,
  steward: string,
  input: { proposalId: string; verdict: "approve" | "concerns"; comment: string },
  opts: { backingEndorsements: number },
) {
  const { proposal, report } = await proposalUnderReview(db, input.proposalId);
  if (proposal.author === steward)
    throw new AppError("FORBIDDEN", "a steward cannot review their own proposal");
  if (input.verdict === "concerns" && input.comment.trim() === "") {
    throw new AppError("INVALID_INPUT", "comment: say what the concerns are", { field: "comment" });
  }
  return db.$transaction(async (tx) => {
    const review = await tx.stewardReview.create({
      data: {
        proposalId: proposal.id,
        steward,
        verdict: input.verdict,
        comment: input.comment,
        reportHash: report.reportHash,
      },
    });
    await recordAuditEvent(tx, {
      actor: steward,
      action: `proposal.review.${input.verdict}`,
      entity: "proposal",
      entityId: proposal.id,
    });
    const state = await reevaluateBacking(tx, proposal.id, opts.backingEndorsements, steward);
    return { review, state };
  });
}

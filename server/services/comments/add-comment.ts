import type { Db } from "../../db/connect.ts";
import { AppError } from "../../errors/app-error.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";

/** A comment, or a reply to a top-level comment (threads are one level deep). Drafts are not open to comments. */
export async function addComment(
  db: Db,
  author: string,
  input: { proposalId: string; body: string; parentId?: string },
) {
  const proposal = await db.proposal.findUnique({ where: { id: input.proposalId }, select: { state: true } });
  if (!proposal) throw new AppError("NOT_FOUND", "no such proposal");
  if (proposal.state === "draft") throw new AppError("CONFLICT", "drafts are not open for comments yet");
  if (input.parentId) {
    const parent = await db.comment.findUnique({ where: { id: input.parentId } });
    if (!parent || parent.proposalId !== input.proposalId) {
      throw new AppError("INVALID_INPUT", "parentId: no such comment on this proposal", {
        field: "parentId",
      });
    }
    if (parent.parentId)
      throw new AppError("INVALID_INPUT", "parentId: replies are one level deep", { field: "parentId" });
  }
  return db.$transaction(async (tx) => {
    const comment = await tx.comment.create({
      data: { proposalId: input.proposalId, parentId: input.parentId ?? null, author, body: input.body },
    });
    await recordAuditEvent(tx, {
      actor: author,
      action: "comment.added",
      entity: "comment",
      entityId: comment.id,
    });
    return comment;
  });
}

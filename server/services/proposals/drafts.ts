import type { Db } from "../../db/connect.ts";
import { AppError } from "../../errors/app-error.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { requireLiveParameterSet } from "../parameters/live-parameter-set.ts";
import { applyChanges, describeChanges, type ParameterChanges } from "./parameter-changes.ts";

export type DraftInput = { title: string; rationale: string; changes: ParameterChanges };

/** Validates changes against the live set; a proposal that changes nothing is refused. */
async function prepare(db: Db, changes: ParameterChanges) {
  const live = await requireLiveParameterSet(db);
  const liveParams = live.params as Record<string, unknown>;
  const proposedParams = applyChanges(live.model, liveParams, changes);
  const { diff, diffHash } = describeChanges(live.model, liveParams, proposedParams);
  if (diff.length === 0) {
    throw new AppError("INVALID_INPUT", "changes: the proposal changes nothing in the live set", {
      field: "changes",
    });
  }
  return {
    baseVersion: live.version,
    model: live.model,
    diff: diff as unknown as Prisma.InputJsonArray,
    proposedParams: proposedParams as Prisma.InputJsonObject,
    diffHash,
  };
}

/** A member drafts a proposal: title, Markdown rationale, and changes diffed against the live set. */
export async function createDraft(db: Db, author: string, input: DraftInput) {
  const prepared = await prepare(db, input.changes);
  // Numbers are sequential for permalinks; the unique index turns a race into a retry.
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        const last = await tx.proposal.findFirst({ orderBy: { number: "desc" }, select: { number: true } });
        const proposal = await tx.proposal.create({
          data: {
            number: (last?.number ?? 0) + 1,
            title: input.title,
            rationale: input.rationale,
            author,
            ...prepared,
          },
        });
        await tx.proposalTransition.create({
          data: { proposalId: proposal.id, from: null, to: "draft", actor: author },
        });
        await recordAuditEvent(tx, {
          actor: author,
          action: "proposal.drafted",
          entity: "proposal",
          entityId: proposal.id,
        });
        return proposal;
      });
    } catch (e) {
      if (attempt < 3 && (e as { code?: string }).code === "P2002") continue;
      throw e;
    }
  }
}

/** Only the author edits, and only while it is a draft (publishing freezes the diff). */
export async function updateDraft(db: Db, author: string, proposalId: string, input: DraftInput) {
  const existing = await db.proposal.findUnique({ where: { id: proposalId } });
  if (!existing) throw new AppError("NOT_FOUND", "no such proposal");
  if (existing.author !== author) throw new AppError("FORBIDDEN", "only the author can edit a draft");
  if (existing.state !== "draft") throw new AppError("CONFLICT", `a ${existing.state} proposal is frozen`);
  const prepared = await prepare(db, input.changes);
  return db.$transaction(async (tx) => {
    const { count } = await tx.proposal.updateMany({
      where: { id: proposalId, state: "draft" },
      data: { title: input.title, rationale: input.rationale, ...prepared },
    });
    if (count !== 1) throw new AppError("CONFLICT", "the proposal was published meanwhile");
    await recordAuditEvent(tx, {
      actor: author,
      action: "proposal.edited",
      entity: "proposal",
      entityId: proposalId,
    });
    return tx.proposal.findUniqueOrThrow({ where: { id: proposalId } });
  });
}

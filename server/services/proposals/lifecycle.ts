import type { ServerConfig } from "../../config.ts";
import type { Db } from "../../db/connect.ts";
import { AppError } from "../../errors/app-error.ts";
import type { Prisma, ProposalState } from "../../generated/prisma/client.ts";
import type { JobQueue } from "../../jobs/job-queue.ts";
import { enactParameterSet } from "../parameters/enact-parameter-set.ts";
import { requireLiveParameterSet } from "../parameters/live-parameter-set.ts";
import { queueRun } from "../runs/queue-run.ts";
import { buildRunInputs } from "../runs/run-inputs.ts";
import { reevaluateBacking } from "./backing.ts";
import { applyChanges, changesOf, describeChanges, type ParamDiff } from "./parameter-changes.ts";
import { isBasedOnLive } from "./proposal-base-status.ts";
import { transitionProposal } from "./transition-proposal.ts";

type Deps = { db: Db; config: ServerConfig; jobs: JobQueue };

async function findProposal(db: Db, id: string) {
  const proposal = await db.proposal.findUnique({ where: { id } });
  if (!proposal) throw new AppError("NOT_FOUND", "no such proposal");
  return proposal;
}

/** The author publishes a draft: the diff is frozen and the live-vs-proposed simulation is queued. */
export async function publishProposal({ db, config, jobs }: Deps, author: string, proposalId: string) {
  const proposal = await findProposal(db, proposalId);
  if (proposal.author !== author) throw new AppError("FORBIDDEN", "only the author can publish");
  const live = await requireLiveParameterSet(db);
  if (!isBasedOnLive(proposal, live)) {
    throw new AppError(
      "CONFLICT",
      "the live set changed since this draft was saved: save it again to rebase",
    );
  }
  const inputs = buildRunInputs({
    live: { model: live.model, params: live.params },
    proposed: { model: proposal.model, params: proposal.proposedParams },
    config,
  });
  const run = await db.$transaction(async (tx) => {
    await transitionProposal(
      tx,
      { proposalId, from: proposal.state, to: "published", actor: author },
      { publishedAt: new Date() },
    );
    return queueRun(tx, {
      proposalId,
      kind: "proposal",
      requestedBy: author,
      baseVersion: live.version,
      inputs,
    });
  });
  if (run.status === "queued") await jobs.notify(run.id);
  return { proposalId, runId: run.id };
}

/**
 * Re-bases a proposal whose live version has changed: its changes are applied onto the new live set, the diff
 * and its hash recomputed (old endorsements no longer count), and a new simulation queued. A backed proposal
 * falls back to published until it is backed again on the new report.
 */
export async function rebaseProposal({ db, config, jobs }: Deps, author: string, proposalId: string) {
  const proposal = await findProposal(db, proposalId);
  if (proposal.author !== author) throw new AppError("FORBIDDEN", "only the author can rebase");
  if (proposal.state !== "published" && proposal.state !== "backed") {
    throw new AppError("CONFLICT", `a ${proposal.state} proposal cannot be rebased`);
  }
  const live = await requireLiveParameterSet(db);
  if (isBasedOnLive(proposal, live))
    throw new AppError("CONFLICT", "the proposal is already on the live version");
  const liveParams = live.params as Record<string, unknown>;
  const proposedParams = applyChanges(
    live.model,
    liveParams,
    changesOf(proposal.diff as unknown as ParamDiff[]),
  );
  const { diff, diffHash } = describeChanges(live.model, liveParams, proposedParams);
  if (diff.length === 0)
    throw new AppError("CONFLICT", "the live set already contains every change of this proposal");
  const inputs = buildRunInputs({
    live: { model: live.model, params: liveParams },
    proposed: { model: live.model, params: proposedParams },
    config,
  });
  const run = await db.$transaction(async (tx) => {
    await tx.proposal.update({
      where: { id: proposalId },
      data: {
        baseVersion: live.version,
        model: live.model,
        diff: diff as unknown as Prisma.InputJsonArray,
        proposedParams: proposedParams as Prisma.InputJsonObject,
        diffHash,
      },
    });
    await tx.proposalTransition.create({
      data: {
        proposalId,
        from: proposal.state,
        to: proposal.state,
        actor: author,
        note: `rebased onto v${live.version}`,
      },
    });
    const queued = await queueRun(tx, {
      proposalId,
      kind: "proposal",
      requestedBy: author,
      baseVersion: live.version,
      inputs,
    });
    await reevaluateBacking(tx, proposalId, config.backingEndorsements, author);
    return queued;
  });
  if (run.status === "queued") await jobs.notify(run.id);
  return { proposalId, runId: run.id };
}

const CANCELLABLE: readonly ProposalState[] = ["draft", "published", "backed", "submitted", "active"];

/** The author (or an admin) withdraws a proposal before its vote ends. */
export async function cancelProposal(
  db: Db,
  actor: { address: string; isAdmin: boolean },
  proposalId: string,
  reason: string,
) {
  const proposal = await findProposal(db, proposalId);
  if (proposal.author !== actor.address && !actor.isAdmin) {
    throw new AppError("FORBIDDEN", "only the author or an admin can cancel");
  }
  if (!CANCELLABLE.includes(proposal.state))
    throw new AppError("CONFLICT", `a ${proposal.state} proposal cannot be cancelled`);
  await db.$transaction((tx) =>
    transitionProposal(tx, {
      proposalId,
      from: proposal.state,
      to: "cancelled",
      actor: actor.address,
      note: reason,
    }),
  );
}

/**
 * A passed proposal becomes the new live version, in one transaction with its transition. It must still be based
 * on the live version: members voted on a diff against that base. Proposals backed on the old version no longer
 * are (their report is not on the live set): they fall back to published in the same transaction, so no page shows
 * "backed" beside "must be rebased".
 */
export async function enactProposal(
  db: Db,
  actor: string,
  proposalId: string,
  opts: { backingEndorsements: number },
) {
  const proposal = await findProposal(db, proposalId);
  return db.$transaction(async (tx) => {
    const live = await requireLiveParameterSet(tx);
    if (!isBasedOnLive(proposal, live)) {
      throw new AppError(
        "CONFLICT",
        `the vote was on v${proposal.baseVersion} but v${live.version} is live now`,
      );
    }
    await transitionProposal(tx, { proposalId, from: proposal.state, to: "enacted", actor });
    const version = await enactParameterSet(tx, {
      model: proposal.model,
      params: proposal.proposedParams as Record<string, unknown>,
      enactedBy: actor,
      proposalId,
      note: `#${proposal.number} ${proposal.title}`,
    });
    const backed = await tx.proposal.findMany({ where: { state: "backed" }, select: { id: true } });
    for (const b of backed) await reevaluateBacking(tx, b.id, opts.backingEndorsements, actor);
    return version;
  });
}

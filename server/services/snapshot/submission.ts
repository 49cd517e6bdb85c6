// Submitting a backed proposal to Snapshot, idempotently.
//
// 1. prepare: the server builds the exact Proposal message (timestamp, start/end from the space's voting delay and
//    period, snapshot block, body from the report) and reserves it before anyone signs. Asking again while the
//    reservation holds returns the same message, so signing it again gives the same signature and Snapshot the
//    same id (the EIP-712 hash of the message), which it refuses to store twice.
// 2. The author signs and posts it with snapshot.js from the browser.
// 3. record: the server confirms the id on the hub. If the post never arrived (a network failure, a closed tab),
//    the server relays the stored signed message itself: the identical message, never a second proposal.
import { getAddress, verifyTypedData } from "viem";
import type { ServerConfig } from "../../config.ts";
import type { Db } from "../../db/connect.ts";
import { AppError } from "../../errors/app-error.ts";
import type { Prisma, Role } from "../../generated/prisma/client.ts";
import { hasRole } from "../auth/roles.ts";
import { currentReportOf } from "../proposals/current-report.ts";
import { transitionProposal } from "../proposals/transition-proposal.ts";
import { fetchProposal, fetchSpace, postToSequencer, SnapshotRejected } from "./hub-client.ts";
import { assertWithinSnapshotLimits } from "./limits.ts";
import { type BodyDiffRow, buildProposalBody, reproduceCommandOf } from "./proposal-body.ts";
import { latestSnapshotBlock } from "./snapshot-block.ts";
import type { SnapshotConfig } from "./snapshot-config.ts";
import {
  type ProposalMessage,
  proposalMessageId,
  proposalTypedData,
  proposalTypes,
  SNAPSHOT_DOMAIN,
  type SnapshotEnvelope,
  type SnapshotReceipt,
  VOTE_CHOICES,
} from "./typed-data.ts";

/** How long a reserved message is handed out again; after that a new one may be reserved if the hub never saw it. */
export const RESERVATION_TTL_MS = 15 * 60_000;
/** Used when the space sets no voting period (Snapshot then lets the author choose). */
export const DEFAULT_VOTING_PERIOD_S = 3 * 24 * 3600;

export type Actor = { address: string; role: Role };
type Deps = { db: Db; config: ServerConfig; now?: () => Date };

export function requireSnapshotConfig(config: ServerConfig): SnapshotConfig {
  if (!config.snapshot)
    throw new AppError("CONFLICT", "Snapshot is not configured on this server (SNAPSHOT_* variables)");
  return config.snapshot;
}

async function findProposal(db: Db, proposalId: string) {
  const proposal = await db.proposal.findUnique({
    where: { id: proposalId },
    include: { snapshotSubmission: true },
  });
  if (!proposal) throw new AppError("NOT_FOUND", "no such proposal");
  return proposal;
}

function mayAct(actor: Actor, author: string) {
  return actor.address === author || hasRole(actor.role, "steward");
}

export type PreparedSubmission = {
  proposalId: string;
  /** The Snapshot proposal id the signed message will get. */
  snapshotId: string;
  /** snapshot.js posts to exactly this URL (`new Client712(sequencerUrl)`). */
  sequencerUrl: string;
  hubUrl: string;
  /** Pass to `client.proposal(signer, address, message)` unchanged: every field is set, so snapshot.js adds nothing. */
  message: ProposalMessage;
  typedData: ReturnType<typeof proposalTypedData>;
  expiresAt: Date;
};

function prepared(
  config: SnapshotConfig,
  proposalId: string,
  row: { message: unknown; messageHash: string; expiresAt: Date },
): PreparedSubmission {
  const message = row.message as ProposalMessage;
  return {
    proposalId,
    snapshotId: row.messageHash,
    sequencerUrl: config.sequencerUrl,
    hubUrl: config.hubUrl,
    message,
    typedData: proposalTypedData(message),
    expiresAt: row.expiresAt,
  };
}

/**
 * The message the author (or a steward) signs to submit a backed proposal: reserved now, or the one already
 * reserved. `origin` is the app's public origin, for the permalink.
 */
export async function prepareSubmission(
  deps: Deps,
  actor: Actor,
  input: { proposalId: string; origin: string },
) {
  const config = requireSnapshotConfig(deps.config);
  const now = deps.now?.() ?? new Date();
  const proposal = await findProposal(deps.db, input.proposalId);
  if (!mayAct(actor, proposal.author))
    throw new AppError("FORBIDDEN", "only the author or a steward can submit to Snapshot");
  if (proposal.snapshotId) {
    throw new AppError("CONFLICT", `already submitted to Snapshot as ${proposal.snapshotId}`);
  }
  if (proposal.state !== "backed")
    throw new AppError("CONFLICT", `a ${proposal.state} proposal cannot be submitted; it must be backed`);

  const existing = proposal.snapshotSubmission;
  if (existing && !existing.recordedAt) {
    if (existing.expiresAt > now) {
      if (existing.signer !== actor.address) {
        throw new AppError(
          "CONFLICT",
          `${existing.signer} is submitting this proposal; their reservation ends at ${existing.expiresAt.toISOString()}`,
        );
      }
      return prepared(config, proposal.id, existing);
    }
    // Expired: if its message reached Snapshot after all, that is the submission; if it was signed, it is sent
    // now rather than replaced, so two signed messages for one proposal never both exist.
    let onHub = await fetchProposal(config, existing.messageHash);
    if (!onHub && existing.signature) {
      try {
        await postToSequencer(config, {
          address: getAddress(existing.signer),
          sig: existing.signature as `0x${string}`,
          data: envelopeData(existing.message as unknown as ProposalMessage),
        });
      } catch (e) {
        // Refused for good (its vote would already have ended, say): a new message replaces it below.
        if (!(e instanceof SnapshotRejected)) throw e;
      }
      onHub = await fetchProposal(config, existing.messageHash);
    }
    if (onHub) {
      await recordOnHub(deps.db, {
        proposalId: proposal.id,
        snapshotId: onHub.id,
        ipfs: onHub.ipfs,
        actor: actor.address,
      });
      throw new AppError("CONFLICT", `already submitted to Snapshot as ${onHub.id}`);
    }
  }

  const report = await currentReportOf(deps.db, proposal);
  if (!report) throw new AppError("CONFLICT", "the proposal has no finished report to submit");
  const reportRow = await deps.db.report.findUniqueOrThrow({ where: { id: report.reportId } });
  const run = await deps.db.simulationRun.findUniqueOrThrow({
    where: { id: report.runId },
    select: { inputsHash: true, inputs: true },
  });

  const space = await fetchSpace(config);
  if (!space)
    throw new AppError("CONFLICT", `the Snapshot space ${config.space} does not exist on ${config.hubUrl}`);
  if (space.network && space.network !== config.network) {
    throw new AppError(
      "CONFLICT",
      `the Snapshot space ${config.space} is on network ${space.network}, not ${config.network} (SNAPSHOT_NETWORK)`,
    );
  }
  if (space.voting?.type && space.voting.type !== "single-choice") {
    throw new AppError(
      "CONFLICT",
      `the Snapshot space votes ${space.voting.type}; MarginLab submits single-choice For/Against/Abstain votes`,
    );
  }
  const snapshot = await latestSnapshotBlock(config);

  const permalink = `${input.origin.replace(/\/+$/, "")}/proposals/${proposal.number}`;
  const body = buildProposalBody({
    proposal: {
      number: proposal.number,
      title: proposal.title,
      rationale: proposal.rationale,
      model: proposal.model,
      baseVersion: proposal.baseVersion,
      diff: proposal.diff as unknown as BodyDiffRow[],
      diffHash: proposal.diffHash,
    },
    report: {
      reportHash: reportRow.reportHash,
      inputsHash: run.inputsHash,
      engineVersion: reportRow.engineVersion,
      body: reportRow.body,
    },
    permalink,
    reproduceCommand: reproduceCommandOf({
      proposalNumber: proposal.number,
      reportHash: reportRow.reportHash,
      runId: report.runId,
      runInputs: run.inputs,
    }),
  });
  const timestamp = Math.floor(now.getTime() / 1000);
  const start = timestamp + (space.voting?.delay ?? 0);
  const message: ProposalMessage = {
    from: getAddress(actor.address),
    space: config.space,
    timestamp,
    type: "single-choice",
    title: `MarginLab #${proposal.number}: ${proposal.title}`,
    body,
    discussion: permalink,
    choices: [...VOTE_CHOICES],
    labels: [],
    start,
    end: start + (space.voting?.period || DEFAULT_VOTING_PERIOD_S),
    snapshot,
    plugins: "{}",
    privacy: "",
    app: config.app,
  };
  assertWithinSnapshotLimits(message, timestamp);

  const row = {
    signer: actor.address,
    message: message as unknown as Prisma.InputJsonObject,
    messageHash: proposalMessageId(message),
    signature: null,
    reservedAt: now,
    expiresAt: new Date(now.getTime() + RESERVATION_TTL_MS),
    recordedAt: null,
    ipfs: null,
    relayerAddress: null,
    relayerReceipt: null,
    lastError: null,
  };
  const saved = await reserve().catch(async (e: unknown) => {
    // Two prepares raced and the other one reserved first: hand out its message to the same signer.
    if ((e as { code?: string }).code !== "P2002") throw e;
    const other = await deps.db.snapshotSubmission.findUnique({ where: { proposalId: proposal.id } });
    if (other && other.signer === actor.address && !other.recordedAt) return other;
    throw new AppError("CONFLICT", "the submission changed meanwhile; reload and try again");
  });
  return prepared(config, proposal.id, saved);

  function reserve() {
    return deps.db.$transaction(async (tx) => {
      // Conditional on what was read: two racing prepares cannot both reserve.
      if (existing) {
        const { count } = await tx.snapshotSubmission.updateMany({
          where: { proposalId: proposal.id, messageHash: existing.messageHash, recordedAt: null },
          data: row,
        });
        if (count !== 1)
          throw new AppError("CONFLICT", "the submission changed meanwhile; reload and try again");
      } else {
        await tx.snapshotSubmission.create({ data: { proposalId: proposal.id, ...row } });
      }
      const still = await tx.proposal.count({ where: { id: proposal.id, state: "backed" } });
      if (still !== 1)
        throw new AppError("CONFLICT", "the proposal is no longer backed; reload and try again");
      return tx.snapshotSubmission.findUniqueOrThrow({ where: { proposalId: proposal.id } });
    });
  }
}

/** Marks the proposal submitted with its Snapshot id and IPFS hash (idempotent for the same id). */
async function recordOnHub(
  db: Db,
  input: {
    proposalId: string;
    snapshotId: string;
    ipfs: string | null;
    actor: string;
    receipt?: SnapshotReceipt["relayer"];
  },
) {
  await db.$transaction(async (tx) => {
    const proposal = await tx.proposal.findUniqueOrThrow({ where: { id: input.proposalId } });
    if (proposal.snapshotId === input.snapshotId) return;
    if (proposal.snapshotId)
      throw new AppError("CONFLICT", `already submitted to Snapshot as ${proposal.snapshotId}`);
    await transitionProposal(tx, {
      proposalId: input.proposalId,
      from: "backed",
      to: "submitted",
      actor: input.actor,
      note: `Snapshot proposal ${input.snapshotId}`,
    });
    const at = new Date();
    await tx.proposal.update({
      where: { id: input.proposalId },
      data: { snapshotId: input.snapshotId, snapshotIpfs: input.ipfs, snapshotSubmittedAt: at },
    });
    await tx.snapshotSubmission.update({
      where: { proposalId: input.proposalId },
      data: {
        recordedAt: at,
        ipfs: input.ipfs,
        lastError: null,
        ...(input.receipt
          ? { relayerAddress: input.receipt.address, relayerReceipt: input.receipt.receipt }
          : {}),
      },
    });
  });
}

export type RecordInput = {
  proposalId: string;
  /** The signature over the reserved message, when the client has it (lets the server relay it on a retry). */
  signature?: `0x${string}`;
  /** The sequencer's answer, when the client's post succeeded. */
  receipt?: SnapshotReceipt;
};

/**
 * Records the submission once the hub has the proposal. Safe to call any number of times: after a lost response,
 * with or without the receipt; when the hub does not have it yet and a signature is known, the server posts the
 * identical signed message itself. A hub outage leaves the proposal backed, with the error stored and thrown.
 */
export async function recordSubmission(deps: Deps, actor: Actor, input: RecordInput) {
  const config = requireSnapshotConfig(deps.config);
  const proposal = await findProposal(deps.db, input.proposalId);
  const submission = proposal.snapshotSubmission;
  if (!submission)
    throw new AppError("CONFLICT", "nothing was prepared for Snapshot; prepare the submission first");
  if (actor.address !== submission.signer && !hasRole(actor.role, "steward")) {
    throw new AppError("FORBIDDEN", "only the signer or a steward can record this submission");
  }
  if (submission.recordedAt && proposal.snapshotId === submission.messageHash) {
    return { snapshotId: submission.messageHash, ipfs: submission.ipfs, state: proposal.state };
  }
  const message = submission.message as unknown as ProposalMessage;
  if (input.receipt && input.receipt.id !== submission.messageHash) {
    throw new AppError("INVALID_INPUT", "the receipt is for a different message than the one reserved", {
      field: "receipt",
    });
  }
  let signature = submission.signature as `0x${string}` | null;
  if (input.signature && input.signature !== signature) {
    const valid = await verifyTypedData({
      ...proposalTypedData(message),
      address: getAddress(submission.signer),
      signature: input.signature,
    }).catch(() => false);
    if (!valid) {
      throw new AppError(
        "INVALID_INPUT",
        "the signature is not the signer's signature of the reserved message",
        { field: "signature" },
      );
    }
    signature = input.signature;
    await deps.db.snapshotSubmission.update({ where: { proposalId: proposal.id }, data: { signature } });
  }

  const fail = async (e: unknown): Promise<never> => {
    await deps.db.snapshotSubmission.update({
      where: { proposalId: proposal.id },
      data: { lastError: (e as Error).message },
    });
    throw e;
  };
  try {
    let onHub = await fetchProposal(config, submission.messageHash);
    let relayed: SnapshotReceipt["relayer"] | undefined = input.receipt?.relayer;
    if (!onHub) {
      if (!signature) {
        throw new AppError(
          "CONFLICT",
          "Snapshot does not have this proposal yet and no signature was sent; sign and submit again",
        );
      }
      try {
        const receipt = await postToSequencer(config, {
          address: getAddress(submission.signer),
          sig: signature,
          data: envelopeData(message),
        });
        relayed = receipt.relayer;
      } catch (e) {
        // Arrived meanwhile by another path: the hub already has exactly this message.
        if (!(e instanceof SnapshotRejected && e.description === "duplicate message")) throw e;
      }
      onHub = await fetchProposal(config, submission.messageHash);
      if (!onHub)
        throw new AppError(
          "CONFLICT",
          "Snapshot accepted the message but does not list the proposal yet; try again shortly",
        );
    }
    await recordOnHub(deps.db, {
      proposalId: proposal.id,
      snapshotId: onHub.id,
      ipfs: onHub.ipfs ?? input.receipt?.ipfs ?? null,
      actor: actor.address,
      receipt: relayed,
    });
    return { snapshotId: onHub.id, ipfs: onHub.ipfs ?? null, state: "submitted" as const };
  } catch (e) {
    return fail(e);
  }
}

/** `data` exactly as snapshot.js posts it: domain, types and message (no primaryType). */
function envelopeData(message: ProposalMessage): SnapshotEnvelope["data"] {
  return { domain: { ...SNAPSHOT_DOMAIN }, types: proposalTypes, message };
}

/**
 * Finishes submissions whose signed message reached Snapshot but whose recording never did (a tab closed right
 * after signing): run by the sync job.
 */
export async function recoverUnrecordedSubmissions(db: Db, config: SnapshotConfig, actor: string) {
  const pending = await db.snapshotSubmission.findMany({
    where: { recordedAt: null, proposal: { state: "backed" } },
  });
  const recovered: string[] = [];
  for (const s of pending) {
    const onHub = await fetchProposal(config, s.messageHash);
    if (!onHub) continue;
    await recordOnHub(db, { proposalId: s.proposalId, snapshotId: onHub.id, ipfs: onHub.ipfs, actor });
    recovered.push(s.proposalId);
  }
  return recovered;
}

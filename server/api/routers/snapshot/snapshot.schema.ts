import { z } from "zod";

const ZHex = z.string().regex(/^0x[0-9a-fA-F]+$/, "must be 0x-prefixed hex") as z.ZodType<`0x${string}`>;

export const ZProposalRef = z.object({ proposalId: z.string().min(1).max(64) });

export const ZPrepareSubmissionInput = ZProposalRef;
export type TPrepareSubmissionInput = z.infer<typeof ZPrepareSubmissionInput>;

/** The sequencer's answer: `{ id, ipfs, relayer: { address, receipt } }`. */
export const ZSnapshotReceipt = z.object({
  id: z.string().regex(/^0x[0-9a-f]{64}$/i, "a Snapshot message id"),
  ipfs: z.string().min(1).max(200),
  relayer: z.object({ address: z.string().max(100), receipt: z.string().max(1000) }),
});

export const ZRecordSubmissionInput = ZProposalRef.extend({
  /** The signature of the reserved message (lets the server re-send it after a network failure). */
  signature: ZHex.optional(),
  /** The sequencer's receipt, when the client's post succeeded. */
  receipt: ZSnapshotReceipt.optional(),
});
export type TRecordSubmissionInput = z.infer<typeof ZRecordSubmissionInput>;

export const ZStatusInput = ZProposalRef;

export const ZSyncInput = z.object({ proposalId: z.string().min(1).max(64).optional() }).default({});

import { z } from "zod";

export const ZProposalId = z.object({ proposalId: z.string().min(1).max(64) });

const ZChanges = z.record(z.string(), z.unknown()).describe("a partial parameter set: the fields to change");

export const ZDraftInput = z.object({
  title: z.string().trim().min(5, "at least 5 characters").max(200, "at most 200 characters"),
  rationale: z.string().trim().min(20, "explain the change in at least 20 characters").max(20_000),
  changes: ZChanges,
});
export type TDraftInput = z.infer<typeof ZDraftInput>;

export const ZUpdateDraftInput = ZDraftInput.extend(ZProposalId.shape);

export const ZCancelInput = ZProposalId.extend({ reason: z.string().trim().max(2_000).default("") });

export const ZEndorseInput = ZProposalId.extend({
  signature: z
    .string()
    .regex(/^0x[0-9a-fA-F]+$/, "must be a 0x-prefixed hex signature") as z.ZodType<`0x${string}`>,
});

export const ZReviewInput = ZProposalId.extend({
  verdict: z.enum(["approve", "concerns"]),
  comment: z.string().trim().max(10_000).default(""),
});

export const ZListInput = z
  .object({
    state: z
      .enum([
        "draft",
        "published",
        "backed",
        "submitted",
        "active",
        "passed",
        "rejected",
        "cancelled",
        "enacted",
      ])
      .optional(),
  })
  .default({});

/** `ProposalBaseStatus` (server/services/proposals/proposal-base-status.ts): where a proposal stands against the live set. */
export const ZProposalBaseStatus = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("enacted"),
    version: z.number().int(),
    isLive: z.boolean(),
    liveVersion: z.number().int(),
  }),
  z.object({ kind: z.literal("current"), liveVersion: z.number().int() }),
  z.object({ kind: z.literal("stale"), baseVersion: z.number().int(), liveVersion: z.number().int() }),
  z.object({ kind: z.literal("closed"), liveVersion: z.number().int() }),
]);

export const ZProposalSummary = z.object({
  id: z.string(),
  number: z.number().int(),
  title: z.string(),
  author: z.string(),
  state: z.string(),
  baseVersion: z.number().int(),
  model: z.string(),
  createdAt: z.date(),
  publishedAt: z.date().nullable(),
  changes: z.number().int(),
  /** The live version now; the proposal is stale when it was simulated against another. */
  liveVersion: z.number().int().nullable(),
  stale: z.boolean(),
  headline: z
    .object({
      verdict: z.enum([
        "safer-and-costlier",
        "safer-and-cheaper",
        "riskier-and-cheaper",
        "riskier-and-costlier",
        "safer-at-no-cost",
        "riskier-at-no-saving",
        "cheaper-same-risk",
        "costlier-same-risk",
        "no-change",
        "not-comparable",
      ]),
      margin: z.object({ live: z.number(), proposed: z.number() }).nullable(),
      risk: z
        .object({
          id: z.string(),
          label: z.string(),
          kind: z.enum(["usd", "count"]),
          live: z.number(),
          proposed: z.number(),
        })
        .nullable(),
    })
    .nullable(),
  baseStatus: ZProposalBaseStatus.nullable(),
});

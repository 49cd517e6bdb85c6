import { z } from "zod";

export const ZSearchId = z.object({ searchId: z.string().min(1).max(64) });

/** The search spec is validated by the engine (simulations/recommend/search-spec.ts), which names the bad field. */
export const ZStartSearchInput = z.object({
  spec: z.record(z.string(), z.unknown(), { error: "must be a search spec object" }),
});
export type TStartSearchInput = z.infer<typeof ZStartSearchInput>;

export const ZListSearchesInput = z
  .object({ status: z.enum(["queued", "running", "succeeded", "failed", "cancelled"]).optional() })
  .default({});

export const ZDraftProposalInput = ZSearchId.extend({
  title: z.string().trim().min(5, "at least 5 characters").max(200, "at most 200 characters").optional(),
});

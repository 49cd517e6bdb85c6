import { z } from "zod";
import { requireLiveParameterSet } from "../../../services/parameters/live-parameter-set.ts";
import { previewMargins } from "../../../services/proposals/preview-margins.ts";
import { publicProcedure } from "../../trpc.ts";

export const ZPreviewInput = z.object({
  changes: z.record(z.string(), z.unknown()).describe("a partial parameter set: the fields to change"),
});

const ZMargins = z.object({ initial: z.number(), maintenance: z.number(), standardInitial: z.number() });

export const ZPreviewOutput = z.object({
  liveVersion: z.number().int(),
  market: z.object({
    date: z.string(),
    assets: z.record(z.string(), z.object({ spot: z.number(), dvol: z.number().nullable() })),
  }),
  portfolios: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      description: z.string(),
      live: ZMargins,
      proposed: ZMargins,
    }),
  ),
});
export type TPreviewOutput = z.infer<typeof ZPreviewOutput>;

/**
 * The quick preview while drafting: margins of representative accounts under the live set and with the changes
 * applied, on today's market. Public (it reads nothing private) and fast (milliseconds); the full stress
 * simulation runs when the proposal is published. With no changes it shows what the live set charges today.
 */
export const preview = publicProcedure
  .input(ZPreviewInput)
  .output(ZPreviewOutput)
  .query(async ({ ctx, input }) => {
    const live = await requireLiveParameterSet(ctx.db);
    const result = previewMargins({
      live: { model: live.model, params: live.params as Record<string, unknown> },
      changes: input.changes,
    });
    return { liveVersion: live.version, ...result };
  });

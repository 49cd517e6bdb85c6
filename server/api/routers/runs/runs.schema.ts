import { z } from "zod";

export const ZRunId = z.object({ runId: z.string().min(1).max(64) });

export const ZListRunsInput = z
  .object({
    status: z.enum(["queued", "running", "succeeded", "failed", "cancelled"]).optional(),
    proposalId: z.string().max(64).optional(),
  })
  .default({});

export const ZQueueExtraInput = z.object({
  proposalId: z.string().min(1).max(64),
  accounts: z.number().int().min(10).optional(),
  paths: z.number().int().min(0).optional(),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional(),
  windows: z.array(z.string().max(64)).max(20).optional(),
});

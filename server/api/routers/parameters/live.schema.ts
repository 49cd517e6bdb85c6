import { z } from "zod";

export const ZLiveOutput = z
  .object({
    id: z.string(),
    version: z.number().int(),
    model: z.string(),
    params: z.record(z.string(), z.unknown()),
    paramsHash: z.string(),
    enactedBy: z.string(),
    enactedAt: z.date(),
    proposalId: z.string().nullable(),
    note: z.string(),
  })
  .nullable();
export type TLiveOutput = z.infer<typeof ZLiveOutput>;

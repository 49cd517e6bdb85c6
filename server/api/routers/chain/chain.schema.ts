import { z } from "zod";

export const ZPowerInput = z.object({
  address: z
    .string()
    .regex(/^0x[0-9a-fA-F]{40}$/, "a 0x-prefixed 20-byte address")
    .optional(),
});

export const ZProposalPowerInput = z.object({ proposalId: z.string().min(1) });

export const ZProposalIdInput = z.object({ proposalId: z.string().min(1) });

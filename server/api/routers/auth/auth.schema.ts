import { z } from "zod";

export const ZAddress = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, "must be a 0x-prefixed 20-byte hex address")
  .transform((a) => a.toLowerCase());

export const ZNonceOutput = z.object({ nonce: z.string(), expiresAt: z.date() });

export const ZSignInInput = z.object({
  message: z.string().min(1).max(4_000),
  signature: z
    .string()
    .regex(/^0x[0-9a-fA-F]+$/, "must be a 0x-prefixed hex signature") as z.ZodType<`0x${string}`>,
});
export type TSignInInput = z.infer<typeof ZSignInInput>;

export const ZMeOutput = z.object({
  address: z.string().nullable(),
  role: z.enum(["member", "steward", "admin"]).nullable(),
});
export type TMeOutput = z.infer<typeof ZMeOutput>;

import { z } from "zod";
import { ZAddress } from "../auth/auth.schema.ts";

export const ZSetStewardInput = z.object({ address: ZAddress, steward: z.boolean() });
export type TSetStewardInput = z.infer<typeof ZSetStewardInput>;

export const ZUserOutput = z.object({
  address: z.string(),
  role: z.enum(["member", "steward", "admin"]),
  createdAt: z.date(),
  roleGrantedBy: z.string().nullable(),
});

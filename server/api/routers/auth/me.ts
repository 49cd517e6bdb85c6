import { publicProcedure } from "../../trpc.ts";
import { ZMeOutput } from "./auth.schema.ts";

/** Who is signed in (nulls when nobody is). */
export const me = publicProcedure
  .output(ZMeOutput)
  .query(({ ctx }) => ({ address: ctx.address, role: ctx.role }));

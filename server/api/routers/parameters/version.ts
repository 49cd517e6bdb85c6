import { z } from "zod";
import { AppError } from "../../../errors/app-error.ts";
import { publicProcedure } from "../../trpc.ts";

/** One version in full: also what "export as JSON" downloads. */
export const version = publicProcedure
  .input(z.object({ version: z.number().int().positive() }))
  .query(async ({ ctx, input }) => {
    const v = await ctx.db.parameterSetVersion.findUnique({ where: { version: input.version } });
    if (!v) throw new AppError("NOT_FOUND", `no parameter set version ${input.version}`);
    return v;
  });

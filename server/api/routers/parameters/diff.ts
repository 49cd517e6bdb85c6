import { z } from "zod";
import { diffParams } from "../../../../simulations/models/registry.ts";
import { AppError } from "../../../errors/app-error.ts";
import { publicProcedure } from "../../trpc.ts";

/** Field-by-field differences between two enacted versions. */
export const diff = publicProcedure
  .input(z.object({ from: z.number().int().positive(), to: z.number().int().positive() }))
  .query(async ({ ctx, input }) => {
    const [a, b] = await Promise.all(
      [input.from, input.to].map((version) => ctx.db.parameterSetVersion.findUnique({ where: { version } })),
    );
    if (!a) throw new AppError("NOT_FOUND", `no parameter set version ${input.from}`, { field: "from" });
    if (!b) throw new AppError("NOT_FOUND", `no parameter set version ${input.to}`, { field: "to" });
    return diffParams(
      { ...(a.params as object), model: a.model },
      { ...(b.params as object), model: b.model },
    );
  });

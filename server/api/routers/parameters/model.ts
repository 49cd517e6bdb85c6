import { z } from "zod";
import { EngineError } from "../../../../simulations/errors.ts";
import { fieldDefault, getModel } from "../../../../simulations/models/registry.ts";
import { AppError } from "../../../errors/app-error.ts";
import { publicProcedure } from "../../trpc.ts";

/** A margin model's fields (label, unit, description, bounds, default) in display order: forms are built from it. */
export const model = publicProcedure.input(z.object({ id: z.string().max(64) })).query(({ input }) => {
  try {
    const m = getModel(input.id);
    return {
      id: m.id,
      title: m.title,
      description: m.description,
      fields: Object.entries(m.fields).map(([key, meta]) => ({
        key,
        ...meta,
        default: fieldDefault(m, key) ?? null,
      })),
    };
  } catch (e) {
    if (e instanceof EngineError) throw new AppError("NOT_FOUND", e.reason, { field: "id" });
    throw e;
  }
});

import { setStewardRole } from "../../../services/auth/roles.ts";
import { adminProcedure } from "../../trpc.ts";
import { ZSetStewardInput, ZUserOutput } from "./users.schema.ts";

/** Admins appoint or remove a steward. */
export const setSteward = adminProcedure
  .input(ZSetStewardInput)
  .output(ZUserOutput)
  .mutation(({ ctx, input }) =>
    setStewardRole(ctx.db, ctx.config, ctx.address, input.address, input.steward),
  );

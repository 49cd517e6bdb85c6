import { z } from "zod";
import { clearedSessionCookie, revokeSession } from "../../../services/auth/session.ts";
import { publicProcedure } from "../../trpc.ts";

export const signOut = publicProcedure.output(z.object({ ok: z.literal(true) })).mutation(async ({ ctx }) => {
  await revokeSession(ctx.db, ctx.sessionToken);
  ctx.resHeaders.append("set-cookie", clearedSessionCookie());
  return { ok: true as const };
});

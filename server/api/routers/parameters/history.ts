import { publicProcedure } from "../../trpc.ts";

/** Every enacted version, newest first, with who enacted it and from which proposal. */
export const history = publicProcedure.query(({ ctx }) =>
  ctx.db.parameterSetVersion.findMany({ orderBy: { version: "desc" }, omit: { params: true } }),
);

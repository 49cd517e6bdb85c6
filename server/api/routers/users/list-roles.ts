import { z } from "zod";
import { publicProcedure } from "../../trpc.ts";
import { ZUserOutput } from "./users.schema.ts";

/** Stewards and admins (public: members should know who reviews proposals). */
export const listRoles = publicProcedure.output(z.array(ZUserOutput)).query(({ ctx }) =>
  ctx.db.user.findMany({
    where: { role: { in: ["steward", "admin"] } },
    orderBy: [{ role: "desc" }, { address: "asc" }],
  }),
);

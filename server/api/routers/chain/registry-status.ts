import { registrySync } from "../../../services/chain/enact-on-chain.ts";
import { publicProcedure } from "../../trpc.ts";

/** Whether the registry on chain holds the app's live set, and where it differs (a change made elsewhere). */
export const registryStatus = publicProcedure.query(async ({ ctx }) => {
  const chain = ctx.config.chain;
  if (!chain) return { enabled: false as const };
  return { enabled: true as const, ...(await registrySync(ctx.db, chain)) };
});

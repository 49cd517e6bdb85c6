import { z } from "zod";
import { demoWallets } from "../../../services/demo/demo-wallets.ts";
import { expectedOrigin, publicProcedure } from "../../trpc.ts";

export const ZInfoOutput = z.object({
  databaseKind: z.enum(["pglite", "postgresql"]),
  chainId: z.number().int(),
  backingEndorsements: z.number().int(),
  runLimits: z.object({ maxAccounts: z.number().int(), maxPaths: z.number().int() }),
  /** Throwaway demo wallets, offered on the embedded demo database only (null in production). */
  demoWallets: z
    .array(z.object({ label: z.string(), role: z.string(), address: z.string(), privateKey: z.string() }))
    .nullable(),
  /**
   * WalletConnect, when a project id is configured (else null): the public project id, and the origin wallets are
   * told the request comes from (APP_URL, else this request's own; null: the browser's own).
   */
  walletConnect: z.object({ projectId: z.string(), appUrl: z.string().nullable() }).nullable(),
});

/** What the UI needs to know about this deployment. */
export const info = publicProcedure.output(ZInfoOutput).query(({ ctx }) => ({
  databaseKind: ctx.databaseKind,
  chainId: ctx.config.chainId,
  backingEndorsements: ctx.config.backingEndorsements,
  runLimits: ctx.config.runLimits,
  // Offered only where they hold their demo roles (SEED_DEMO_DATA; by default the embedded database).
  demoWallets: ctx.config.demoData ? demoWallets() : null,
  walletConnect: ctx.config.walletConnectProjectId
    ? { projectId: ctx.config.walletConnectProjectId, appUrl: expectedOrigin(ctx) }
    : null,
}));

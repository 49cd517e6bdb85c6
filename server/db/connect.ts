import { type Prisma, PrismaClient } from "../generated/prisma/client.ts";
import type { DatabaseTarget } from "./database-url.ts";
import { applyPendingMigrations } from "./migrations.ts";
import { openDatabase } from "./open-database.ts";

export type Db = PrismaClient;
/** The client inside `db.$transaction(async (tx) => ...)`. */
export type DbTx = Prisma.TransactionClient;
export type DatabaseConnection = { db: PrismaClient; target: DatabaseTarget; close: () => Promise<void> };

/**
 * Opens a Prisma client on a target. The embedded database migrates itself on open (a new user runs nothing
 * else); PostgreSQL is migrated by `npm run db:migrate` at deploy time unless `migrate` is forced.
 */
export async function connectDatabase(
  target: DatabaseTarget,
  opts: { migrate?: boolean } = {},
): Promise<DatabaseConnection> {
  const open = await openDatabase(target);
  try {
    if (opts.migrate ?? target.kind === "pglite") await applyPendingMigrations(open.adapter);
  } catch (e) {
    await open.close();
    throw e;
  }
  const db = new PrismaClient({ adapter: open.adapter });
  return {
    db,
    target,
    close: async () => {
      await db.$disconnect();
      await open.close();
    },
  };
}

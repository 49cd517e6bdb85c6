import type { Db } from "../../db/connect.ts";
import type { DatabaseTarget } from "../../db/database-url.ts";
import { readMigrationsList } from "../../db/migrations.ts";

export type DatabaseHealth = {
  kind: DatabaseTarget["kind"];
  reachable: boolean;
  migrations: { committed: number; applied: number; pending: string[]; upToDate: boolean };
};

/** Compares the committed migrations with Prisma's `_prisma_migrations` table in the database. */
export async function databaseHealth(db: Db, target: DatabaseTarget): Promise<DatabaseHealth> {
  const committed = readMigrationsList().migrationDirectories.map((m) => m.path);
  let applied: string[] = [];
  try {
    const rows = await db.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    applied = rows.map((r) => r.migration_name);
  } catch {
    // No migrations table: nothing applied yet.
  }
  const pending = committed.filter((name) => !applied.includes(name));
  return {
    kind: target.kind,
    reachable: true,
    migrations: {
      committed: committed.length,
      applied: applied.length,
      pending,
      upToDate: pending.length === 0,
    },
  };
}

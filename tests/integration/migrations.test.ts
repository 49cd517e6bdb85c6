import { afterEach, describe, expect, it } from "vitest";
import { applyPendingMigrations, migrationStatus, readMigrationsList } from "../../server/db/migrations.ts";
import { openDatabase } from "../../server/db/open-database.ts";
import { PrismaClient } from "../../server/generated/prisma/client.ts";
import { databaseHealth } from "../../server/services/system/database-health.ts";
import { freshTarget, testDatabaseKinds } from "../support/test-databases.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe.each(testDatabaseKinds)("migrations on %s", (kind) => {
  it("applies every committed migration once; applying again is a no-op", async () => {
    const { target, drop } = await freshTarget(kind);
    const open = await openDatabase(target);
    cleanups.push(drop, open.close);
    const committed = readMigrationsList().migrationDirectories.map((m) => m.path);
    expect(committed.length).toBeGreaterThan(0);

    const before = await migrationStatus(open.adapter);
    expect(before.upToDate).toBe(false);
    expect(before.unapplied).toEqual(committed);

    expect(await applyPendingMigrations(open.adapter)).toEqual(committed);
    expect(await applyPendingMigrations(open.adapter)).toEqual([]);

    const after = await migrationStatus(open.adapter);
    expect(after).toMatchObject({ upToDate: true, unapplied: [], failed: [], edited: [] });

    // The standard table that `prisma migrate deploy` reads, with a sha256 checksum per migration.
    const db = new PrismaClient({ adapter: open.adapter });
    const rows = await db.$queryRaw<{ migration_name: string; checksum: string }[]>`
      SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name`;
    expect(rows.map((r) => r.migration_name)).toEqual(committed);
    for (const r of rows) expect(r.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect((await databaseHealth(db, target)).migrations).toEqual({
      committed: committed.length,
      applied: committed.length,
      pending: [],
      upToDate: true,
    });
    await db.$disconnect();
  });
});

// `npm run db:migrate` | `npm run db:migration:status` | `npm run db:migration:create <name>`
// Prisma's CLI cannot migrate on machines without access to its binary host; this drives Prisma's own WASM
// schema engine instead, and writes the standard `_prisma_migrations` table that `prisma migrate deploy` reads.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describeTarget, parseDatabaseUrl } from "../server/db/database-url.ts";
import {
  applyPendingMigrations,
  diffSchemaAgainstMigrations,
  MIGRATIONS_DIR,
  migrationStatus,
} from "../server/db/migrations.ts";
import { openDatabase, openMemoryDatabase } from "../server/db/open-database.ts";

const [command, ...args] = process.argv.slice(2);

function timestamp(d = new Date()): string {
  return d.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

async function main(): Promise<number> {
  if (command === "create") {
    const name = args[0] ?? "";
    if (!/^[a-z0-9_]+$/.test(name)) {
      console.error(
        "db:migration:create: give a name in snake_case, e.g. npm run db:migration:create add_proposals",
      );
      return 2;
    }
    const shadow = await openMemoryDatabase();
    try {
      const sql = await diffSchemaAgainstMigrations(shadow.adapter);
      if (sql === "") {
        console.log("The schema matches the committed migrations: nothing to create.");
        return 0;
      }
      const dir = join(MIGRATIONS_DIR, `${timestamp()}_${name}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, "migration.sql"), `${sql}\n`);
      const lock = join(MIGRATIONS_DIR, "migration_lock.toml");
      if (!existsSync(lock)) writeFileSync(lock, 'provider = "postgresql"\n');
      console.log(`Created ${dir}/migration.sql`);
      return 0;
    } finally {
      await shadow.close();
    }
  }
  if (command !== "apply" && command !== "status") {
    console.error("usage: prisma/migrate.ts apply | status | create <name>");
    return 2;
  }
  let target: ReturnType<typeof parseDatabaseUrl>;
  try {
    target = parseDatabaseUrl(process.env.DATABASE_URL);
  } catch (e) {
    console.error(`DATABASE_URL ${(e as Error).message}`);
    return 2;
  }
  const db = await openDatabase(target);
  try {
    if (command === "apply") {
      const applied = await applyPendingMigrations(db.adapter);
      console.log(
        applied.length === 0
          ? `${describeTarget(target)}: up to date`
          : `${describeTarget(target)}: applied ${applied.join(", ")}`,
      );
      return 0;
    }
    const s = await migrationStatus(db.adapter);
    console.log(`${describeTarget(target)}: ${s.committed.length} committed migration(s)`);
    if (s.unapplied.length) console.log(`not applied: ${s.unapplied.join(", ")}`);
    if (s.failed.length) console.log(`failed: ${s.failed.join(", ")}`);
    if (s.edited.length) console.log(`edited after applying: ${s.edited.join(", ")}`);
    console.log(s.upToDate ? "up to date" : "NOT up to date");
    return s.upToDate ? 0 : 1;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`migration failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);

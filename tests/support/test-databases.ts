// Databases for integration tests: a fresh embedded PGlite folder always, and a fresh PostgreSQL database on the
// server named by TEST_DATABASE_URL when it is set (.ci/run sets it). Each call gets its own database, so test
// files can run in parallel, and everything is removed afterwards.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { connectDatabase, type DatabaseConnection } from "../../server/db/connect.ts";
import type { DatabaseTarget } from "../../server/db/database-url.ts";

export type TestDatabase = DatabaseConnection & { drop: () => Promise<void> };
export type TestDatabaseKind = DatabaseTarget["kind"];

/** The kinds to run against: always pglite; postgresql too when TEST_DATABASE_URL is set. */
export const testDatabaseKinds: TestDatabaseKind[] = process.env.TEST_DATABASE_URL
  ? ["pglite", "postgresql"]
  : ["pglite"];

/** A fresh, empty target of the given kind (nothing opened yet). */
export async function freshTarget(
  kind: TestDatabaseKind,
): Promise<{ target: DatabaseTarget; drop: () => Promise<void> }> {
  if (kind === "pglite") {
    const dir = mkdtempSync(join(tmpdir(), "marginlab-test-"));
    return {
      target: { kind, dir: join(dir, "pglite") },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error("TEST_DATABASE_URL is not set");
  const name = `marginlab_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    target: { kind, url: url.toString() },
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A fresh database of the given kind with every migration applied. */
export async function openTestDatabase(kind: TestDatabaseKind): Promise<TestDatabase> {
  const { target, drop } = await freshTarget(kind);
  const conn = await connectDatabase(target, { migrate: true });
  return {
    ...conn,
    drop: async () => {
      await conn.close();
      await drop();
    },
  };
}

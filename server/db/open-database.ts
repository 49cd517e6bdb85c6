import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { DatabaseTarget } from "./database-url.ts";

export type OpenDatabase = {
  target: DatabaseTarget;
  adapter: SqlMigrationAwareDriverAdapterFactory;
  close: () => Promise<void>;
};

/**
 * Opens the driver adapter for a target. PGlite is a single in-process connection to a folder: a process must
 * open a folder once (callers cache the result), and two processes must never hold the same folder at once.
 */
export async function openDatabase(target: DatabaseTarget): Promise<OpenDatabase> {
  if (target.kind === "pglite") {
    // PGlite does not create parent folders itself.
    mkdirSync(target.dir, { recursive: true });
    const pglite = await PGlite.create(target.dir);
    return { target, adapter: new PrismaPGlite(pglite), close: () => pglite.close() };
  }
  const adapter = new PrismaPg({ connectionString: target.url, connectionTimeoutMillis: 10_000 });
  return { target, adapter, close: async () => {} };
}

/** An in-memory PGlite, used as the shadow database when diffing migrations and by unit tests. */
export async function openMemoryDatabase(): Promise<OpenDatabase> {
  const pglite = await PGlite.create();
  return {
    target: { kind: "pglite", dir: ":memory:" },
    adapter: new PrismaPGlite(pglite),
    close: () => pglite.close(),
  };
}

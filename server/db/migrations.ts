// Applies, diffs and diagnoses migrations through Prisma's own WASM schema engine: every Prisma 7 CLI command
// first downloads a native engine binary, which these machines cannot reach (see README, "Migrations").
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";

export const SCHEMA_PATH = "prisma/schema.prisma";
export const MIGRATIONS_DIR = "prisma/migrations";
const NO_FILTERS = { externalTables: [], externalEnums: [] };

type EngineModule = typeof import("@prisma/schema-engine-wasm");
const globalCache = globalThis as unknown as { __marginlabSchemaEngine?: Promise<EngineModule> };

/** Instantiates the WASM engine once per process (it targets bundlers, so we wire the bytes by hand). */
function loadEngineModule(): Promise<EngineModule> {
  globalCache.__marginlabSchemaEngine ??= (async () => {
    // Resolve from the project root so this also works from inside Next's server bundle.
    const require = createRequire(join(process.cwd(), "package.json"));
    const bgPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bg = (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as EngineModule & {
      __wbg_set_wasm: (exports: WebAssembly.Exports) => void;
    };
    const bytes = readFileSync(join(dirname(bgPath), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as (() => void) | undefined)?.();
    return bg;
  })();
  globalCache.__marginlabSchemaEngine.catch(() => {
    globalCache.__marginlabSchemaEngine = undefined;
  });
  return globalCache.__marginlabSchemaEngine;
}

/** The committed migrations folder in the shape the engine reads. */
export function readMigrationsList(root = process.cwd()): MigrationList {
  const baseDir = resolve(root, MIGRATIONS_DIR);
  let names: string[] = [];
  try {
    names = readdirSync(baseDir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
  } catch {
    // No migrations folder yet: an empty history.
  }
  let lockContent = 'provider = "postgresql"\n';
  try {
    lockContent = readFileSync(join(baseDir, "migration_lock.toml"), "utf8");
  } catch {}
  return {
    baseDir,
    lockfile: { path: "migration_lock.toml", content: lockContent },
    shadowDbInitScript: "",
    migrationDirectories: names.map((name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok" as const, value: readFileSync(join(baseDir, name, "migration.sql"), "utf8") },
      },
    })),
  };
}

function readSchema(root = process.cwd()): { path: string; content: string } {
  const path = resolve(root, SCHEMA_PATH);
  return { path, content: readFileSync(path, "utf8") };
}

async function withEngine<T>(
  adapter: SqlMigrationAwareDriverAdapterFactory,
  use: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const mod = await loadEngineModule();
  const schema = readSchema();
  const engine = await mod.SchemaEngine.new(
    { datamodels: [[schema.path, schema.content]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(adapter),
  );
  try {
    return await use(engine);
  } finally {
    engine.free();
  }
}

/** Applies every committed migration the database lacks; returns their names (empty when up to date). */
export async function applyPendingMigrations(
  adapter: SqlMigrationAwareDriverAdapterFactory,
): Promise<string[]> {
  return withEngine(adapter, async (engine) => {
    const out = await engine.applyMigrations({ migrationsList: readMigrationsList(), filters: NO_FILTERS });
    return out.appliedMigrationNames;
  });
}

export type MigrationStatus = {
  committed: string[];
  unapplied: string[];
  failed: string[];
  edited: string[];
  upToDate: boolean;
};

export async function migrationStatus(
  adapter: SqlMigrationAwareDriverAdapterFactory,
): Promise<MigrationStatus> {
  return withEngine(adapter, async (engine) => {
    const list = readMigrationsList();
    const d = await engine.diagnoseMigrationHistory({
      migrationsList: list,
      optInToShadowDatabase: false,
      filters: NO_FILTERS,
    });
    const history = d.history;
    const unapplied =
      history === null
        ? []
        : history.diagnostic === "migrationsDirectoryIsBehind"
          ? []
          : history.unappliedMigrationNames;
    return {
      committed: list.migrationDirectories.map((m) => m.path),
      unapplied,
      failed: d.failedMigrationNames,
      edited: d.editedMigrationNames,
      upToDate:
        history === null && d.failedMigrationNames.length === 0 && d.editedMigrationNames.length === 0,
    };
  });
}

/**
 * The SQL that takes the committed migrations to the current schema (empty when they agree). The engine
 * replays the migrations into a shadow database, which the given adapter (an in-memory PGlite) provides.
 */
export async function diffSchemaAgainstMigrations(
  shadow: SqlMigrationAwareDriverAdapterFactory,
): Promise<string> {
  return withEngine(shadow, async (engine) => {
    const list = readMigrationsList();
    const schema = readSchema();
    const result = await engine.diff({
      from: list.migrationDirectories.length === 0 ? { tag: "empty" } : { tag: "migrations", ...list },
      to: { tag: "schemaDatamodel", files: [schema] },
      script: true,
      exitCode: true,
      filters: NO_FILTERS,
    });
    const sql = (result.stdout ?? "").trim();
    return sql === "-- This is an empty migration." ? "" : sql;
  });
}

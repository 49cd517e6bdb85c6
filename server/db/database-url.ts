import { resolve } from "node:path";

/** Where the data lives: the embedded PGlite folder (default) or a PostgreSQL server. */
export type DatabaseTarget = { kind: "pglite"; dir: string } | { kind: "postgresql"; url: string };

export const DEFAULT_PGLITE_DIR = ".data/pglite";

/**
 * Reads DATABASE_URL: unset/empty -> embedded PGlite in `.data/pglite`; `pglite:<dir>` -> PGlite in <dir>;
 * `postgresql://` or `postgres://` -> PostgreSQL. Anything else is refused with the reason.
 */
export function parseDatabaseUrl(value: string | undefined): DatabaseTarget {
  const raw = value?.trim() ?? "";
  if (raw === "") return { kind: "pglite", dir: resolve(DEFAULT_PGLITE_DIR) };
  if (raw.startsWith("pglite:")) {
    const dir = raw.slice("pglite:".length);
    if (dir === "") throw new Error("pglite: needs a folder, e.g. pglite:.data/pglite");
    return { kind: "pglite", dir: resolve(dir) };
  }
  if (/^postgres(ql)?:\/\//.test(raw)) {
    try {
      const url = new URL(raw);
      if (!url.hostname) throw new Error("no host");
    } catch {
      throw new Error("is not a valid PostgreSQL URL (expected postgresql://user@host:port/database)");
    }
    return { kind: "postgresql", url: raw };
  }
  throw new Error(
    `unsupported scheme "${raw.split(":")[0]}": use pglite:<dir> (embedded) or postgresql://... (leave unset for the default ${DEFAULT_PGLITE_DIR})`,
  );
}

export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === "pglite") return `embedded PGlite at ${target.dir}`;
  const url = new URL(target.url);
  return `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`;
}

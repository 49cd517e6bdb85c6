import { env } from "../env.ts";
import { connectDatabase, type DatabaseConnection } from "./connect.ts";

// One connection per process, cached on globalThis: Next may load a module more than once in a process, and a
// PGlite folder opened twice can be corrupted. The promise is cached so concurrent first requests share it.
const holder = globalThis as unknown as { __marginlabDb?: Promise<DatabaseConnection> };

/** The process's database connection, opened lazily on first use (never at module load: `next build` must not). */
export function getConnection(): Promise<DatabaseConnection> {
  if (!holder.__marginlabDb) {
    const pending = connectDatabase(env().DATABASE_URL);
    holder.__marginlabDb = pending;
    pending.catch(() => {
      if (holder.__marginlabDb === pending) holder.__marginlabDb = undefined;
    });
  }
  return holder.__marginlabDb;
}

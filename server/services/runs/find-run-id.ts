import type { Db } from "../../db/connect.ts";
import { AppError } from "../../errors/app-error.ts";

/** Shortest prefix accepted for a run id: the UI shows ten characters; fewer would often be ambiguous. */
export const MIN_RUN_ID_PREFIX = 8;

/**
 * The full id of a run named by its id or by a prefix of it (the short id the UI shows), or NOT_FOUND. A prefix
 * matching several runs is refused, never resolved to one of them.
 */
export async function findRunId(db: Db, idOrPrefix: string): Promise<string> {
  const exact = await db.simulationRun.findUnique({ where: { id: idOrPrefix }, select: { id: true } });
  if (exact) return exact.id;
  if (idOrPrefix.length >= MIN_RUN_ID_PREFIX && /^[a-z0-9]+$/.test(idOrPrefix)) {
    const matches = await db.simulationRun.findMany({
      where: { id: { startsWith: idOrPrefix } },
      select: { id: true },
      take: 2,
    });
    if (matches.length === 1) return (matches[0] as { id: string }).id;
    if (matches.length > 1) {
      throw new AppError("CONFLICT", `several runs start with "${idOrPrefix}": use more of the id`);
    }
  }
  throw new AppError("NOT_FOUND", `no run "${idOrPrefix}"`);
}

import type { Db } from "../../db/connect.ts";

/** The live parameter set: the highest enacted version, or null before the first one is seeded. */
export async function getLiveParameterSet(db: Db) {
  return db.parameterSetVersion.findFirst({ orderBy: { version: "desc" } });
}

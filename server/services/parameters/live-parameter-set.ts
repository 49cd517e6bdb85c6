import type { Db, DbTx } from "../../db/connect.ts";
import { AppError } from "../../errors/app-error.ts";

/** The live parameter set: the highest enacted version, or null before the first one is seeded. */
export async function getLiveParameterSet(db: Db | DbTx) {
  return db.parameterSetVersion.findFirst({ orderBy: { version: "desc" } });
}

export async function requireLiveParameterSet(db: Db | DbTx) {
  const live = await getLiveParameterSet(db);
  if (!live) throw new AppError("CONFLICT", "no live parameter set has been enacted yet");
  return live;
}

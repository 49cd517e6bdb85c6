import { SPAN_GRID_DEFAULTS } from "../../../simulations/models/span-grid/params.ts";
import type { Db } from "../../db/connect.ts";
import { enactParameterSet } from "../parameters/enact-parameter-set.ts";

/**
 * Demo data for a new installation, so a new user sees a working platform at once. Runs only on an empty
 * database (no parameter set yet); returns whether it seeded.
 */
export async function seedDemoDataIfEmpty(db: Db): Promise<boolean> {
  if ((await db.parameterSetVersion.count()) > 0) return false;
  await enactParameterSet(db, {
    model: "span-grid",
    params: SPAN_GRID_DEFAULTS,
    enactedBy: "genesis",
    note: "Genesis: the generic SPAN-style grid model with its default parameters.",
  });
  return true;
}

import "server-only";
import type { Db } from "./db/connect.ts";
import { getConnection } from "./db/process-connection.ts";

export type { Db };
export { getConnection };

export async function getDb(): Promise<Db> {
  return (await getConnection()).db;
}

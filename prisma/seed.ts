// `npm run db:seed`: seed demo data into the database named by DATABASE_URL when it is empty.
import { serverConfigFromEnv } from "../server/config.ts";
import { connectDatabase } from "../server/db/connect.ts";
import { describeTarget } from "../server/db/database-url.ts";
import { parseEnv } from "../server/env.ts";
import { seedDemoDataIfEmpty } from "../server/services/seed/seed-demo-data.ts";

try {
  const env = parseEnv(process.env);
  const conn = await connectDatabase(env.DATABASE_URL, { migrate: true });
  try {
    const seeded = await seedDemoDataIfEmpty(conn.db, serverConfigFromEnv(env), (line) => console.log(line));
    console.log(
      `${describeTarget(env.DATABASE_URL)}: ${seeded ? "seeded demo data" : "not empty, left as it is"}`,
    );
  } finally {
    await conn.close();
  }
  process.exit(0);
} catch (e) {
  console.error(`seed failed: ${(e as Error).message}`);
  process.exit(1);
}

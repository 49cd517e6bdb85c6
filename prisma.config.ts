import { defineConfig } from "prisma/config";

// The CLI is only used to generate the client (offline); migrations go through prisma/migrate.ts.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});

import { z } from "zod";
import { parseDatabaseUrl } from "./db/database-url.ts";

const addressList = z
  .string()
  .default("")
  .transform((value, ctx) => {
    const items = value
      .split(",")
      .map((a) => a.trim().toLowerCase())
      .filter(Boolean);
    const bad = items.find((a) => !/^0x[0-9a-f]{40}$/.test(a));
    if (bad) {
      ctx.addIssue({ code: "custom", message: `"${bad}" is not a 0x-prefixed 20-byte address` });
      return z.NEVER;
    }
    return items;
  });

/** Every environment variable the app reads, with its default. `.env.example` documents the same list. */
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Unset = embedded PGlite in .data/pglite; `pglite:<dir>`; or `postgresql://user@host:5432/db`. */
  DATABASE_URL: z
    .string()
    .optional()
    .transform((value, ctx) => {
      try {
        return parseDatabaseUrl(value);
      } catch (e) {
        ctx.addIssue({ code: "custom", message: (e as Error).message });
        return z.NEVER;
      }
    }),
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  /** The public origin users see (e.g. https://marginlab.example). Sign-in messages must name its host. */
  APP_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** The chain id sign-in messages must carry. */
  SIWE_CHAIN_ID: z.coerce.number().int().positive().default(1),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 90)
    .default(168),
  /** Addresses that are admins (they manage stewards), comma-separated. */
  ADMIN_ADDRESSES: addressList,
  /** Addresses that are stewards from the start, comma-separated (admins can add more in the app). */
  STEWARD_ADDRESSES: addressList,
  /** Endorsements a published proposal needs (with a steward's approval) to become backed. */
  BACKING_ENDORSEMENTS: z.coerce.number().int().min(1).max(1000).default(2),
});

export type Env = z.infer<typeof EnvSchema>;

/** Validates an environment; throws one line naming the variable and the reason. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new Error(`Invalid environment variable ${issue.path.join(".")}: ${issue.message}`);
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

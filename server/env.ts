import { z } from "zod";
import { listPresets } from "../simulations/models/registry.ts";
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

const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, "a 0x-prefixed 20-byte address")
  .transform((a) => a.toLowerCase() as `0x${string}`);

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
  /**
   * Reverse proxies in front of the app whose X-Forwarded-For/-Host/-Proto are believed (0: none, the client's
   * socket and Host header are the truth). Set it to the number of proxies that append to X-Forwarded-For.
   */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  /**
   * Demo data (demo proposals, and the demo wallets, whose keys are public, as steward and admin): "auto" seeds it
   * only into the embedded database; "on" also into PostgreSQL (loudly: anyone can sign in as those roles).
   */
  SEED_DEMO_DATA: z.enum(["auto", "on", "off"]).default("auto"),
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
  /** Where simulation runs execute: in the app process (embedded) or in `npm run worker` processes (pg-boss). */
  JOB_BACKEND: z.enum(["embedded", "pg-boss"]).optional(),
  /** Size of the run queued when a proposal is published (members may queue larger ones up to the limits). */
  RUN_DEFAULT_ACCOUNTS: z.coerce.number().int().min(10).max(100_000).default(2_000),
  RUN_DEFAULT_PATHS: z.coerce.number().int().min(0).max(10_000).default(50),
  RUN_MAX_ACCOUNTS: z.coerce.number().int().min(10).max(100_000).default(20_000),
  RUN_MAX_PATHS: z.coerce.number().int().min(0).max(10_000).default(500),
  /**
   * Seconds without a heartbeat after which a running run counts as abandoned (its worker killed) and another
   * worker takes it over; workers beat four times within it.
   */
  RUN_STALE_SECONDS: z.coerce.number().int().min(5).max(3_600).default(60),
  /** Seconds a recommendation candidate's worker may go without a heartbeat before another worker takes it over. */
  RECOMMENDATION_STALE_SECONDS: z.coerce.number().int().min(2).max(3600).default(60),
  /** Requests per minute per address (or IP): sign-in, writes (drafts, endorsements, comments), simulations. */
  RATE_LIMIT_AUTH: z.coerce.number().int().min(1).default(30),
  RATE_LIMIT_WRITE: z.coerce.number().int().min(1).default(30),
  RATE_LIMIT_SIMULATE: z.coerce.number().int().min(1).default(10),
  /** Snapshot hub (GraphQL at <url>/graphql). Default: the local hub of `npm run snapshot:local`. */
  SNAPSHOT_HUB_URL: z.url({ protocol: /^https?$/ }).default("http://127.0.0.1:3100"),
  /** Where signed messages are posted (snapshot.js posts to exactly this URL). Default: the hub URL. */
  SNAPSHOT_SEQUENCER_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** The DAO's Snapshot space. */
  SNAPSHOT_SPACE: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{0,63}$/i, "a Snapshot space id such as marginlab.eth")
    .default("marginlab.eth"),
  /** Snapshot network id of the space (the chain id as a string: "1" mainnet, "11155111" Sepolia). */
  SNAPSHOT_NETWORK: z
    .string()
    .regex(/^[0-9]+$/, "a chain id such as 1")
    .default("1"),
  /** JSON-RPC of that chain, for the snapshot block. Default: the local hub's chain head. */
  SNAPSHOT_RPC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** The app name Snapshot records on proposals and votes (at most 24 characters). */
  SNAPSHOT_APP: z
    .string()
    .regex(/^[a-z0-9-]{1,24}$/, "1-24 characters a-z, 0-9 and -")
    .default("marginlab"),
  /** How often submitted and active proposals are synced from the hub; 0 turns the periodic sync off. */
  SNAPSHOT_SYNC_SECONDS: z.coerce.number().int().min(0).max(86_400).default(30),
  /**
   * The parameter preset a new installation's live set starts from (used only to seed an empty database); the demo
   * proposals are written for its model.
   */
  SEED_PRESET: z.enum(listPresets().map((p) => p.id) as [string, ...string[]]).default("span-grid-default"),
  // --- On-chain governance (issue 17): the chain holding the DAO's token and risk-parameter registry ---
  /** JSON-RPC of that chain. Unset: on-chain governance is off, except under `npm start` on the embedded
   * database, which runs a local chain and deploys the contracts (and sets these variables for the app). */
  RPC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** The chain id RPC_URL must answer (checked on every read, so a wrong endpoint moves nothing). */
  CHAIN_ID: z.coerce.number().int().positive().optional(),
  GOVERNANCE_TOKEN_ADDRESS: address.optional(),
  RISK_REGISTRY_ADDRESS: address.optional(),
  /** Voting power (whole tokens, ERC20Votes at the proposal's block) an address needs to act as a member. */
  MEMBER_MIN_VOTES: z
    .string()
    .regex(/^[0-9]+(\.[0-9]{1,18})?$/, "a token amount such as 1 or 0.5")
    .default("1"),
  /**
   * Key of the registry's executor, so the app itself sends enactments: only for a development chain (`npm start`
   * sets Hardhat's public test key). Unset: signers enact with the Safe batch the proposal page offers.
   */
  CHAIN_EXECUTOR_KEY: z
    .string()
    .regex(/^0x[0-9a-fA-F]{64}$/, "a 0x-prefixed 32-byte private key")
    .optional(),
  /** Votes count from this block on (`npm start` sets it after seeding a fresh local chain). */
  GOVERNANCE_START_BLOCK: z.coerce.number().int().min(0).default(0),
  /** `npm start` on the embedded database runs a local chain when RPC_URL is unset; "off" keeps governance off-chain. */
  LOCAL_CHAIN: z.enum(["on", "off"]).default("on"),
  // --- end of on-chain governance ---
  /**
   * A Reown (WalletConnect) project id: the sign-in dialog then offers WalletConnect. Public, not a secret: every
   * browser sends it to the relay.
   */
  WALLETCONNECT_PROJECT_ID: z
    .string()
    .regex(/^[0-9a-f]{32}$/i, "a Reown project id: 32 hexadecimal characters (dashboard.reown.com)")
    .optional(),
});

export type Env = z.infer<typeof EnvSchema>;

/** On-chain governance needs all four chain variables or none. */
function chainVariablesComplete(env: Env): string | null {
  const names = ["RPC_URL", "CHAIN_ID", "GOVERNANCE_TOKEN_ADDRESS", "RISK_REGISTRY_ADDRESS"] as const;
  const set = names.filter((n) => env[n] !== undefined);
  if (set.length === 0 || set.length === names.length) return null;
  const missing = names.find((n) => env[n] === undefined)!;
  return `Invalid environment variable ${missing}: required when ${set.join(", ")} ${set.length > 1 ? "are" : "is"} set (on-chain governance needs RPC_URL, CHAIN_ID and both contract addresses)`;
}

/** Validates an environment; throws one line naming the variable and the reason. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // `NAME=` (as in .env.example) means "use the default".
  const given = Object.fromEntries(
    Object.entries(source).filter(([, v]) => v !== undefined && v.trim() !== ""),
  );
  const result = EnvSchema.safeParse(given);
  if (result.success) {
    const incomplete = chainVariablesComplete(result.data);
    if (incomplete) throw new Error(incomplete);
    return result.data;
  }
  const issue = result.error.issues[0]!;
  throw new Error(`Invalid environment variable ${issue.path.join(".")}: ${issue.message}`);
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

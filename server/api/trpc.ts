import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import type { ServerConfig } from "../config.ts";
import type { Db } from "../db/connect.ts";
import { AppError, type AppErrorCode } from "../errors/app-error.ts";
import type { Role } from "../generated/prisma/client.ts";
import type { JobQueue } from "../jobs/job-queue.ts";
import { clientIp, requestOrigin } from "../security/forwarded-headers.ts";
import { PostgresRateLimiter } from "../security/postgres-rate-limiter.ts";
import { type RateLimit, RateLimiter } from "../security/rate-limiter.ts";
import { hasRole, roleOf } from "../services/auth/roles.ts";
import { readCookie, resolveSession, SESSION_COOKIE } from "../services/auth/session.ts";

// ---- Context: what every procedure can use. ----
export type Context = {
  db: Db;
  config: ServerConfig;
  /** Where queued simulation runs go. */
  jobs: JobQueue;
  databaseKind: "pglite" | "postgresql";
  headers: Headers;
  /** Response headers (Set-Cookie) for the fetch adapter to send back. */
  resHeaders: Headers;
  /** The signed-in address (lowercase) and its role, or null. */
  address: string | null;
  role: Role | null;
  sessionToken: string | undefined;
};

export async function createContext(opts: {
  db: Db;
  config: ServerConfig;
  jobs: JobQueue;
  databaseKind: "pglite" | "postgresql";
  headers?: Headers;
  resHeaders?: Headers;
}): Promise<Context> {
  const headers = opts.headers ?? new Headers();
  const sessionToken = readCookie(headers, SESSION_COOKIE);
  const address = await resolveSession(opts.db, sessionToken);
  return {
    db: opts.db,
    config: opts.config,
    jobs: opts.jobs,
    databaseKind: opts.databaseKind,
    headers,
    resHeaders: opts.resHeaders ?? new Headers(),
    address,
    role: address ? await roleOf(opts.db, address, opts.config) : null,
    sessionToken,
  };
}

/**
 * The origin this request should come from: the configured APP_URL, else the request's own Host (forwarded host
 * and scheme only from a trusted proxy, TRUST_PROXY).
 */
export function expectedOrigin(ctx: Pick<Context, "config" | "headers">): string | null {
  return requestOrigin(ctx.headers, ctx.config);
}

// ---- Init: one place maps domain errors to tRPC codes and flattens zod issues to field paths. ----
const TRPC_CODE: Record<AppErrorCode, TRPCError["code"]> = {
  NOT_FOUND: "NOT_FOUND",
  FORBIDDEN: "FORBIDDEN",
  UNAUTHORIZED: "UNAUTHORIZED",
  CONFLICT: "CONFLICT",
  INVALID_INPUT: "BAD_REQUEST",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
  UNAVAILABLE: "SERVICE_UNAVAILABLE",
};

export type FieldErrors = Record<string, string>;

function fieldErrorsOf(cause: unknown): FieldErrors | null {
  if (cause instanceof ZodError) {
    return Object.fromEntries(cause.issues.map((i) => [i.path.join(".") || "(input)", i.message]));
  }
  if (cause instanceof AppError && cause.field) return { [cause.field]: cause.message };
  return null;
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    return {
      ...shape,
      data: {
        ...shape.data,
        appCode: error.cause instanceof AppError ? error.cause.code : null,
        fieldErrors: fieldErrorsOf(error.cause),
      },
    };
  },
});

/** Turns an AppError thrown by a service into the matching TRPCError (keeping it as the cause). */
const mapAppErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: TRPC_CODE[cause.code], message: cause.message, cause });
  }
  return result;
});

/**
 * CSRF: a state-changing call from a browser must come from our own origin. A cross-site form or fetch carries a
 * foreign Origin (or, with our SameSite=Lax cookie, none at all), and is refused before it reaches a service.
 */
const sameOriginMutations = t.middleware(({ ctx, type, next }) => {
  if (type !== "mutation") return next();
  const origin = ctx.headers.get("origin");
  const expected = expectedOrigin(ctx);
  if (origin !== null && origin !== expected) {
    throw new TRPCError({ code: "FORBIDDEN", message: `cross-origin request from ${origin} refused` });
  }
  if (
    origin === null &&
    ctx.sessionToken !== undefined &&
    ctx.headers.get("sec-fetch-site") !== "same-origin"
  ) {
    throw new TRPCError({ code: "FORBIDDEN", message: "a signed-in change needs an Origin header" });
  }
  return next();
});

function requireRole(needed: Role) {
  return t.middleware(({ ctx, next }) => {
    if (!ctx.address || !ctx.role) throw new TRPCError({ code: "UNAUTHORIZED", message: "sign in first" });
    if (!hasRole(ctx.role, needed))
      throw new TRPCError({ code: "FORBIDDEN", message: `this needs the ${needed} role` });
    return next({ ctx: { ...ctx, address: ctx.address, role: ctx.role } });
  });
}

const inProcessLimiters = new Map<string, RateLimiter>();

/**
 * On PostgreSQL several app processes may serve one database, so the buckets are kept there and the limit is one
 * for all of them; the embedded database is held by a single process, whose memory is enough.
 */
function limiterFor(ctx: Pick<Context, "db" | "databaseKind">, name: string, perMinute: number): RateLimit {
  if (ctx.databaseKind === "postgresql") return new PostgresRateLimiter(ctx.db, name, perMinute);
  const limiter = inProcessLimiters.get(name) ?? new RateLimiter(perMinute);
  inProcessLimiters.set(name, limiter);
  return limiter;
}

/**
 * Per-address (signed in) or per-IP limits on procedures that cost the server work or write rows, so one client
 * cannot exhaust the simulation workers or flood a proposal.
 */
export function rateLimit(bucket: keyof ServerConfig["rateLimits"]) {
  return t.middleware(async ({ ctx, next }) => {
    const perMinute = ctx.config.rateLimits[bucket];
    const limiter = limiterFor(ctx, `${bucket}:${perMinute}`, perMinute);
    const verdict = await limiter.take(ctx.address ?? `ip:${clientIp(ctx.headers)}`);
    if (!verdict.ok) {
      // Names the limit and whose bucket it is, so a 429 can be told apart from another client's spending.
      const whose = ctx.address ? "signed-in address" : "client address";
      throw new TRPCError({
        code: "TOO_MANY_REQUESTS",
        message: `too many requests (${bucket}: ${perMinute} a minute per ${whose}); try again in ${verdict.retryAfterSeconds} s`,
      });
    }
    return next();
  });
}

// ---- Procedures. ----
export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(mapAppErrors).use(sameOriginMutations);
export const memberProcedure = publicProcedure.use(requireRole("member"));
export const stewardProcedure = publicProcedure.use(requireRole("steward"));
export const adminProcedure = publicProcedure.use(requireRole("admin"));

import {
  type SimulationInputs,
  simulationInputsSchema,
} from "../../../simulations/simulation/simulation-inputs.ts";
import type { ServerConfig } from "../../config.ts";
import { AppError } from "../../errors/app-error.ts";

/** Run size for models without the shared-risk-array fast path (e.g. derive-pm2). */
export const PER_ACCOUNT_MODEL_LIMITS = { accounts: 300, paths: 20 };

export type RunOverrides = { accounts?: number; paths?: number; seed?: number; windows?: string[] };

/**
 * The simulation inputs for comparing the live set with a proposed one. Overrides (a member queuing another seed
 * or a larger population) are held to the server's limits, so nobody can occupy the workers for hours.
 */
export function buildRunInputs(args: {
  live: { model: string; params: unknown };
  proposed: { model: string; params: unknown };
  config: ServerConfig;
  overrides?: RunOverrides;
}): SimulationInputs {
  const { config, overrides = {} } = args;
  // Only span-grid has the fast path (risk arrays shared by all accounts); other models margin account by account,
  // hundreds of times slower, so their runs are held to a size that finishes in minutes.
  const fastPath = args.live.model === "span-grid" && args.proposed.model === "span-grid";
  const maxAccounts = Math.min(
    config.runLimits.maxAccounts,
    fastPath ? Infinity : PER_ACCOUNT_MODEL_LIMITS.accounts,
  );
  const maxPaths = Math.min(config.runLimits.maxPaths, fastPath ? Infinity : PER_ACCOUNT_MODEL_LIMITS.paths);
  const accounts = overrides.accounts ?? Math.min(config.runDefaults.accounts, maxAccounts);
  const paths = overrides.paths ?? Math.min(config.runDefaults.paths, maxPaths);
  if (accounts > maxAccounts) {
    throw new AppError("INVALID_INPUT", `accounts: at most ${maxAccounts} per run for these models`, {
      field: "accounts",
    });
  }
  if (paths > maxPaths) {
    throw new AppError("INVALID_INPUT", `paths: at most ${maxPaths} per run for these models`, {
      field: "paths",
    });
  }
  const parsed = simulationInputsSchema.safeParse({
    live: { ...(args.live.params as object), model: args.live.model },
    proposed: { ...(args.proposed.params as object), model: args.proposed.model },
    accounts,
    paths,
    seed: overrides.seed ?? 1,
    ...(overrides.windows ? { windows: overrides.windows } : {}),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join(".");
    throw new AppError("INVALID_INPUT", `${field}: ${issue.message}`, { field });
  }
  return parsed.data;
}

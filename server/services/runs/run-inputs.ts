import {
  type SimulationInputs,
  simulationInputsSchema,
} from "../../../simulations/simulation/simulation-inputs.ts";
import type { ServerConfig } from "../../config.ts";
import { AppError } from "../../errors/app-error.ts";

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
  const accounts = overrides.accounts ?? config.runDefaults.accounts;
  const paths = overrides.paths ?? config.runDefaults.paths;
  if (accounts > config.runLimits.maxAccounts) {
    throw new AppError("INVALID_INPUT", `accounts: at most ${config.runLimits.maxAccounts} per run`, {
      field: "accounts",
    });
  }
  if (paths > config.runLimits.maxPaths) {
    throw new AppError("INVALID_INPUT", `paths: at most ${config.runLimits.maxPaths} per run`, {
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

import { formatPath } from "../../../simulations/errors.ts";
import { hashCanonical } from "../../../simulations/hashing/canonical-json.ts";
import { RECOMMENDATION_ENGINE_VERSION } from "../../../simulations/recommend/recommendation-report.ts";
import { prepareSearch, SearchSpecError } from "../../../simulations/recommend/search-spec.ts";
import type { ServerConfig } from "../../config.ts";
import type { Db } from "../../db/connect.ts";
import { AppError } from "../../errors/app-error.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { JobQueue } from "../../jobs/job-queue.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { requireLiveParameterSet } from "../parameters/live-parameter-set.ts";
import { PER_ACCOUNT_MODEL_LIMITS } from "../runs/run-inputs.ts";

/** Candidate evaluations a search may plan at most (screened and full), so one request cannot hold the workers for days. */
export const MAX_SEARCH_CANDIDATES = 512;

/**
 * Starts a search against the live set: the spec is validated by the engine (a bad spec creates nothing and names
 * its field), its full evaluation defaults to a proposal's run (size, seed, frontier) and is held to the server's
 * run limits.
 */
export async function startSearch(
  deps: { db: Db; config: ServerConfig; jobs: JobQueue },
  actor: { address: string },
  input: { spec: Record<string, unknown> },
) {
  const live = await requireLiveParameterSet(deps.db);
  const liveSet = { ...(live.params as object), model: live.model };
  const fastPath = live.model === "span-grid";
  const maxAccounts = Math.min(
    deps.config.runLimits.maxAccounts,
    fastPath ? Infinity : PER_ACCOUNT_MODEL_LIMITS.accounts,
  );
  const maxPaths = Math.min(
    deps.config.runLimits.maxPaths,
    fastPath ? Infinity : PER_ACCOUNT_MODEL_LIMITS.paths,
  );
  const evaluation = (input.spec.evaluation ?? {}) as Record<string, unknown>;
  const spec = {
    ...input.spec,
    // By default a full evaluation is exactly the run a proposal made from it would queue (buildRunInputs: the
    // server's run size, seed 1, the default frontier), so that its stored report is reused, not recomputed.
    evaluation: {
      seed: 1,
      frontier: {},
      ...evaluation,
      accounts: evaluation.accounts ?? Math.min(deps.config.runDefaults.accounts, maxAccounts),
      paths: evaluation.paths ?? Math.min(deps.config.runDefaults.paths, maxPaths),
    },
  };
  let prepared: ReturnType<typeof prepareSearch>;
  try {
    prepared = prepareSearch({ live: liveSet, spec });
  } catch (e) {
    if (e instanceof SearchSpecError) {
      const field = formatPath(e.path);
      throw new AppError("INVALID_INPUT", e.message, { field });
    }
    throw e;
  }
  const full = prepared.inputs(prepared.base, "full");
  if (full.accounts > maxAccounts) {
    throw new AppError("INVALID_INPUT", `evaluation.accounts: at most ${maxAccounts} on this server`, {
      field: "evaluation.accounts",
    });
  }
  if (full.paths > maxPaths) {
    throw new AppError("INVALID_INPUT", `evaluation.paths: at most ${maxPaths} on this server`, {
      field: "evaluation.paths",
    });
  }
  const { effort } = prepared.spec;
  const planned = effort.maxScreened + effort.finalists + 2 * prepared.dims.length;
  if (planned > MAX_SEARCH_CANDIDATES) {
    throw new AppError(
      "INVALID_INPUT",
      `effort: plans up to ${planned} candidate evaluations; at most ${MAX_SEARCH_CANDIDATES} on this server`,
      { field: "effort.maxScreened" },
    );
  }
  const inputs = { live: prepared.live, search: prepared.spec };
  const search = await deps.db.$transaction(async (tx) => {
    const created = await tx.recommendationSearch.create({
      data: {
        requestedBy: actor.address,
        baseVersion: live.version,
        live: prepared.live as unknown as Prisma.InputJsonObject,
        spec: prepared.spec as unknown as Prisma.InputJsonObject,
        inputsHash: hashCanonical(inputs),
        engineVersion: RECOMMENDATION_ENGINE_VERSION,
        total: planned,
      },
    });
    await recordAuditEvent(tx, {
      actor: actor.address,
      action: "recommendation.queued",
      entity: "recommendation",
      entityId: created.id,
      data: { inputsHash: created.inputsHash, appetite: prepared.appetite.id },
    });
    return created;
  });
  await deps.jobs.notifySearch?.(search.id);
  return search;
}

import { privateKeyToAccount } from "viem/accounts";
import { listPresets } from "../../../simulations/models/registry.ts";
import { runSimulation } from "../../../simulations/simulation/run-simulation.ts";
import type { ServerConfig } from "../../config.ts";
import type { Db } from "../../db/connect.ts";
import type { JobQueue } from "../../jobs/job-queue.ts";
import { addComment } from "../comments/add-comment.ts";
import { demoWallets } from "../demo/demo-wallets.ts";
import { enactParameterSet } from "../parameters/enact-parameter-set.ts";
import { createDraft } from "../proposals/drafts.ts";
import { publishProposal } from "../proposals/lifecycle.ts";
import { endorsementRequest, endorseProposal } from "../proposals/review-actions.ts";
import { executeRun } from "../runs/execute-run.ts";
import { demoProposals } from "./demo-proposals.ts";

/**
 * Seed runs are small so `npm start` on a fresh clone is ready in seconds; members can queue larger ones. Models
 * without span-grid's shared risk arrays margin account by account, about a hundred times slower: smaller still.
 */
const SEED_RUN = { accounts: 300, paths: 10 };
const SEED_RUN_PER_ACCOUNT_MODEL = { accounts: 100, paths: 4 };

/**
 * A new installation: the genesis parameter set (the preset SEED_PRESET names), and, where the database carries the
 * demo data (config.demoData: the embedded database, or SEED_DEMO_DATA=on), what lets a new user see a working
 * platform at once: the demo wallets as members / steward / admin, and two published proposals written for that
 * model, whose impact reports were computed by the real engine (one endorsed by a member, with discussion). A
 * deployment without demo data starts with only the admins and stewards it configures. Runs only on an empty
 * database.
 */
export async function seedDemoDataIfEmpty(
  db: Db,
  config: ServerConfig,
  log: (line: string) => void = () => {},
) {
  if ((await db.parameterSetVersion.count()) > 0) return false;
  const preset = listPresets().find((p) => p.id === config.seedPreset);
  if (!preset) throw new Error(`unknown parameter preset "${config.seedPreset}"`);
  const params = preset.params as Record<string, unknown>;
  await enactParameterSet(db, {
    model: preset.model,
    params,
    enactedBy: "genesis",
    note: `Genesis: ${preset.title}. ${preset.description}`,
  });
  if (!config.demoData) {
    log("seed: genesis parameter set only (no demo data: admins come from ADMIN_ADDRESSES)");
    return true;
  }
  const wallets = demoWallets();
  for (const w of wallets) {
    await db.user.create({ data: { address: w.address, role: w.role, roleGrantedBy: "seed" } });
  }
  const [steward, memberA, memberB] = wallets;
  if (!steward || !memberA || !memberB) throw new Error("the demo wallets are missing");

  // Runs queued by publishing are executed right here, through the same code as the job runners.
  const queued: string[] = [];
  const jobs: JobQueue = { notify: async (runId) => void queued.push(runId) };
  const seedConfig: ServerConfig = {
    ...config,
    runDefaults: preset.model === "span-grid" ? SEED_RUN : SEED_RUN_PER_ACCOUNT_MODEL,
  };
  const authors = [steward, memberA];
  const proposals = demoProposals(preset.model, params).map(({ author, ...p }) => ({
    ...p,
    author: authors[author]!,
  }));
  const published: string[] = [];
  for (const p of proposals) {
    const draft = await createDraft(db, p.author.address, p);
    await publishProposal({ db, config: seedConfig, jobs }, p.author.address, draft.id);
    published.push(draft.id);
    log(`seed: proposal #${draft.number} published`);
  }
  for (const runId of queued) {
    await executeRun(db, runId, {
      workerId: "seed",
      backingEndorsements: config.backingEndorsements,
      compute: (inputs, opts) => runSimulation(inputs, opts),
    });
    log(`seed: run ${runId} finished`);
  }

  const [first, second] = published as [string, string];
  const typed = await endorsementRequest(db, first, config.chainId);
  const signature = await privateKeyToAccount(memberB.privateKey).signTypedData(typed);
  await endorseProposal(
    db,
    memberB.address,
    { proposalId: first, signature },
    { chainId: config.chainId, backingEndorsements: config.backingEndorsements },
  );
  const question = await addComment(db, memberB.address, {
    proposalId: second,
    body: "How much of the bad debt in **2022-11-ftx** comes from market makers versus directional traders?",
  });
  await addComment(db, memberA.address, {
    proposalId: second,
    parentId: question.id,
    body: "Most of it is market makers' short strangles; see the liquidations chart for that window.",
  });
  return true;
}

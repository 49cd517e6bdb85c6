import { privateKeyToAccount } from "viem/accounts";
import { SPAN_GRID_DEFAULTS } from "../../../simulations/models/span-grid/params.ts";
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

/** Seed runs are small so `npm start` on a fresh clone is ready in seconds; members can queue larger ones. */
const SEED_RUN = { accounts: 300, paths: 10 };

/**
 * Demo data for a new installation, so a new user sees a working platform at once: the genesis parameter set,
 * the demo wallets as members / steward / admin, and two published proposals whose impact reports were computed
 * by the real engine (one endorsed by a member, with discussion). Runs only on an empty database.
 */
export async function seedDemoDataIfEmpty(
  db: Db,
  config: ServerConfig,
  log: (line: string) => void = () => {},
) {
  if ((await db.parameterSetVersion.count()) > 0) return false;
  await enactParameterSet(db, {
    model: "span-grid",
    params: SPAN_GRID_DEFAULTS,
    enactedBy: "genesis",
    note: "Genesis: the generic SPAN-style grid model with its default parameters.",
  });
  const wallets = demoWallets();
  for (const w of wallets) {
    await db.user.create({ data: { address: w.address, role: w.role, roleGrantedBy: "seed" } });
  }
  const [steward, memberA, memberB] = wallets;
  if (!steward || !memberA || !memberB) throw new Error("the demo wallets are missing");

  // Runs queued by publishing are executed right here, through the same code as the job runners.
  const queued: string[] = [];
  const jobs: JobQueue = { notify: async (runId) => void queued.push(runId) };
  const seedConfig: ServerConfig = { ...config, runDefaults: SEED_RUN };
  const proposals = [
    {
      author: steward,
      title: "Widen the price scan range to ±18% after the 2024 yen-carry unwind",
      rationale:
        "On 2024-08-05 BTC fell about 15% intraday, right at the edge of our ±15% scan range. Widening the range to ±18% keeps a margin of safety against a repeat, at a modest cost in capital efficiency. The impact report below shows what it costs and what it saves.",
      changes: { priceScanRange: 0.18 },
    },
    {
      author: memberA,
      title: "Cut the vol shocks to 20% to free capital for market makers",
      rationale:
        "Market makers run delta-hedged short strangles whose margin is dominated by the vol-up scenario. Cutting the vol shocks from 30% to 20% frees capital and should tighten quotes. Reviewers: check the bad debt in the 2022 windows before endorsing.",
      changes: { volShockUp: 0.2, volShockDown: 0.2 },
    },
  ];
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

import { describe, expect, it } from "vitest";
import {
  assertWithinSnapshotLimits,
  SNAPSHOT_LIMITS,
  snapshotLimitProblem,
} from "../../server/services/snapshot/limits.ts";
import {
  buildProposalBody,
  type ProposalBodyInput,
  reproduceCommandOf,
} from "../../server/services/snapshot/proposal-body.ts";
import type { ProposalMessage } from "../../server/services/snapshot/typed-data.ts";

const side = (o: {
  im: number;
  liquidated: number;
  insolvent: number;
  mean: number;
  es: number;
  worst: number;
  coverage: number;
  ftx: number;
}) => ({
  totalInitialMargin: o.im,
  totalStandardMargin: 200_000_000,
  marginRatio: o.im / 200_000_000,
  accountsLiquidated: o.liquidated,
  accountsLiquidatedShare: o.liquidated / 300,
  accountsInsolvent: o.insolvent,
  accountsInsolventShare: o.insolvent / 300,
  badDebtMonteCarloMeanPerPath: o.mean,
  badDebtMonteCarloEs99: o.es,
  badDebtWorstWindow: o.worst,
  coverage: o.coverage,
  windows: {
    "2022-11-ftx": { badDebtMeanPerPath: o.ftx },
    "monte-carlo": { badDebtMeanPerPath: o.mean },
  },
});

const report = {
  reportHash: "a".repeat(64),
  inputsHash: "b".repeat(64),
  engineVersion: "engine-1.2.0",
  body: {
    reportHash: "a".repeat(64),
    inputs: { horizonDays: 30, backtestConfidence: 0.99 },
    results: {
      live: side({
        im: 120_000_000,
        liquidated: 14,
        insolvent: 3,
        mean: 40_000,
        es: 1_200_000,
        worst: 714_900_000,
        coverage: 0.991,
        ftx: 900_000,
      }),
      proposed: side({
        im: 105_600_000,
        liquidated: 20,
        insolvent: 5,
        mean: 90_000,
        es: 2_600_000,
        worst: 1_002_300_000,
        coverage: 0.978,
        ftx: 2_000_000,
      }),
    },
  },
};

const input = (over: Partial<ProposalBodyInput["proposal"]> = {}): ProposalBodyInput => ({
  proposal: {
    number: 12,
    title: "Narrow the scan range",
    rationale: "Margin is too conservative for hedged books.",
    model: "span-grid",
    baseVersion: 3,
    diff: [
      { path: "priceScanRange", from: 0.15, to: 0.12, label: "Price scan range", unit: "" },
      { path: "collateralHaircuts.ETH", from: 0.08, to: 0.1, label: "Collateral haircut (ETH)", unit: "" },
    ],
    diffHash: "c".repeat(64),
    ...over,
  },
  report,
  permalink: "https://marginlab.example/proposals/12",
  reproduceCommand: "npm run -s marginlab -- verify marginlab-proposal-12-report-aaaaaaaaaaaa.json",
});

describe("Snapshot proposal body", () => {
  it("carries the diff, the headline metrics live vs proposed, chart links, the report hash and the CLI command", () => {
    const body = buildProposalBody(input());
    expect(body).toContain("| Price scan range (`priceScanRange`) | `0.15` | `0.12` |");
    expect(body).toContain("| Initial margin held | $120.00M | $105.60M | -$14.40M (-12.0%) |");
    expect(body).toContain(
      "| Bad debt 99% ES over 30 days across Monte Carlo paths | $1.20M | $2.60M | +$1.40M (+116.7%) |",
    );
    // Rounding never hides a change: both sides in the same unit and precision.
    expect(body).toContain("| Bad debt in the worst historical window | $714.90M | $1002.30M |");
    expect(body).toContain("| Accounts insolvent | 3 | 5 | +2 |");
    expect(body).toContain("| Backtest coverage (target 99%) | 99.10% | 97.80% | -1.30 pp |");
    // Every headline metric's definition and base follows the table.
    expect(body).toContain(
      "- **Bad debt 99% ES over 30 days across Monte Carlo paths**: The average bad debt in the worst 1% of Monte Carlo paths (Expected Shortfall). _Base: per Monte Carlo path of 30 days._",
    );
    expect(body).toContain("| 2022-11-ftx | $900.0k | $2000.0k |");
    expect(body).toContain("](https://marginlab.example/proposals/12#frontier-heading)");
    expect(body).toContain(`Report hash: \`${"a".repeat(64)}\``);
    expect(body).toContain("npm run -s marginlab -- verify marginlab-proposal-12-report-aaaaaaaaaaaa.json");
    expect(body.length).toBeLessThanOrEqual(SNAPSHOT_LIMITS.bodyChars);
  });

  it("stays within Snapshot's body limit: the rationale is shortened first, then the diff's tail, never the hashes", () => {
    const long = buildProposalBody(input({ rationale: "Because. ".repeat(5_000) }));
    expect(long.length).toBeLessThanOrEqual(SNAPSHOT_LIMITS.bodyChars);
    expect(long).toContain("continued on the permalink: https://marginlab.example/proposals/12");
    expect(long).toContain("a".repeat(64));

    const manyChanges = Array.from({ length: 400 }, (_, i) => ({
      path: `collateralHaircuts.TOKEN${i}`,
      from: 0.1,
      to: 0.2,
    }));
    const wide = buildProposalBody(input({ rationale: "r".repeat(3_000), diff: manyChanges }));
    expect(wide.length).toBeLessThanOrEqual(SNAPSHOT_LIMITS.bodyChars);
    expect(wide).toMatch(/… and \d+ more changes \| see the permalink/);
    expect(wide).toContain("npm run -s marginlab -- verify");

    // A smaller limit is honoured the same way.
    expect(
      buildProposalBody({ ...input({ rationale: "z".repeat(4_000) }), limit: 3_500 }).length,
    ).toBeLessThanOrEqual(3_500);
  });

  it("says so when the report has no headline metrics instead of inventing any", () => {
    const body = buildProposalBody({ ...input(), report: { ...report, body: { reportHash: "x" } } });
    expect(body).toContain("The report has no headline metrics");
  });
});

describe("the reproducing CLI commands", () => {
  it("verify the downloaded report and recompute it with the run's options", () => {
    const text = reproduceCommandOf({
      proposalNumber: 12,
      reportHash: "abcdef1234567890",
      runId: "cmrun0123456789",
      runInputs: {
        accounts: 2000,
        paths: 50,
        seed: 1,
        horizonDays: 30,
        windows: ["2022-11-ftx", "2020-03-covid"],
      },
    });
    expect(text.split("\n")).toEqual([
      "npm run -s marginlab -- verify marginlab-proposal-12-report-abcdef123456.json",
      "npm run -s marginlab -- simulate --live run-cmrun01234-live.json --proposed run-cmrun01234-proposed.json --accounts 2000 --paths 50 --seed 1 --horizon-days 30 --windows 2022-11-ftx 2020-03-covid --out report.json",
    ]);
    // Window names that could break out of the shell are left out.
    expect(
      reproduceCommandOf({
        proposalNumber: 1,
        reportHash: "h",
        runId: "r",
        runInputs: { windows: ["$(rm -rf ~)"] },
      }),
    ).not.toContain("rm -rf");
  });
});

describe("Snapshot limits, checked before signing", () => {
  const now = 1_800_000_000;
  const message = (over: Partial<ProposalMessage> = {}): ProposalMessage => ({
    from: "0x0000000000000000000000000000000000000001",
    space: "marginlab.eth",
    timestamp: now,
    type: "single-choice",
    title: "MarginLab #1: title",
    body: "body",
    discussion: "https://marginlab.example/proposals/1",
    choices: ["For", "Against", "Abstain"],
    labels: [],
    start: now,
    end: now + 3600,
    snapshot: 20_000_000,
    plugins: "{}",
    privacy: "",
    app: "marginlab",
    ...over,
  });

  it("passes a proposal within every limit", () => {
    expect(snapshotLimitProblem(message(), now)).toBeNull();
  });

  it.each([
    [{ title: "t".repeat(257) }, "title", /titles are limited to 256 characters; this one has 257/],
    [{ body: "b".repeat(10_001) }, "body", /bodies are limited to 10000 characters/],
    [
      { discussion: `https://x.example/${"p".repeat(250)}` },
      "discussion",
      /discussion link is limited to 256 characters/,
    ],
    [{ choices: [] }, "choices", /need 1 to 20 choices/],
    [{ choices: ["For", "x".repeat(257)] }, "choices", /each Snapshot choice must be 1 to 256 characters/],
    [{ end: 2_000_000_001 }, "end", /end must lie between 1000000000 and 2000000000/],
    [{ start: now, end: now - 10 }, "end", /end before it starts/],
    [{ app: "a".repeat(25) }, "app", /app name is limited to 24 characters/],
  ] as const)("names the limit: %o", (over, field, text) => {
    const problem = snapshotLimitProblem(message(over as Partial<ProposalMessage>), now);
    expect(problem?.field).toBe(field);
    expect(problem?.message).toMatch(text);
    expect(() => assertWithinSnapshotLimits(message(over as Partial<ProposalMessage>), now)).toThrow(text);
  });

  it("refuses a vote that would already be over", () => {
    expect(snapshotLimitProblem(message({ start: now - 7200, end: now - 3600 }), now)?.message).toMatch(
      /end must be in the future/,
    );
  });
});

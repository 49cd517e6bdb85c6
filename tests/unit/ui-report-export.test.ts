import { beforeAll, describe, expect, it } from "vitest";
import { cliCommands } from "@/app/lib/cli-commands.ts";
import { formatUsdPair } from "@/app/lib/format.ts";
import { reportMarkdown } from "@/app/lib/report-markdown.ts";
import { metricChange, verdictSentence } from "@/app/lib/report-verdict.ts";
import {
  type ReportView,
  reportView,
  riskGrid,
  simulationRevision,
} from "@/server/services/reports/report-view.ts";
import { HEADLINE_METRICS, METRIC_CATALOGUE } from "@/simulations/report/metric-catalogue.ts";
import { runSimulation } from "@/simulations/simulation/run-simulation.ts";

// A real (tiny) report, so the adapter is tested against what the simulation writes today.
let body: Record<string, unknown>;
let view: ReportView;
beforeAll(async () => {
  body = (await runSimulation(
    {
      live: { model: "span-grid" },
      proposed: { model: "span-grid", priceScanRange: 0.1 },
      accounts: 12,
      paths: 2,
      windows: ["2022-11-ftx"],
      seed: 3,
    },
    { threads: 1 },
  )) as unknown as Record<string, unknown>;
  view = reportView(body);
}, 120_000);

describe("reportView", () => {
  it("reads the catalogue's headline numbers, windows, series and charts' data of a real report", () => {
    expect(view.reportHash).toBe(body.reportHash);
    expect(view.legacy).toBeNull();
    // The one headline list, in the catalogue's order (those the report has).
    expect(view.metrics.map((m) => m.id)).toEqual(
      HEADLINE_METRICS.filter((k) => view.metrics.some((m) => m.id === k)),
    );
    expect(view.metrics.map((m) => m.id)).toEqual(
      expect.arrayContaining([
        "totalInitialMargin",
        "badDebtMonteCarloEs99",
        "accountsInsolvent",
        "coverage",
      ]),
    );
    const es = view.metrics.find((m) => m.id === "badDebtMonteCarloEs99");
    expect(es?.label).toBe("Bad debt 99% ES over 30 days across Monte Carlo paths");
    expect(es?.description).toMatch(/worst 1% of Monte Carlo paths/);
    expect(view.metrics.find((m) => m.id === "totalInitialMargin")?.base).toMatch(/one moment/);
    const insolvent = view.metrics.find((m) => m.id === "accountsInsolvent");
    expect(insolvent?.live).toBeLessThanOrEqual(12);
    expect(insolvent?.share?.live).toBeCloseTo((insolvent?.live ?? 0) / 12, 12);
    const ftx = view.windows.find((w) => w.id === "2022-11-ftx");
    expect(ftx?.label).toBe("FTX collapse");
    expect(ftx?.series?.dates.length).toBeGreaterThan(10);
    expect(ftx?.series?.live.margin?.length).toBe(ftx?.series?.dates.length);
    expect(view.distribution?.bins.length).toBe(view.distribution?.series[0]?.counts.length);
    expect(view.riskArrays.length).toBeGreaterThan(0);
    expect(view.frontier?.points.length).toBeGreaterThan(1);
    // The frontier's live mark is the headline's margin (one moment), not a sum over windows.
    expect(view.frontier?.live?.x).toBe(view.metrics.find((m) => m.id === "totalInitialMargin")?.live);
    expect(view.today?.metrics.length).toBe(3);
    const all = view.backtests.find((b) => b.id === "all");
    expect(all?.live?.zone).toMatch(/^(green|yellow|red)$/);
    expect(all?.live?.greenMax).toBeGreaterThanOrEqual(0);
  });

  it("the report holds every catalogue metric of its scope, as a number or null", () => {
    const results = body.results as Record<string, Record<string, unknown>>;
    for (const side of ["live", "proposed"]) {
      const totals = results[side]!;
      const groups = Object.values(totals.windows as Record<string, unknown>);
      for (const m of METRIC_CATALOGUE) {
        const isNumberOrNull = (o: unknown) => {
          const v = (m.path ?? [m.key]).reduce<unknown>((x, p) => (x as Record<string, unknown>)?.[p], o);
          return v === null || typeof v === "number";
        };
        if (m.scope !== "group") expect(isNumberOrNull(totals), `${side}.${m.key}`).toBe(true);
        if (m.scope !== "total")
          for (const g of groups) expect(isNumberOrNull(g), `${side} group ${m.key}`).toBe(true);
      }
    }
  });

  it("leaves out what a report does not have instead of failing", () => {
    const empty = reportView({
      reportHash: "ab",
      engineVersion: "0.1.0+sim3.abcd1234",
      results: { live: { badDebtWorstWindow: 1 }, proposed: {} },
    });
    expect(empty.metrics.map((m) => m.id)).toEqual(["badDebtWorstWindow"]);
    expect(empty.windows).toEqual([]);
    expect(empty.frontier).toBeNull();
    expect(empty.distribution).toBeNull();
    expect(reportView(null).metrics).toEqual([]);
    expect(reportView({ frontier: { unavailable: "no values" } }).frontier).toBeNull();
  });

  it("shows a report of an engine whose metrics meant something else with a message, not beside today's numbers", () => {
    const old = reportView({
      engineVersion: "0.1.0+sim2.abcd1234",
      results: { live: { badDebt: 5, accountsLiquidated: 6573 }, proposed: { badDebt: 4 } },
    });
    expect(old.legacy?.message).toMatch(
      /engine version 0\.1\.0\+sim2\.abcd1234.*defined differently.*Re-run/,
    );
    expect(old.metrics).toEqual([]);
    expect(old.backtests).toEqual([]);
    expect(simulationRevision("0.1.0+sim3.abcd1234")).toBe(3);
  });

  it("lays scenario losses out as a vol x price grid", () => {
    const g = riskGrid([
      { priceShock: -0.1, volShock: 0.3, loss: 5 },
      { priceShock: 0.1, volShock: 0.3, loss: 2 },
      { priceShock: -0.1, volShock: -0.3, loss: 1 },
      { priceShock: -0.3, volShock: 0, loss: 9 },
    ]);
    expect(g?.priceShocks).toEqual([-0.3, -0.1, 0.1]);
    expect(g?.volShocks).toEqual([0.3, 0, -0.3]);
    expect(g?.losses[0]).toEqual([Number.NaN, 5, 2]);
    expect(g?.losses[1]).toEqual([9, Number.NaN, Number.NaN]);
  });
});

describe("the verdict and the Markdown export", () => {
  it("says the change in words", () => {
    const v: ReportView = {
      ...reportView({}),
      metrics: [
        {
          id: "totalInitialMargin",
          label: "Initial margin held",
          kind: "usd",
          live: 100e6,
          proposed: 112e6,
          higherIsWorse: null,
        },
        {
          id: "badDebtMonteCarloEs99",
          label: "ES",
          kind: "usd",
          live: 2.4e6,
          proposed: 1e6,
          higherIsWorse: true,
        },
        {
          id: "accountsInsolvent",
          label: "Insolvent",
          kind: "count",
          live: 7,
          proposed: 3,
          higherIsWorse: true,
        },
      ],
    };
    expect(verdictSentence(v)).toBe(
      "margin +12% (+$12M), bad debt 99% ES \u2212$1.4M, insolvent accounts 7 \u2192 3",
    );
  });

  it("gives a change as a signed difference: counts, ratios, shares in points, amounts held in % and USD", () => {
    const m = (kind: "count" | "ratio" | "fraction" | "usd", live: number, proposed: number) => ({
      id: "x",
      kind,
      live,
      proposed,
      higherIsWorse: null,
    });
    expect(metricChange(m("count", 125, 116))).toBe("\u22129 (\u22127.2%)");
    expect(metricChange(m("ratio", 0.459, 0.555))).toBe("+0.096");
    expect(metricChange(m("fraction", 0.9801, 0.9861))).toBe("+0.60 pp");
    expect(metricChange(m("usd", 11.9e6, 14.4e6))).toBe("+21% (+$2.5M)");
    expect(metricChange({ ...m("usd", 36_572, 11_764), higherIsWorse: true })).toBe("\u2212$24,808");
  });

  it("formats both sides so that rounding never hides a change", () => {
    expect(formatUsdPair(714.9e6, 1.0023e9)).toEqual(["$714.9M", "$1,002.3M"]);
    expect(formatUsdPair(1_204_000, 1_206_000)).toEqual(["$1.20M", "$1.21M"]);
    expect(formatUsdPair(1_204_100, 1_204_400)).toEqual(["$1.2041M", "$1.2044M"]);
    expect(formatUsdPair(50_000, 100e6)).toEqual(["$0.050M", "$100.000M"]);
    expect(formatUsdPair(1234, 1250)).toEqual(["$1,234", "$1,250"]);
  });

  it("exports the proposal, the numbers and how to reproduce them, escaping table cells", () => {
    const md = reportMarkdown({
      proposal: {
        number: 7,
        title: "Widen | the range",
        state: "backed",
        author: "0xabc",
        baseVersion: 1,
        rationale: "Because **2024-08-05**.",
        diff: [
          {
            path: "priceScanRange",
            label: "Price scan range",
            unit: "fraction of spot",
            from: 0.15,
            to: 0.18,
          },
        ],
        diffHash: "d1",
        endorsements: [
          { address: "0xbob", reportHash: "r".repeat(64), createdAt: new Date("2026-11-26T00:00:00Z") },
        ],
        reviews: [
          { steward: "0xst", verdict: "approve", comment: "ok", createdAt: new Date("2026-11-26T00:00:00Z") },
        ],
        backing: { endorsements: 2, needed: 2, stewardApproved: true, backed: true },
      },
      view,
      run: { id: "run1", inputsHash: "ih", engineVersion: "ev" },
      permalink: "https://marginlab.example/proposals/7",
      cli: cliCommands({
        inputs: { accounts: 12, paths: 2, seed: 3, windows: ["2022-11-ftx"] },
        liveFile: "l.json",
        proposedFile: "p.json",
        reportFile: "r.json",
      }),
    });
    expect(md).toContain("# #7: Widen | the range");
    expect(md).toContain("| Price scan range (`priceScanRange`) | 0.15 (15%) | 0.18 (18%) | +20% |");
    expect(md).toContain("**Verdict:** margin");
    expect(md).toContain("| FTX collapse (2022-10-26 to 2022-11-30) |");
    expect(md).toContain("| Bad debt 99% ES over 30 days across Monte Carlo paths |");
    expect(md).toContain("### Backtest (Basel traffic light; Kupiec and Christoffersen as detail)");
    expect(md).toContain(`- Report hash: \`${view.reportHash}\``);
    expect(md).toContain(
      "npm run -s marginlab -- simulate --live l.json --proposed p.json --accounts 12 --paths 2 --seed 3 --windows 2022-11-ftx --out report.json",
    );
    expect(md).toContain("npm run -s marginlab -- verify r.json");
    expect(md).toContain("2 of 2 endorsements; steward approved; backed.");
  });
});

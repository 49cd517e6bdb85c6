import { beforeAll, describe, expect, it } from "vitest";
import { cliCommands } from "@/app/lib/cli-commands.ts";
import { reportMarkdown } from "@/app/lib/report-markdown.ts";
import { verdictSentence } from "@/app/lib/report-verdict.ts";
import { type ReportView, reportView, riskGrid } from "@/server/services/reports/report-view.ts";
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
  it("reads the headline numbers, windows, series and charts' data of a real report", () => {
    expect(view.reportHash).toBe(body.reportHash);
    const ids = view.metrics.map((m) => m.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        "totalInitialMargin",
        "totalStandardMargin",
        "badDebt",
        "breaches",
        "coverage",
      ]),
    );
    expect(view.metrics.find((m) => m.id === "totalInitialMargin")?.description).toMatch(/Initial margin/);
    const ftx = view.windows.find((w) => w.id === "2022-11-ftx");
    expect(ftx?.label).toBe("FTX collapse");
    expect(ftx?.series?.dates.length).toBeGreaterThan(10);
    expect(ftx?.series?.live.margin?.length).toBe(ftx?.series?.dates.length);
    expect(view.distribution?.bins.length).toBe(view.distribution?.series[0]?.counts.length);
    expect(view.riskArrays.length).toBeGreaterThan(0);
    expect(view.frontier?.points.length).toBeGreaterThan(1);
    expect(view.frontier?.live).toBeDefined();
    expect(view.today?.metrics.length).toBe(3);
  });

  it("leaves out what a report does not have instead of failing", () => {
    const empty = reportView({ reportHash: "ab", results: { live: { badDebt: 1 }, proposed: {} } });
    expect(empty.metrics.map((m) => m.id)).toEqual(["badDebt"]);
    expect(empty.windows).toEqual([]);
    expect(empty.frontier).toBeNull();
    expect(empty.distribution).toBeNull();
    expect(reportView(null).metrics).toEqual([]);
    expect(reportView({ frontier: { unavailable: "no values" } }).frontier).toBeNull();
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
          label: "Total initial margin",
          kind: "usd",
          live: 100e6,
          proposed: 88e6,
          higherIsWorse: null,
        },
        { id: "protocolLossEs99", label: "ES", kind: "usd", live: 1e6, proposed: 2.4e6, higherIsWorse: true },
        { id: "breaches", label: "Breaches", kind: "count", live: 3, proposed: 7, higherIsWorse: true },
      ],
      windows: [
        {
          id: "2022-11-ftx",
          label: "FTX collapse",
          live: { badDebt: 0, breaches: 1, liquidated: 0, insolvent: 0, margin: 0, coverage: 1 },
          proposed: { badDebt: 0, breaches: 5, liquidated: 0, insolvent: 0, margin: 0, coverage: 1 },
        },
      ],
    };
    expect(verdictSentence(v)).toBe(
      "margin \u221212%, 99% ES bad debt +$1.4M, breaches 3 \u2192 7 (most in 2022-11-ftx: 1 \u2192 5)",
    );
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
    expect(md).toContain(`- Report hash: \`${view.reportHash}\``);
    expect(md).toContain(
      "npm run -s marginlab -- simulate --live l.json --proposed p.json --accounts 12 --paths 2 --seed 3 --windows 2022-11-ftx --out report.json",
    );
    expect(md).toContain("npm run -s marginlab -- verify r.json");
    expect(md).toContain("2 of 2 endorsements; steward approved; backed.");
  });
});

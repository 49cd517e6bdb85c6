import { describe, expect, it } from "vitest";
import { reportHeadline } from "@/server/services/reports/report-headline.ts";
import { reportView } from "@/server/services/reports/report-view.ts";

const view = (
  live: Record<string, number>,
  proposed: Record<string, number>,
  engineVersion = "0.1.0+sim3.ab",
) => reportView({ engineVersion, results: { live, proposed } });

describe("reportHeadline (the proposals list's verdict)", () => {
  it("weighs the margin held against the first headline risk the report has", () => {
    const h = reportHeadline(
      view(
        { totalInitialMargin: 100, badDebtMonteCarloEs99: 50, accountsInsolvent: 3 },
        { totalInitialMargin: 120, badDebtMonteCarloEs99: 20, accountsInsolvent: 5 },
      ),
    );
    expect(h.verdict).toBe("safer-and-costlier");
    expect(h.margin).toEqual({ live: 100, proposed: 120 });
    expect(h.risk).toMatchObject({ id: "badDebtMonteCarloEs99", live: 50, proposed: 20, kind: "usd" });
  });

  it("falls back to the worst window, then insolvent accounts; says when it cannot compare", () => {
    expect(
      reportHeadline(
        view(
          { totalInitialMargin: 100, accountsInsolvent: 3 },
          { totalInitialMargin: 90, accountsInsolvent: 4 },
        ),
      ),
    ).toMatchObject({ verdict: "riskier-and-cheaper", risk: { id: "accountsInsolvent", kind: "count" } });
    expect(
      reportHeadline(
        view(
          { totalInitialMargin: 100, badDebtWorstWindow: 7 },
          { totalInitialMargin: 100, badDebtWorstWindow: 7 },
        ),
      ).verdict,
    ).toBe("no-change");
    expect(reportHeadline(view({ totalInitialMargin: 100 }, { totalInitialMargin: 90 })).verdict).toBe(
      "not-comparable",
    );
    // A report of an older engine (sums over paths) is not compared.
    expect(reportHeadline(view({ badDebt: 1 }, { badDebt: 2 }, "0.1.0+sim2.ab"))).toEqual({
      verdict: "not-comparable",
      margin: null,
      risk: null,
    });
  });
});

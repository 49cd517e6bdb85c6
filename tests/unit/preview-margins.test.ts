import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors/app-error.ts";
import { latestMarket, previewMargins } from "@/server/services/proposals/preview-margins.ts";
import { SPAN_GRID_DEFAULTS } from "@/simulations/models/span-grid/params.ts";

const live = { model: "span-grid", params: { ...SPAN_GRID_DEFAULTS } as Record<string, unknown> };

describe("previewMargins", () => {
  it("reads today's spot and DVOL for BTC and ETH from the data files", () => {
    const market = latestMarket();
    expect(market.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const sym of ["BTC", "ETH"]) {
      expect(market.assets[sym]?.spot).toBeGreaterThan(0);
      expect(market.assets[sym]?.dvol).toBeGreaterThan(0.05);
    }
  });

  it("with no changes charges every representative account the same under both sets", () => {
    const { portfolios } = previewMargins({ live, changes: {} });
    expect(portfolios.length).toBeGreaterThanOrEqual(5);
    for (const p of portfolios) {
      expect(p.proposed).toEqual(p.live);
      expect(p.live.initial).toBeGreaterThan(0);
      expect(p.live.maintenance).toBeLessThanOrEqual(p.live.initial);
    }
  });

  it("a wider price scan range raises the margin of the short strangle", () => {
    const { portfolios } = previewMargins({ live, changes: { priceScanRange: 0.25 } });
    const strangle = portfolios.find((p) => p.id === "btc-short-strangle");
    expect(strangle?.proposed.initial).toBeGreaterThan(strangle?.live.initial ?? Number.POSITIVE_INFINITY);
  });

  it("computes a VaR add-on from the return history", () => {
    const { portfolios } = previewMargins({
      live,
      changes: { riskAddOn: "historical-es", riskAddOnMode: "additive" },
    });
    const perp = portfolios.find((p) => p.id === "eth-long-perp");
    expect(perp?.proposed.initial).toBeGreaterThan(perp?.live.initial ?? Number.POSITIVE_INFINITY);
  });

  it("names the field of an out-of-bounds change", () => {
    try {
      previewMargins({ live, changes: { priceScanRange: 3 } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).field).toBe("changes.priceScanRange");
    }
  });
});

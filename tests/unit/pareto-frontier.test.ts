import { describe, expect, it } from "vitest";
import { paretoFrontier } from "../../simulations/recommend/pareto.ts";

describe("paretoFrontier", () => {
  it("keeps the points no other point beats on both margin and insolvency", () => {
    const pts = [
      { id: "a", margin: 1, insolvency: 10 },
      { id: "b", margin: 2, insolvency: 5 },
      { id: "c", margin: 3, insolvency: 6 }, // beaten by b
      { id: "d", margin: 4, insolvency: 0 },
      { id: "e", margin: 5, insolvency: 0 }, // same insolvency as d at more margin
      { id: "f", margin: 1, insolvency: 12 }, // same margin as a, worse
    ];
    expect(paretoFrontier(pts)).toEqual(["a", "b", "d"]);
  });

  it("keeps points tied on both axes", () => {
    expect(
      paretoFrontier([
        { id: "x", margin: 1, insolvency: 1 },
        { id: "y", margin: 1, insolvency: 1 },
      ]),
    ).toEqual(["x", "y"]);
  });
});

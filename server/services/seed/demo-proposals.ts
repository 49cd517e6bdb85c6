/**
 * The proposals a new installation is seeded with, written for the model of its live set: a change must be one that
 * model's parameter set can take. `author` is an index into the demo wallets (0 the steward, 1 member A).
 */
import type { DerivePm2Scenario } from "../../../simulations/models/derive-pm2/params.ts";

export type DemoProposal = {
  author: 0 | 1;
  title: string;
  rationale: string;
  changes: Record<string, unknown>;
};

const SPAN_GRID: DemoProposal[] = [
  {
    author: 0,
    title: "Widen the price scan range to ±18% after the 2024 yen-carry unwind",
    rationale:
      "On 2024-08-05 BTC fell about 15% intraday, right at the edge of our ±15% scan range. Widening the range to ±18% keeps a margin of safety against a repeat, at a modest cost in capital efficiency. The impact report below shows what it costs and what it saves.",
    changes: { priceScanRange: 0.18 },
  },
  {
    author: 1,
    title: "Cut the vol shocks to 20% to free capital for market makers",
    rationale:
      "Market makers run delta-hedged short strangles whose margin is dominated by the vol-up scenario. Cutting the vol shocks from 30% to 20% frees capital and should tighten quotes. Reviewers: check the bad debt in the 2022 windows before endorsing.",
    changes: { volShockUp: 0.2, volShockDown: 0.2 },
  },
];

/** The live scenario list with its outermost regular moves two points further out (±18% becomes ±20%). */
function widenOuterMoves(scenarios: readonly DerivePm2Scenario[]): DerivePm2Scenario[] {
  const regular = scenarios.filter((s) => s.kind === "regular").map((s) => s.spotShock);
  const [lo, hi] = [Math.min(...regular), Math.max(...regular)];
  return scenarios.map((s) => {
    if (s.kind !== "regular" || (s.spotShock !== lo && s.spotShock !== hi)) return { ...s };
    // Rounded so the list reads 1.2, not 1.2000000000000002.
    const moved = Math.round((s.spotShock === hi ? s.spotShock + 0.02 : s.spotShock - 0.02) * 1e12) / 1e12;
    return { ...s, spotShock: moved };
  });
}

function derivePm2(live: Record<string, unknown>): DemoProposal[] {
  return [
    {
      author: 0,
      title: "Widen the outermost regular scenarios by two points after the 2024 yen-carry unwind",
      rationale:
        "On 2024-08-05 BTC fell about 15% intraday. Moving the two outermost scenarios of the regular grid two points further out keeps a margin of safety beyond that move, at a modest cost in capital efficiency. Only those two rows of the scenario list change.",
      changes: { scenarios: widenOuterMoves(live.scenarios as DerivePm2Scenario[]) },
    },
    {
      author: 1,
      title: "Lower the maintenance factor to 0.7 of the worst scenario loss",
      rationale:
        "Maintenance margin at 0.8 of the worst loss liquidates hedged books early in fast markets. A factor of 0.7 leaves more room before liquidation; reviewers should weigh it against the bad debt in the 2022 windows.",
      changes: { margin: { mmFactor: 0.7 } },
    },
  ];
}

export function demoProposals(model: string, live: Record<string, unknown>): DemoProposal[] {
  return model === "derive-pm2" ? derivePm2(live) : SPAN_GRID;
}

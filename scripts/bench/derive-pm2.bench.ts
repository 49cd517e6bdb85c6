// Derive PM2 margin evaluations per second for a 20-position Derive portfolio (Derive's published case
// 62: 20 options over 6 expiries, a perp and 6 collaterals) with all 31 scenarios, and the generic
// span-grid engine on the same options and perp for comparison, and derive-pm2 on those generic inputs
// through the model registry's adapter.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { computeMargin, parseMarketSnapshot, parsePortfolio } from "../../simulations/index.ts";
import { parseDeriveCase } from "../../simulations/models/derive-pm2/case-format.ts";
import { computeDerivePm2Margin } from "../../simulations/models/derive-pm2/margin.ts";
import { sviVol } from "../../simulations/models/derive-pm2/svi.ts";
import type { BenchRow, BenchSuite } from "./types.ts";

const CASE = fileURLToPath(
  new URL("../../tests/fixtures/derive-pm2/test_62_general_random_2.json", import.meta.url),
);
/** Evaluations per second we hold the model to: a 20-position account in well under a millisecond. */
const TARGET_PER_SEC = 2_000;

/** Runs `f` repeatedly for about `ms` milliseconds after a warm-up; returns calls per second. */
function perSecond(f: () => unknown, ms = 1_000): number {
  const warmEnd = performance.now() + ms / 4;
  while (performance.now() < warmEnd) f();
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 10; i++) f();
    n += 10;
    now = performance.now();
  }
  return (n * 1_000) / (now - start);
}

const fmt = (x: number) => `${Math.round(x).toLocaleString("en-US")} /s`;

const suite: BenchSuite = {
  title: "Derive PM2 margin (20-position portfolio, 31 scenarios)",
  async run(): Promise<BenchRow[]> {
    const c = parseDeriveCase(JSON.parse(readFileSync(CASE, "utf8")), CASE);
    const { input, params } = c;
    if (input.options.length !== 20) throw new Error(`expected 20 positions, found ${input.options.length}`);

    const trusted = perSecond(() => computeDerivePm2Margin(input, params, { trusted: true }));
    const validated = perSecond(() => computeDerivePm2Margin(input, params));

    // The same 20 options (at their SVI vols) and the perp, on the generic engine's inputs.
    const asOfMs = Date.UTC(2025, 0, 1);
    const market = parseMarketSnapshot({
      asOf: new Date(asOfMs).toISOString(),
      underlyings: { BTC: { spot: input.spot.price, vol: 0.6, rate: 0 } },
    });
    const feedBySec = new Map(input.feeds.map((f) => [f.secToExpiry, f]));
    const collateralUsd = input.cash + input.collaterals.reduce((s, k) => s + k.amount * k.price, 0);
    const portfolio = parsePortfolio({
      collateral: collateralUsd,
      positions: [
        ...input.options.map((o) => ({
          type: "option",
          underlying: "BTC",
          expiry: new Date(asOfMs + o.secToExpiry * 1_000).toISOString(),
          strike: o.strike,
          kind: o.isCall ? "call" : "put",
          qty: o.amount,
          iv: sviVol(o.strike, feedBySec.get(o.secToExpiry)!.svi),
        })),
        { type: "perp", underlying: "BTC", qty: input.perp?.amount ?? 0 },
      ],
    });
    const generic = perSecond(() => computeMargin({ market, portfolio }));
    // The same positions through the registry: parameter-set resolution, the generic-input adapter
    // (feeds, flat SVI, per-position vols), PM2 and the margin report.
    const adapted = perSecond(() => computeMargin({ market, portfolio, params: { model: "derive-pm2" } }));

    return [
      {
        measure: "derive-pm2 evaluations (validated input)",
        value: fmt(trusted),
        target: `>= ${TARGET_PER_SEC.toLocaleString("en-US")} /s`,
        ok: trusted >= TARGET_PER_SEC,
      },
      { measure: "derive-pm2 evaluations (incl. zod validation)", value: fmt(validated) },
      { measure: "span-grid engine, same 20 options + perp", value: fmt(generic) },
      { measure: "derive-pm2 / span-grid speed", value: `${(trusted / generic).toFixed(2)} x` },
      { measure: "derive-pm2 via the registry (computeMargin, same positions)", value: fmt(adapted) },
    ];
  },
};

export default suite;

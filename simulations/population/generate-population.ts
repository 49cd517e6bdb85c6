/**
 * Account population by archetype, drawn from seeded streams (account i uses stream POPULATION_STREAM
 * + i, so account i is the same whatever the population size):
 * - market makers: 1-3 short strangles (puts 5-15% and calls 5-18% out of the money, short tenors),
 *   delta-hedged with the perpetual, sometimes on both underlyings;
 * - hedgers: spot held as collateral with protective puts, or covered calls written against it;
 * - directional traders: long calls or puts, or leveraged perpetuals (two thirds long);
 * - structures: vertical spreads, butterflies, iron condors, calendars and risk reversals;
 * - basis traders: spot collateral against a short perpetual.
 * Sizes are lognormal around each archetype's median; the collateral buffer is 1 + lognormal excess.
 */

import { nextNormal } from "../random/normal.ts";
import { createStream } from "../random/seed-streams.ts";
import type { Xoshiro128StarStar } from "../random/xoshiro128.ts";
import {
  type AccountTemplate,
  ARCHETYPES,
  type Archetype,
  type TemplateCollateral,
  type TemplatePosition,
} from "./account-template.ts";
import { archetypeWeights, DEFAULT_MEDIAN_SIZE_USD, type PopulationConfig } from "./population-config.ts";

/** First random stream of the population (far above Monte Carlo path streams). */
export const POPULATION_STREAM = 1_000_000_000;

type Rng = Xoshiro128StarStar;

function uniform(rng: Rng, lo: number, hi: number): number {
  return lo + (hi - lo) * rng.nextDouble();
}

function pick<T>(rng: Rng, items: readonly T[], weights?: readonly number[]): T {
  const w = weights ?? items.map(() => 1);
  const total = w.reduce((s, x) => s + x, 0);
  let u = rng.nextDouble() * total;
  for (let k = 0; k < items.length; k++) {
    u -= w[k]!;
    if (u <= 0) return items[k]!;
  }
  return items[items.length - 1]!;
}

function option(
  underlying: string,
  kind: "call" | "put",
  moneyness: number,
  expiryDays: number,
  notionalUsd: number,
): TemplatePosition {
  return { type: "option", underlying, kind, moneyness, expiryDays, notionalUsd };
}

type Book = { strategy: string; positions: TemplatePosition[]; spotCollateral: TemplateCollateral[] };

function marketMaker(rng: Rng, u: string, other: string | undefined, size: number): Book {
  const positions: TemplatePosition[] = [];
  const books = other && rng.nextDouble() < 0.3 ? [u, other] : [u];
  for (const und of books) {
    const n = pick(rng, [1, 2, 3], [0.4, 0.4, 0.2]);
    const leg = size / (2 * n * books.length);
    for (let k = 0; k < n; k++) {
      const tenor = pick(rng, [2, 7, 14, 30, 60], [0.15, 0.35, 0.2, 0.2, 0.1]);
      positions.push(option(und, "put", uniform(rng, 0.85, 0.95), tenor, -leg));
      positions.push(option(und, "call", uniform(rng, 1.05, 1.18), tenor, -leg));
    }
    positions.push({ type: "perp", underlying: und, notionalUsd: 0, deltaHedge: true });
  }
  return { strategy: "short strangles, delta-hedged with perps", positions, spotCollateral: [] };
}

function hedger(rng: Rng, u: string, size: number): Book {
  const spotCollateral = [{ asset: u, valueUsd: size }];
  if (rng.nextDouble() < 0.6) {
    const tenor = pick(rng, [30, 60, 90, 180], [0.35, 0.3, 0.25, 0.1]);
    return {
      strategy: "spot with protective puts",
      positions: [option(u, "put", uniform(rng, 0.75, 0.95), tenor, size * uniform(rng, 0.5, 1))],
      spotCollateral,
    };
  }
  const tenor = pick(rng, [7, 14, 30], [0.4, 0.3, 0.3]);
  return {
    strategy: "spot with covered calls",
    positions: [option(u, "call", uniform(rng, 1.05, 1.3), tenor, -size * uniform(rng, 0.5, 1))],
    spotCollateral,
  };
}

function directional(rng: Rng, u: string, size: number): Book {
  if (rng.nextDouble() < 0.5) {
    const call = rng.nextDouble() < 0.6;
    const tenor = pick(rng, [7, 14, 30, 60, 90], [0.2, 0.2, 0.3, 0.2, 0.1]);
    const m = call ? uniform(rng, 0.95, 1.3) : uniform(rng, 0.7, 1.05);
    return {
      strategy: call ? "long calls" : "long puts",
      positions: [option(u, call ? "call" : "put", m, tenor, size)],
      spotCollateral: [],
    };
  }
  const long = rng.nextDouble() < 2 / 3;
  return {
    strategy: long ? "leveraged long perp" : "leveraged short perp",
    positions: [{ type: "perp", underlying: u, notionalUsd: long ? size : -size }],
    spotCollateral: [],
  };
}

function structure(rng: Rng, u: string, size: number): Book {
  const kind = pick(
    rng,
    ["vertical", "credit-put-spread", "butterfly", "iron-condor", "calendar", "risk-reversal"] as const,
    [0.2, 0.2, 0.15, 0.2, 0.1, 0.15],
  );
  const tenor = pick(rng, [7, 14, 30, 60, 90], [0.15, 0.2, 0.35, 0.2, 0.1]);
  const n = size;
  switch (kind) {
    case "vertical": {
      const bull = rng.nextDouble() < 0.5;
      const a = bull ? uniform(rng, 0.98, 1.05) : uniform(rng, 0.95, 1.02);
      const w = uniform(rng, 0.05, 0.15);
      return bull
        ? {
            strategy: "bull call spread",
            positions: [option(u, "call", a, tenor, n), option(u, "call", a + w, tenor, -n)],
            spotCollateral: [],
          }
        : {
            strategy: "bear put spread",
            positions: [option(u, "put", a, tenor, n), option(u, "put", a - w, tenor, -n)],
            spotCollateral: [],
          };
    }
    case "credit-put-spread": {
      const a = uniform(rng, 0.85, 0.97);
      return {
        strategy: "short put spread",
        positions: [option(u, "put", a, tenor, -n), option(u, "put", a - uniform(rng, 0.05, 0.12), tenor, n)],
        spotCollateral: [],
      };
    }
    case "butterfly": {
      const c = uniform(rng, 0.95, 1.08);
      const w = uniform(rng, 0.05, 0.1);
      return {
        strategy: "long call butterfly",
        positions: [
          option(u, "call", c - w, tenor, n),
          option(u, "call", c, tenor, -2 * n),
          option(u, "call", c + w, tenor, n),
        ],
        spotCollateral: [],
      };
    }
    case "iron-condor": {
      const p = uniform(rng, 0.85, 0.95);
      const c = uniform(rng, 1.05, 1.15);
      const w = uniform(rng, 0.05, 0.1);
      return {
        strategy: "short iron condor",
        positions: [
          option(u, "put", p - w, tenor, n),
          option(u, "put", p, tenor, -n),
          option(u, "call", c, tenor, -n),
          option(u, "call", c + w, tenor, n),
        ],
        spotCollateral: [],
      };
    }
    case "calendar": {
      const m = uniform(rng, 0.97, 1.03);
      const k = rng.nextDouble() < 0.5 ? "call" : "put";
      const near = pick(rng, [7, 14], [0.5, 0.5]);
      return {
        strategy: "calendar spread",
        positions: [option(u, k, m, near, -n), option(u, k, m, near + pick(rng, [21, 30, 60]), n)],
        spotCollateral: [],
      };
    }
    case "risk-reversal": {
      const bullish = rng.nextDouble() < 0.6;
      const put = option(u, "put", uniform(rng, 0.85, 0.95), tenor, bullish ? -n : n);
      const call = option(u, "call", uniform(rng, 1.05, 1.15), tenor, bullish ? n : -n);
      return {
        strategy: bullish ? "risk reversal (short put, long call)" : "risk reversal (long put, short call)",
        positions: [put, call],
        spotCollateral: [],
      };
    }
  }
}

function basis(u: string, size: number): Book {
  return {
    strategy: "cash and carry: spot collateral, short perp",
    positions: [{ type: "perp", underlying: u, notionalUsd: -size }],
    spotCollateral: [{ asset: u, valueUsd: size }],
  };
}

/** `accounts` templates drawn with `seed` under `config`. */
export function generatePopulation(args: {
  accounts: number;
  seed: number;
  config: PopulationConfig;
}): AccountTemplate[] {
  const { accounts, seed, config } = args;
  const weights = archetypeWeights(config);
  const archetypeW = ARCHETYPES.map((a) => weights[a]);
  const symbols = Object.keys(config.underlyings).sort();
  const symbolW = symbols.map((s) => config.underlyings[s]!);
  const out: AccountTemplate[] = [];
  for (let i = 0; i < accounts; i++) {
    const rng = createStream({ seed, stream: POPULATION_STREAM + i });
    const archetype: Archetype = pick(rng, ARCHETYPES, archetypeW);
    const u = pick(rng, symbols, symbolW);
    const others = symbols.filter((s) => s !== u && (config.underlyings[s] ?? 0) > 0);
    const median = DEFAULT_MEDIAN_SIZE_USD[archetype] * config.sizeScale;
    // Lognormal size, capped at 50x the median so one account cannot dominate a population.
    const size = Math.min(median * Math.exp(config.sizeSigma * nextNormal(rng)), 50 * median);
    const book =
      archetype === "market-maker"
        ? marketMaker(rng, u, others[0], size)
        : archetype === "hedger"
          ? hedger(rng, u, size)
          : archetype === "directional"
            ? directional(rng, u, size)
            : archetype === "structure"
              ? structure(rng, u, size)
              : basis(u, size);
    const excess = config.bufferMedianExcess * Math.exp(config.bufferSigma * nextNormal(rng));
    out.push({
      id: i,
      archetype,
      strategy: book.strategy,
      sizeUsd: size,
      positions: book.positions,
      spotCollateral: book.spotCollateral,
      buffer: 1 + Math.min(excess, 19),
    });
  }
  return out;
}

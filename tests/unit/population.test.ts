import { describe, expect, it } from "vitest";
import { ARCHETYPES } from "../../simulations/population/account-template.ts";
import { generatePopulation } from "../../simulations/population/generate-population.ts";
import {
  PopulationError,
  parsePopulationCsv,
  parsePopulationJson,
} from "../../simulations/population/import-population.ts";
import { listedExpiries, nearestListedExpiry } from "../../simulations/population/listed-expiries.ts";
import { listedStrike, strikeStep } from "../../simulations/population/listed-strikes.ts";
import { populationConfigSchema } from "../../simulations/population/population-config.ts";

const config = populationConfigSchema.parse({});

describe("generatePopulation", () => {
  it("is deterministic per seed, and account i does not depend on the population size", () => {
    const a = generatePopulation({ accounts: 50, seed: 7, config });
    const b = generatePopulation({ accounts: 200, seed: 7, config });
    expect(b.slice(0, 50)).toEqual(a);
    expect(generatePopulation({ accounts: 50, seed: 8, config })).not.toEqual(a);
  });

  it("draws every archetype near its weight, with buffers >= 1 and many accounts close to the line", () => {
    const pop = generatePopulation({ accounts: 4000, seed: 1, config });
    const share = (a: string) => pop.filter((t) => t.archetype === a).length / pop.length;
    // Binomial sd of a share at n = 4000 is at most 0.008; 0.03 is well over 3 sd.
    expect(share("directional")).toBeCloseTo(0.35, 1);
    for (const a of ARCHETYPES) expect(share(a)).toBeGreaterThan(0.05);
    expect(pop.every((t) => t.buffer >= 1)).toBe(true);
    const close = pop.filter((t) => t.buffer < 1.3).length / pop.length;
    // Lognormal excess with median 0.5, sigma 1.2: P(excess < 0.3) = Phi(ln(0.6)/1.2) = 0.335.
    expect(close).toBeGreaterThan(0.29);
    expect(close).toBeLessThan(0.38);
  });

  it("builds the archetypes' books: delta-hedged strangles, spot with puts or calls, basis trades", () => {
    const pop = generatePopulation({ accounts: 500, seed: 3, config });
    const mm = pop.find((t) => t.archetype === "market-maker")!;
    expect(mm.positions.some((p) => p.type === "perp" && p.deltaHedge)).toBe(true);
    expect(mm.positions.filter((p) => p.type === "option").every((p) => p.notionalUsd < 0)).toBe(true);
    const hedger = pop.find((t) => t.archetype === "hedger")!;
    expect(hedger.spotCollateral).toHaveLength(1);
    const basis = pop.find((t) => t.archetype === "basis")!;
    expect(basis.positions[0]).toMatchObject({ type: "perp" });
    expect((basis.positions[0] as { notionalUsd: number }).notionalUsd).toBeCloseTo(
      -basis.spotCollateral[0]!.valueUsd,
      6,
    );
  });
});

describe("listed expiries and strikes", () => {
  it("lists dailies, Friday weeklies and last-Friday monthlies at 08:00 UTC", () => {
    const asOf = Date.UTC(2024, 7, 5, 23, 59);
    const listed = listedExpiries(asOf);
    expect(listed.every((t) => new Date(t).getUTCHours() === 8 && t > asOf)).toBe(true);
    expect(listed).toContain(Date.UTC(2024, 7, 6, 8)); // next daily
    expect(listed).toContain(Date.UTC(2024, 7, 9, 8)); // Friday weekly
    expect(listed).toContain(Date.UTC(2024, 7, 30, 8)); // last Friday of August
    expect(listed).toContain(Date.UTC(2024, 11, 27, 8)); // December quarterly
    // 30 days ahead is 4 Sep; listed are the Friday 30 Aug (monthly) and 27 Sep: the nearer wins.
    expect(nearestListedExpiry(asOf, 30, listed)).toBe(Date.UTC(2024, 7, 30, 8));
  });

  it("snaps strikes to a grid near 1% of spot", () => {
    expect(strikeStep(80_000)).toBe(1000);
    expect(strikeStep(2_000)).toBe(20);
    expect(listedStrike(80_000, 0.9)).toBe(72_000);
    expect(listedStrike(2_345, 1.1)).toBe(2_575); // step 25: 2579.5 rounds to 103 x 25
  });
});

describe("population import", () => {
  const good = {
    accounts: [
      {
        archetype: "market-maker",
        buffer: 1.2,
        positions: [
          {
            type: "option",
            underlying: "BTC",
            kind: "put",
            moneyness: 0.9,
            expiryDays: 7,
            notionalUsd: -100_000,
          },
          { type: "perp", underlying: "BTC", deltaHedge: true },
        ],
      },
    ],
  };

  it("accepts a valid JSON population", () => {
    const t = parsePopulationJson(good);
    expect(t).toHaveLength(1);
    expect(t[0]!.sizeUsd).toBe(100_000);
  });

  it("names the account and field of a bad JSON entry", () => {
    const bad = structuredClone(good);
    (bad.accounts[0]!.positions[0] as { moneyness: number }).moneyness = -1;
    expect(() => parsePopulationJson(bad)).toThrow(
      "population: accounts[0].positions[0].moneyness: must be > 0",
    );
    const unknown = { accounts: [{ ...good.accounts[0], colour: "red" }] };
    expect(() => parsePopulationJson(unknown)).toThrow("accounts[0].colour: unknown field");
    expect(() => parsePopulationJson({ accounts: [] })).toThrow(/at least one account/);
  });

  const header =
    "account,archetype,buffer,type,underlying,kind,moneyness,expiry_days,notional_usd,delta_hedge";

  it("reads CSV rows into accounts", () => {
    const csv = [
      header,
      "mm-1,market-maker,1.2,option,BTC,put,0.9,7,-100000,",
      "mm-1,market-maker,1.2,perp,BTC,,,,,true",
      "h-1,hedger,2,collateral,ETH,,,,50000,",
      "h-1,hedger,2,option,ETH,put,0.85,60,50000,",
    ].join("\n");
    const t = parsePopulationCsv(csv);
    expect(t.map((a) => a.archetype)).toEqual(["market-maker", "hedger"]);
    expect(t[1]!.spotCollateral).toEqual([{ asset: "ETH", valueUsd: 50000 }]);
  });

  it("names the CSV row, account and column of an error", () => {
    const bad = (row: string) => () =>
      parsePopulationCsv(`${header}\nok,directional,1.5,perp,BTC,,,,1000,\n${row}`, { source: "p.csv" });
    expect(bad("x,directional,1.5,option,BTC,put,abc,7,1000,")).toThrow(
      'p.csv: row 3 (account "x"): moneyness: must be a number, got "abc"',
    );
    expect(bad("x,directional,1.5,option,BTC,put,0.9,0,1000,")).toThrow(
      'row 3 (account "x"): expiry_days: must be > 0 days',
    );
    expect(bad("x,directional,1.5,swap,BTC,,,,1000,")).toThrow(
      'type: must be "option", "perp" or "collateral"',
    );
    expect(bad("x,directional,0.5,perp,BTC,,,,1000,")).toThrow('row 3 (account "x"): buffer: must be >= 1');
    expect(bad("ok,hedger,1.5,perp,BTC,,,,1000,")).toThrow("archetype: differs from row 2");
    expect(() => parsePopulationCsv("account,buffer\n")).toThrow(/missing column/);
    expect(bad("x,directional,1.5,perp,BTC")).toThrow(PopulationError);
  });
});

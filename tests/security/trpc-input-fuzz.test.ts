// Property-based fuzzing of every tRPC input schema (10,000 cases each) and of every procedure through the real
// router and database: no crash, no internal error, and a clear field-level error for every rejected input.
import { TRPCError } from "@trpc/server";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { appRouter } from "../../server/api/root.ts";
import { enactParameterSet } from "../../server/services/parameters/enact-parameter-set.ts";
import { SPAN_GRID_DEFAULTS } from "../../simulations/models/span-grid/params.ts";
import { signInAs } from "../support/sessions.ts";
import { callerFor, testConfig } from "../support/test-context.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-databases.ts";
import { alice } from "../support/wallets.ts";

type AnyProcedure = { _def: { type: string; inputs: z.ZodType[] } };
const procedures = Object.entries(
  (appRouter as unknown as { _def: { procedures: Record<string, AnyProcedure> } })._def.procedures,
);
const withInput = procedures.filter(([, p]) => p._def.inputs.length > 0);

/** Keys of an object schema (through defaults and pipes), so generated objects reach the fields' own checks. */
function objectKeys(schema: z.ZodType): string[] {
  const def = (
    schema as unknown as {
      _zod: { def: { type: string; shape?: object; innerType?: z.ZodType; in?: z.ZodType } };
    }
  )._zod.def;
  if (def.shape) return Object.keys(def.shape);
  if (def.innerType) return objectKeys(def.innerType);
  if (def.in) return objectKeys(def.in);
  return [];
}

const wild = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -1, 0, 1e308, "", "0x", "x".repeat(300_000), null),
);
function inputsFor(schema: z.ZodType) {
  const keys = objectKeys(schema);
  return keys.length === 0
    ? wild
    : fc.oneof(wild, fc.record(Object.fromEntries(keys.map((k) => [k, wild])), { requiredKeys: [] }));
}

function allNumbersFinite(value: unknown): boolean {
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(allNumbersFinite);
  if (value && typeof value === "object") return Object.values(value).every(allNumbersFinite);
  return true;
}

describe("every tRPC input schema", () => {
  it.each(withInput.map(([path, p]) => [path, p._def.inputs[0]!] as const))(
    "%s: 10,000 random inputs parse or fail with a field path and a reason",
    (_path, schema) => {
      fc.assert(
        fc.property(inputsFor(schema), (input) => {
          const result = schema.safeParse(input);
          if (result.success) return allNumbersFinite(result.data);
          return result.error.issues.every((i) => Array.isArray(i.path) && i.message.length > 0);
        }),
        { numRuns: 10_000, seed: 20261126 },
      );
    },
  );
});

describe("every procedure through the router and the database", () => {
  let database: TestDatabase;
  const held: string[] = [];
  const jobs = { notify: async (id: string) => void held.push(id) };
  beforeAll(async () => {
    database = await openTestDatabase("pglite");
    await enactParameterSet(database.db, {
      model: "span-grid",
      params: SPAN_GRID_DEFAULTS,
      enactedBy: "genesis",
    });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("answers random inputs from visitors and members with expected errors only, never an internal one", async () => {
    const config = testConfig();
    const member = await signInAs(database.db, alice, { config, jobs });
    const anonymous = await callerFor(database.db, { config, jobs });
    let calls = 0;
    for (const [path, procedure] of procedures) {
      if (path === "auth.signOut") continue; // would end the member's session for the rest of the run
      const schema = procedure._def.inputs[0];
      const samples = schema ? fc.sample(inputsFor(schema), { numRuns: 60, seed: 7 }) : [undefined];
      for (const [i, input] of samples.entries()) {
        const api = (i % 2 === 0 ? await member() : anonymous.api) as unknown as Record<
          string,
          Record<string, (x: unknown) => Promise<unknown>>
        >;
        const [area, name] = path.split(".") as [string, string];
        try {
          await api[area]![name]!(input);
        } catch (e) {
          expect(e, `${path} with ${JSON.stringify(input)?.slice(0, 200)}`).toBeInstanceOf(TRPCError);
          expect((e as TRPCError).code, `${path}: ${(e as Error).message}`).not.toBe("INTERNAL_SERVER_ERROR");
          expect((e as Error).message.length).toBeGreaterThan(0);
        }
        calls++;
      }
    }
    expect(calls).toBeGreaterThan(1000);
  });
});

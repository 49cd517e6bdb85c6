/**
 * Import of a population from JSON or CSV, validated with zod. Accounts are written in the same
 * relative terms as generated ones (moneyness, days to expiry, USD notional), so an imported book can
 * be opened on any day of history. Every error names the account or CSV row and the field:
 *   `accounts[3].positions[1].moneyness: must be > 0`,  `row 7 (account "mm-1"): expiry_days: ...`.
 *
 * JSON: `{"accounts": [{"id"?, "archetype"?, "strategy"?, "buffer", "positions": [...], "spotCollateral"?: [...]}]}`
 *   option:  {"type": "option", "underlying", "kind": "call"|"put", "moneyness", "expiryDays", "notionalUsd"}
 *   perp:    {"type": "perp", "underlying", "notionalUsd"} or {"type": "perp", "underlying", "deltaHedge": true}
 *   spotCollateral: [{"asset": "BTC", "valueUsd": 100000}]
 * CSV: header `account,archetype,buffer,type,underlying,kind,moneyness,expiry_days,notional_usd,delta_hedge`,
 *   one row per position; `type` is option, perp or collateral (then `underlying` is the asset and
 *   `notional_usd` its USD value); `archetype` and `buffer` repeat on every row of an account.
 */
import { z } from "zod";
import { type AccountTemplate, ARCHETYPES, type TemplatePosition } from "./account-template.ts";

export const MAX_IMPORTED_ACCOUNTS = 100_000;

export class PopulationError extends Error {
  constructor(
    readonly where: string,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${where}${field ? `: ${field}` : ""}: ${reason}`);
    this.name = "PopulationError";
  }
}

const symbol = z.string({ error: "must be a symbol such as BTC" }).regex(/^[A-Z][A-Z0-9_]*$/, {
  error: "must be an upper-case symbol such as BTC",
});
const finite = (what: string) => z.number({ error: `${what} must be a finite number` });

const optionSchema = z.strictObject({
  type: z.literal("option"),
  underlying: symbol,
  kind: z.enum(["call", "put"], { error: 'must be "call" or "put"' }),
  moneyness: finite("moneyness")
    .gt(0, { error: "must be > 0 (strike / spot)" })
    .max(10, { error: "must be <= 10" }),
  expiryDays: finite("expiryDays")
    .gt(0, { error: "must be > 0 days" })
    .max(730, { error: "must be <= 730 days (listed expiries reach about two years)" }),
  notionalUsd: finite("notionalUsd").refine((v) => v !== 0, { error: "must not be 0" }),
});
const perpSchema = z
  .strictObject({
    type: z.literal("perp"),
    underlying: symbol,
    notionalUsd: finite("notionalUsd").optional(),
    deltaHedge: z.boolean({ error: "must be true or false" }).optional(),
  })
  .refine((p) => p.deltaHedge === true || (p.notionalUsd !== undefined && p.notionalUsd !== 0), {
    error: "a perp needs a non-zero notionalUsd or deltaHedge: true",
  });
const positionSchema = z.discriminatedUnion("type", [optionSchema, perpSchema], {
  error: 'type must be "option" or "perp"',
});

const accountSchema = z.strictObject({
  id: z.union([z.string(), z.number()]).optional(),
  archetype: z.enum(ARCHETYPES, { error: `must be one of ${ARCHETYPES.join(", ")}` }).optional(),
  strategy: z.string().max(200).optional(),
  buffer: finite("buffer")
    .min(1, { error: "must be >= 1 (equity as a multiple of initial margin)" })
    .max(1000),
  positions: z
    .array(positionSchema, { error: "must be an array" })
    .max(200, { error: "at most 200 positions" }),
  spotCollateral: z
    .array(
      z.strictObject({
        asset: symbol,
        valueUsd: finite("valueUsd").gt(0, { error: "must be > 0" }),
      }),
    )
    .default([]),
});

const populationSchema = z.strictObject(
  {
    accounts: z
      .array(z.unknown(), { error: "must be an array of accounts" })
      .min(1, { error: "must hold at least one account" })
      .max(MAX_IMPORTED_ACCOUNTS, { error: `must hold at most ${MAX_IMPORTED_ACCOUNTS} accounts` }),
  },
  { error: 'must be {"accounts": [...]} or an array of accounts' },
);

function pathText(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}

function toTemplate(a: z.output<typeof accountSchema>, id: number): AccountTemplate {
  const positions: TemplatePosition[] = a.positions.map((p) =>
    p.type === "option"
      ? p
      : {
          type: "perp",
          underlying: p.underlying,
          notionalUsd: p.notionalUsd ?? 0,
          ...(p.deltaHedge ? { deltaHedge: true } : {}),
        },
  );
  const gross =
    positions.reduce((s, p) => s + Math.abs(p.notionalUsd), 0) +
    a.spotCollateral.reduce((s, c) => s + c.valueUsd, 0);
  return {
    id,
    archetype: a.archetype ?? "directional",
    strategy: a.strategy ?? "imported",
    sizeUsd: gross,
    positions,
    spotCollateral: a.spotCollateral,
    buffer: a.buffer,
  };
}

/** Validate a JSON population value (`{"accounts": [...]}` or the bare array). */
export function parsePopulationJson(value: unknown, opts: { source?: string } = {}): AccountTemplate[] {
  const where = opts.source ?? "population";
  const root = Array.isArray(value) ? { accounts: value } : value;
  const top = populationSchema.safeParse(root);
  if (!top.success) {
    const issue = top.error.issues[0]!;
    throw new PopulationError(where, pathText(issue.path) || "(root)", issue.message);
  }
  return top.data.accounts.map((raw, k) => {
    const r = accountSchema.safeParse(raw);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      const field =
        issue.code === "unrecognized_keys"
          ? pathText([...issue.path, (issue as { keys: string[] }).keys[0] ?? "?"])
          : pathText(issue.path);
      const reason = issue.code === "unrecognized_keys" ? "unknown field" : issue.message;
      throw new PopulationError(
        where,
        `accounts[${k}]${field ? `.${field}` : ""}`.replace(".[", "["),
        reason,
      );
    }
    return toTemplate(r.data, k);
  });
}

const CSV_COLUMNS = [
  "account",
  "archetype",
  "buffer",
  "type",
  "underlying",
  "kind",
  "moneyness",
  "expiry_days",
  "notional_usd",
  "delta_hedge",
] as const;

function csvNumber(where: string, column: string, raw: string): number | undefined {
  if (raw === "") return undefined;
  const v = Number(raw);
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(raw) || !Number.isFinite(v)) {
    throw new PopulationError(where, column, `must be a number, got ${JSON.stringify(raw)}`);
  }
  return v;
}

/** Validate a CSV population (see the header above); rows of one account must be contiguous or not, any order. */
export function parsePopulationCsv(text: string, opts: { source?: string } = {}): AccountTemplate[] {
  const source = opts.source ?? "population.csv";
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === "") lines.pop();
  const header = (lines[0] ?? "").split(",").map((h) => h.trim().toLowerCase());
  const missing = CSV_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new PopulationError(
      `${source}: row 1 (header)`,
      "",
      `missing column(s) ${missing.join(", ")}; expected ${CSV_COLUMNS.join(",")}`,
    );
  }
  const unknown = header.filter((h) => !(CSV_COLUMNS as readonly string[]).includes(h));
  if (unknown.length > 0)
    throw new PopulationError(`${source}: row 1 (header)`, unknown[0]!, "unknown column");
  if (lines.length < 2) throw new PopulationError(source, "", "no data rows");
  const col = Object.fromEntries(CSV_COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<
    (typeof CSV_COLUMNS)[number],
    number
  >;
  type Draft = {
    archetype: string;
    buffer: number;
    positions: unknown[];
    spotCollateral: unknown[];
    firstRow: number;
  };
  const accounts = new Map<string, Draft>();
  for (let r = 1; r < lines.length; r++) {
    const line = lines[r]!;
    if (line.trim() === "") continue;
    const cells = line.split(",").map((c) => c.trim());
    const row = r + 1;
    const id = cells[col.account] ?? "";
    const where = `${source}: row ${row}${id ? ` (account ${JSON.stringify(id)})` : ""}`;
    if (cells.length !== header.length) {
      throw new PopulationError(where, "", `has ${cells.length} cells, the header has ${header.length}`);
    }
    if (id === "") throw new PopulationError(where, "account", "must not be empty");
    const get = (c: (typeof CSV_COLUMNS)[number]) => cells[col[c]] ?? "";
    const buffer = csvNumber(where, "buffer", get("buffer"));
    if (buffer === undefined) throw new PopulationError(where, "buffer", "must not be empty");
    let draft = accounts.get(id);
    if (!draft) {
      draft = { archetype: get("archetype"), buffer, positions: [], spotCollateral: [], firstRow: row };
      accounts.set(id, draft);
    } else {
      if (draft.archetype !== get("archetype")) {
        throw new PopulationError(
          where,
          "archetype",
          `differs from row ${draft.firstRow} of the same account`,
        );
      }
      if (draft.buffer !== buffer) {
        throw new PopulationError(where, "buffer", `differs from row ${draft.firstRow} of the same account`);
      }
    }
    const type = get("type");
    const notional = csvNumber(where, "notional_usd", get("notional_usd"));
    const item: Record<string, unknown> =
      type === "collateral"
        ? { asset: get("underlying"), valueUsd: notional }
        : type === "option"
          ? {
              type,
              underlying: get("underlying"),
              kind: get("kind"),
              moneyness: csvNumber(where, "moneyness", get("moneyness")),
              expiryDays: csvNumber(where, "expiry_days", get("expiry_days")),
              notionalUsd: notional,
            }
          : type === "perp"
            ? {
                type,
                underlying: get("underlying"),
                ...(notional !== undefined ? { notionalUsd: notional } : {}),
                ...(get("delta_hedge") !== "" ? { deltaHedge: get("delta_hedge") === "true" } : {}),
              }
            : { type };
    const schema =
      type === "collateral" ? accountSchema.shape.spotCollateral.unwrap().element : positionSchema;
    const checked = schema.safeParse(item);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      const csvName: Record<string, string> = {
        expiryDays: "expiry_days",
        notionalUsd: "notional_usd",
        valueUsd: "notional_usd",
        asset: "underlying",
        deltaHedge: "delta_hedge",
      };
      const key = String(issue.path[0] ?? "type");
      const reason =
        key === "type" && type !== "option" && type !== "perp"
          ? 'must be "option", "perp" or "collateral"'
          : issue.message;
      throw new PopulationError(where, csvName[key] ?? key, reason);
    }
    (type === "collateral" ? draft.spotCollateral : draft.positions).push(checked.data);
  }
  const json = [...accounts.values()].map((d) => ({
    ...(d.archetype ? { archetype: d.archetype } : {}),
    buffer: d.buffer,
    positions: d.positions,
    spotCollateral: d.spotCollateral,
  }));
  const rows = [...accounts.values()].map((d) => d.firstRow);
  try {
    return parsePopulationJson({ accounts: json }, { source });
  } catch (e) {
    if (e instanceof PopulationError) {
      const m = /^accounts\[(\d+)\]\.?(.*)$/.exec(e.field);
      if (m) {
        const k = Number(m[1]);
        const id = [...accounts.keys()][k]!;
        throw new PopulationError(
          `${source}: row ${rows[k]} (account ${JSON.stringify(id)})`,
          m[2] || "",
          e.reason,
        );
      }
    }
    throw e;
  }
}

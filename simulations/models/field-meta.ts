/**
 * Per-field metadata of a margin model's parameter set: enough for a UI to generate a form
 * (label, unit, bounds, options) and for a proposal diff to explain a change in words.
 *
 * A model's `fields` are keyed by field path: a top-level field by its name (`priceScanRange`), a
 * field inside a group of a nested parameter set by its dotted path (`margin.mmFactor`). Groups
 * themselves have no entry; a path with entries below it is a group. A `record` field changes key by
 * key (`collateralHaircuts.BTC`), a `list` (derive-pm2's scenario list) only as a whole value.
 */
export type FieldBounds = {
  min?: number;
  max?: number;
  /** The bound itself is not allowed (e.g. scan range in (0, 1]). */
  exclusiveMin?: boolean;
  exclusiveMax?: boolean;
  integer?: boolean;
};

/** `scenarios` is span-grid's explicit override `{priceShocks, volShocks} | null`, replaced whole. */
export type FieldKind = "number" | "integer" | "enum" | "record" | "scenarios";

export type FieldMeta = {
  label: string;
  /** Unit as shown to a reader: "fraction of spot", "days", "relative", "x notional", "" for none. */
  unit: string;
  /** One line: what the field does. */
  description: string;
  /** Id of the field's entry in docs/methodology.md (`methodologyAnchor`), where it is explained in full. */
  doc: string;
  kind: FieldKind;
  bounds?: FieldBounds;
  /** Allowed values of an enum field. */
  options?: readonly string[];
  /** For record fields: bounds of every value (e.g. a haircut per asset in [0, 1]). */
  valueBounds?: FieldBounds;
};

/**
 * A list of objects (derive-pm2's scenario list), compared and replaced as a whole value; `items`
 * describes each item's fields (a scenario's `spotShock`, `volShock`, ...).
 */
export type ListFieldMeta = Omit<FieldMeta, "kind"> & {
  kind: "list";
  items: Readonly<Record<string, FieldMeta>>;
  /** What one item is called ("Scenario"), for row labels. */
  itemLabel: string;
  /** How many items the schema allows. */
  minItems: number;
  maxItems: number;
};

/** What a model's `fields` hold: a scalar, enum, record or scenarios field, or a list. */
export type ModelFieldMeta = FieldMeta | ListFieldMeta;

/**
 * The methodology's anchor of a model's field: `param-<model>-<path>` with the path's separators as hyphens
 * (`param-span-grid-priceScanRange`, `param-derive-pm2-volShock-volRangeUp`, a list item's field
 * `param-derive-pm2-scenarios-spotShock`). Letters and digits only, so the id reads the same on GitHub and in the
 * app's /methodology page; a test checks that every field's anchor exists in docs/methodology.md.
 */
export function methodologyAnchor(model: string, path: string): string {
  const parts = path.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return ["param", model, ...parts].join("-");
}

/**
 * Bounds in words, for error messages and forms: "greater than 0, at most 1", "an integer, at least 0, at most 365",
 * "at least 0". Words rather than interval notation ("(0, 1]"), which many readers do not know.
 */
export function describeBounds(b: FieldBounds): string {
  const parts: string[] = [];
  if (b.integer) parts.push("an integer");
  if (b.min !== undefined) parts.push(`${b.exclusiveMin ? "greater than" : "at least"} ${b.min}`);
  if (b.max !== undefined) parts.push(`${b.exclusiveMax ? "less than" : "at most"} ${b.max}`);
  return parts.length > 0 ? parts.join(", ") : "a finite number";
}

/** A number typed into the proposal form: shown as text, read back with the field's bounds. */
import { describeBounds, type FieldBounds } from "@/simulations/models/field-meta.ts";

/** What an input shows for a stored value ("" for none). */
export function numberText(x: unknown): string {
  return typeof x === "number" && Number.isFinite(x) ? String(x) : "";
}

/** Fields whose values are fractions of something, shown as "0.15 (15%)", also accept "15%". */
export function isFractionUnit(unit: string | undefined): boolean {
  return /fraction|probability/.test(unit ?? "");
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

export type NumberRules = {
  bounds?: FieldBounds | undefined;
  integer: boolean;
  /** The field's unit: a fraction accepts a percentage ("15%" is 0.15). */
  unit?: string | undefined;
};

/** The number typed, or why it is not acceptable ("enter a number", "must be greater than 0, at most 1"). */
export function checkNumber(text: string, rules: NumberRules): number | string {
  const t = text.trim();
  if (t === "") return "enter a number";
  const percent = isFractionUnit(rules.unit);
  let x: number;
  if (t.endsWith("%")) {
    const digits = t.slice(0, -1).trim();
    if (!percent) return `"${t}": a percentage fits only fractions; enter a plain number`;
    if (!DECIMAL.test(digits)) return `"${t}" is not a percentage: enter e.g. 15% or 0.15`;
    // Shifting the decimal point in the text ("15e-2") reads the nearest double of the decimal; dividing by 100
    // would not always (1.1 / 100 = 0.011000000000000001).
    x = /e/i.test(digits) ? Number(digits) / 100 : Number(`${digits}e-2`);
  } else {
    if (!DECIMAL.test(t)) return `"${t}" is not a number: enter e.g. ${percent ? "0.15 or 15%" : "0.15"}`;
    x = Number(t);
  }
  if (!Number.isFinite(x)) return `"${t}" is too large`;
  const b = rules.bounds ?? {};
  const integer = rules.integer || b.integer;
  const bad =
    (integer && !Number.isInteger(x)) ||
    (b.min !== undefined && (b.exclusiveMin ? x <= b.min : x < b.min)) ||
    (b.max !== undefined && (b.exclusiveMax ? x >= b.max : x > b.max));
  if (bad) return `must be ${describeBounds({ ...b, integer })}${t.endsWith("%") ? ` (${t} is ${x})` : ""}`;
  return x;
}

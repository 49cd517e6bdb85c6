/** A number typed into the proposal form: shown as text, read back with the field's bounds. */
import { describeBounds, type FieldBounds } from "@/simulations/models/field-meta.ts";

/** What an input shows for a stored value ("" for none). */
export function numberText(x: unknown): string {
  return typeof x === "number" && Number.isFinite(x) ? String(x) : "";
}

/** The number typed, or why it is not acceptable ("enter a number", "must be in (0, 1]"). */
export function checkNumber(
  text: string,
  bounds: FieldBounds | undefined,
  integer: boolean,
): number | string {
  const t = text.trim();
  if (t === "") return "enter a number";
  const x = Number(t);
  if (!Number.isFinite(x)) return "enter a number";
  const b = bounds ?? {};
  const bad =
    ((integer || b.integer) && !Number.isInteger(x)) ||
    (b.min !== undefined && (b.exclusiveMin ? x <= b.min : x < b.min)) ||
    (b.max !== undefined && (b.exclusiveMax ? x >= b.max : x > b.max));
  if (bad) return `must be ${describeBounds({ ...b, integer: integer || b.integer })}`;
  return x;
}

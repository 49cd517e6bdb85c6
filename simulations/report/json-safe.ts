/**
 * A copy of a value with every non-finite number replaced by null, for summaries from other modules
 * that use NaN for "not available" (e.g. a standard error the Hessian could not give): the report's
 * canonical JSON refuses NaN rather than silently writing null.
 */
export function jsonSafe(value: unknown): unknown {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>, (x) => jsonSafe(x));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonSafe(v)]));
  }
  return value;
}

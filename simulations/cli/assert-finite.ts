/**
 * Last line of defence for "never NaN in output": JSON.stringify silently writes NaN and Infinity
 * as null, so walk the report first and fail loudly (naming the field) if any number is not finite.
 */
import { formatPath } from "../errors.ts";

export function findNonFinite(value: unknown, path: (string | number)[] = []): string | null {
  if (typeof value === "number") return Number.isFinite(value) ? null : formatPath(path);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findNonFinite(value[i], [...path, i]);
      if (hit) return hit;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const hit = findNonFinite(v, [...path, k]);
      if (hit) return hit;
    }
  }
  return null;
}

import { createHash } from "node:crypto";

/**
 * Canonical JSON: object keys sorted, no whitespace, numbers in JavaScript's shortest round-trip form. Two
 * machines serializing the same value get the same bytes, so hashes of reports and parameter sets are
 * reproducible. Non-finite numbers and undefined inside arrays are refused rather than silently changed.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === "boolean" || typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`canonicalJson: ${value} cannot be represented in JSON`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value
      .map((v) => {
        if (v === undefined) throw new Error("canonicalJson: undefined inside an array");
        return canonicalJson(v);
      })
      .join(",")}]`;
  }
  if (ArrayBuffer.isView(value)) return canonicalJson(Array.from(value as unknown as ArrayLike<number>));
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  throw new Error(`canonicalJson: cannot serialize a ${typeof value}`);
}

/** sha256 (hex) of the canonical JSON of a value. */
export function hashCanonical(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("hex");
}

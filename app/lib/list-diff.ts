/**
 * What a whole-list change (derive-pm2's scenario list) does row by row, for people reading a diff: the server
 * stores and signs the list whole, which says nothing about which of 31 scenarios moved.
 */
import { sameValue } from "./same-value.ts";

type Item = Record<string, unknown>;

export type ListRowChange =
  /** `row` counts from 1, in the new list. */
  | { kind: "changed"; row: number; fields: { key: string; from: unknown; to: unknown }[] }
  | { kind: "added"; row: number; item: Item }
  /** `row` counts from 1, in the old list. */
  | { kind: "removed"; row: number; item: Item };

/** True for a list of objects (what this describes), so other arrays keep their plain rendering. */
export function isObjectList(value: unknown): value is Item[] {
  return Array.isArray(value) && value.every((v) => typeof v === "object" && v !== null && !Array.isArray(v));
}

function fieldChanges(from: Item, to: Item) {
  return [...new Set([...Object.keys(from), ...Object.keys(to)])]
    .filter((key) => !sameValue(from[key], to[key]))
    .map((key) => ({ key, from: from[key] ?? null, to: to[key] ?? null }));
}

/**
 * The rows that differ: unchanged rows are matched first (longest common subsequence, so inserting or removing one
 * row does not report every row below it), then a removed row facing an added one in the same gap is one changed
 * row. Lists hold at most a few dozen rows, so the quadratic table is small.
 */
export function listRowChanges(from: readonly Item[], to: readonly Item[]): ListRowChange[] {
  const n = from.length;
  const m = to.length;
  // common[i][j]: length of the longest common subsequence of from[i..] and to[j..].
  const common = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      common[i]![j] = sameValue(from[i], to[j])
        ? common[i + 1]![j + 1]! + 1
        : Math.max(common[i + 1]![j]!, common[i]![j + 1]!);
    }
  }
  const out: ListRowChange[] = [];
  let removed: number[] = [];
  let added: number[] = [];
  const flush = () => {
    const paired = Math.min(removed.length, added.length);
    for (let k = 0; k < paired; k++) {
      out.push({
        kind: "changed",
        row: added[k]! + 1,
        fields: fieldChanges(from[removed[k]!]!, to[added[k]!]!),
      });
    }
    for (const i of removed.slice(paired)) out.push({ kind: "removed", row: i + 1, item: from[i]! });
    for (const j of added.slice(paired)) out.push({ kind: "added", row: j + 1, item: to[j]! });
    removed = [];
    added = [];
  };
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && sameValue(from[i], to[j])) {
      flush();
      i++;
      j++;
    } else if (j >= m || (i < n && common[i + 1]![j]! >= common[i]![j + 1]!)) {
      removed.push(i++);
    } else {
      added.push(j++);
    }
  }
  flush();
  return out;
}

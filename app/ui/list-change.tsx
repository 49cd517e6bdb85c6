import { formatParamValue } from "../lib/format.ts";
import { isObjectList, type ListRowChange, listRowChanges } from "../lib/list-diff.ts";

/** "31 scenarios" for a field whose unit is "list of scenarios". */
export function listSize(list: readonly unknown[], unit: string): string {
  return `${list.length} ${/^list of (.+)$/.exec(unit)?.[1] ?? "items"}`;
}

function describeItem(item: Record<string, unknown>): string {
  return Object.entries(item)
    .map(([k, v]) => `${k} ${formatParamValue(v)}`)
    .join(", ");
}

function describe(change: ListRowChange): string {
  switch (change.kind) {
    case "changed":
      return `Row ${change.row}: ${change.fields
        .map((f) => `${f.key} ${formatParamValue(f.from)} \u2192 ${formatParamValue(f.to)}`)
        .join(", ")}`;
    case "added":
      return `Row ${change.row} added: ${describeItem(change.item)}`;
    case "removed":
      return `Row ${change.row} removed: ${describeItem(change.item)}`;
  }
}

/** A whole-list change (stored whole, as the server diffs it) spelled out row by row. */
export function ListChange({ from, to }: { from: unknown; to: unknown }) {
  const changes = listRowChanges(isObjectList(from) ? from : [], isObjectList(to) ? to : []);
  if (changes.length === 0) return <>changed</>;
  return (
    <ul className="list-changes">
      {changes.map((c) => (
        <li key={`${c.kind}-${c.row}`}>{describe(c)}</li>
      ))}
    </ul>
  );
}

import { formatParamValue, formatRelChange, relChange } from "../lib/format.ts";
import { isObjectList } from "../lib/list-diff.ts";
import { ListChange, listSize } from "./list-change.tsx";

export type DiffTableRow = { path: string; label: string; unit: string; from: unknown; to: unknown };

/**
 * Changes from one parameter set to another: field, old value, new value, relative change of numbers; a list
 * (derive-pm2's scenarios) by its size, with the rows that changed.
 */
export function DiffTable({
  rows,
  caption,
  fromLabel = "Live",
  toLabel = "Proposed",
}: {
  rows: readonly DiffTableRow[];
  caption?: string;
  fromLabel?: string;
  toLabel?: string;
}) {
  if (rows.length === 0) return <p className="muted">No changes.</p>;
  return (
    <div className="table-scroll">
      <table className="data diff-table stack">
        {caption && <caption>{caption}</caption>}
        <thead>
          <tr>
            <th scope="col">Parameter</th>
            <th scope="col">{fromLabel}</th>
            <th scope="col">{toLabel}</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const list = isObjectList(r.from) || isObjectList(r.to);
            const show = (v: unknown) =>
              list && Array.isArray(v) ? listSize(v, r.unit) : formatParamValue(v, r.unit);
            const change = list ? (
              <ListChange from={r.from} to={r.to} />
            ) : typeof r.from === "number" && typeof r.to === "number" ? (
              formatRelChange(relChange(r.from, r.to))
            ) : (
              "changed"
            );
            return (
              <tr key={r.path}>
                <th scope="row">
                  {r.label}
                  {r.unit && <span className="param-desc">{r.unit}</span>}
                  <code className="param-key">{r.path}</code>
                </th>
                <td className="mono old" data-label={fromLabel}>
                  {show(r.from)}
                </td>
                <td className="mono new" data-label={toLabel}>
                  {show(r.to)}
                </td>
                <td className={list ? "mono list-change-cell" : "mono"} data-label="Change">
                  {change}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

import { formatParamValue, formatRelChange, relChange } from "../lib/format.ts";

export type DiffTableRow = { path: string; label: string; unit: string; from: unknown; to: unknown };

/** Changes from one parameter set to another: field, old value, new value, relative change of numbers. */
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
            const change =
              typeof r.from === "number" && typeof r.to === "number"
                ? formatRelChange(relChange(r.from, r.to))
                : "changed";
            return (
              <tr key={r.path}>
                <th scope="row">
                  {r.label}
                  {r.unit && <span className="param-desc">{r.unit}</span>}
                  <code className="param-key">{r.path}</code>
                </th>
                <td className="mono old" data-label={fromLabel}>
                  {formatParamValue(r.from, r.unit)}
                </td>
                <td className="mono new" data-label={toLabel}>
                  {formatParamValue(r.to, r.unit)}
                </td>
                <td className="mono" data-label="Change">
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

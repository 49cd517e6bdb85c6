import type { FieldMeta } from "@/simulations/models/field-meta.ts";
import { formatParamValue } from "../lib/format.ts";
import { listSize } from "./list-change.tsx";

/** A list parameter (derive-pm2's scenarios) as its size, opening to a table of its rows. */
export function ListValue({
  list,
  items,
  unit,
}: {
  list: readonly Record<string, unknown>[];
  items: Readonly<Record<string, FieldMeta>>;
  unit: string;
}) {
  const columns = Object.entries(items);
  return (
    <details className="list-value">
      <summary>{listSize(list, unit)}</summary>
      <table className="data compact">
        <thead>
          <tr>
            <th scope="col">#</th>
            {columns.map(([key, meta]) => (
              <th scope="col" key={key}>
                {meta.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {list.map((item, row) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions in the list
            <tr key={row}>
              <th scope="row">{row + 1}</th>
              {columns.map(([key, meta]) => (
                <td key={key}>{formatParamValue(item[key], meta.unit)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

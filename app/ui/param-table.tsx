import { describeBounds } from "@/simulations/models/field-meta.ts";
import { getAtPath } from "@/simulations/models/resolve-params.ts";
import { formatParamValue } from "../lib/format.ts";
import { isObjectList } from "../lib/list-diff.ts";
import { type ModelField, type Params, withDefaults } from "../lib/param-form.ts";
import { ListValue } from "./list-value.tsx";
import { MethodologyLink } from "./methodology-link.tsx";

function Value({ field, value }: { field: ModelField; value: unknown }) {
  if (field.kind === "list" && isObjectList(value)) {
    return <ListValue list={value} items={field.items ?? {}} unit={field.unit} />;
  }
  return <>{formatParamValue(value, field.unit)}</>;
}

/** A parameter set with each field's label, unit and description, in the model's display order. */
export function ParameterTable({
  fields,
  params: stored,
  caption,
}: {
  fields: readonly ModelField[];
  params: Params;
  caption?: string;
}) {
  const params = withDefaults(fields, stored);
  return (
    <div className="table-scroll">
      <table className="data param-table stack">
        {caption && <caption>{caption}</caption>}
        <thead>
          <tr>
            <th scope="col">Parameter</th>
            <th scope="col">Value</th>
            <th scope="col">Unit</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => (
            <tr key={f.key}>
              <th scope="row">
                <span className="param-label">{f.label}</span>
                <span className="param-desc">
                  {f.description} <MethodologyLink doc={f.doc} label={f.label} />
                </span>
                <code className="param-key">{f.key}</code>
              </th>
              <td className="mono" data-label="Value">
                <Value field={f} value={getAtPath(params, f.key)} />
              </td>
              <td className="muted" data-label="Unit">
                {f.unit || "\u2014"}
                {f.bounds && <span className="param-bounds">{describeBounds(f.bounds)}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

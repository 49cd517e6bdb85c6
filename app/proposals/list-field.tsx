"use client";
/**
 * A list field of the proposal form (derive-pm2's scenarios): a table with one row per item and one labelled input
 * per item field, rows added at the end and removed anywhere. The list is proposed whole; rows that differ from the
 * live row at the same position are marked.
 */
import type { ReactNode } from "react";
import { describeBounds, type FieldMeta } from "@/simulations/models/field-meta.ts";
import { errorKey, type FieldErrors, type FormValues } from "../lib/param-form.ts";
import {
  addListRow,
  type ListField,
  listRowCount,
  listRowDiffers,
  removeListRow,
  rowInputPath,
} from "../lib/param-form-list.ts";
import { MethodologyLink } from "../ui/methodology-link.tsx";
import { FieldError, NumberInput } from "./form-inputs.tsx";

function itemHint(meta: FieldMeta): string {
  if (meta.kind === "enum") return "";
  return [meta.unit, meta.bounds ? describeBounds(meta.bounds) : ""].filter(Boolean).join(", ");
}

/** Moves focus once React has rendered the rows a button added or removed. */
function focusSoon(id: string) {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}

export function ListFieldInputs({
  id,
  field,
  values,
  live,
  errors,
  changed,
  header,
  desc,
  descId,
  setValue,
  updateValues,
}: {
  /** The field's element id; inputs are `<id>-<row>-<item>`. */
  id: string;
  field: ListField;
  values: FormValues;
  /** The live list. */
  live: unknown;
  errors: FieldErrors;
  changed: boolean;
  header: ReactNode;
  desc: ReactNode;
  descId: string;
  setValue: (path: string, v: string) => void;
  /** Adds or removes rows (every input below a removed row moves up). */
  updateValues: (update: (old: FormValues) => FormValues) => void;
}) {
  const rows = listRowCount(field, values);
  const items = Object.entries(field.items);
  const noun = field.itemLabel.toLowerCase();
  const firstItem = items[0]?.[0] ?? "";
  const err = errors[errorKey(field.key)];
  const inputId = (row: number, item: string) => `${id}-${row}-${item}`;

  function add() {
    updateValues((old) => addListRow(field, old));
    focusSoon(inputId(rows, firstItem));
  }
  function remove(row: number) {
    updateValues((old) => removeListRow(field, old, row));
    // Focus stays in place: on the row that moved up into this one, else the one above; on the add button when
    // removing is no longer allowed.
    const left = rows - 1;
    focusSoon(left <= field.minItems ? `${id}-add` : `${id}-remove-${Math.min(row, left - 1)}`);
  }

  return (
    <fieldset className={`field list-field${changed ? " is-changed" : ""}`} aria-describedby={descId}>
      <legend>{header}</legend>
      {desc}
      <div className="table-scroll">
        <table className="data compact list-table">
          <caption className="visually-hidden">
            {field.itemLabel}s: one row per {noun}, one input per {noun} field
          </caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              {items.map(([key, meta]) => (
                <th scope="col" key={key} title={meta.description}>
                  {meta.label} <MethodologyLink doc={meta.doc} label={meta.label} newTab compact />
                  {itemHint(meta) && <span className="param-desc">{itemHint(meta)}</span>}
                </th>
              ))}
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: rows }, (_, row) => (
              // Rows are positions: a removed row's inputs move up, so the position is the key.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <tr key={row} className={listRowDiffers(field, values, live, row) ? "is-changed" : undefined}>
                <th scope="row" className="mono">
                  {row + 1}
                </th>
                {items.map(([key, meta]) => {
                  const path = rowInputPath(field, row, key);
                  const cellId = inputId(row, key);
                  const e = errors[errorKey(path)];
                  const errId = `${cellId}-error`;
                  return (
                    <td key={key} data-label={meta.label}>
                      <label htmlFor={cellId} className="visually-hidden">
                        {meta.label}, {noun} {row + 1}
                      </label>
                      {meta.kind === "enum" ? (
                        <select
                          id={cellId}
                          className="input"
                          value={values[path] ?? ""}
                          aria-invalid={!!e || undefined}
                          aria-describedby={e ? errId : undefined}
                          onChange={(ev) => setValue(path, ev.target.value)}
                        >
                          {(meta.options ?? []).map((o) => (
                            <option key={o} value={o}>
                              {o}
                            </option>
                          ))}
                        </select>
                      ) : (
                        <NumberInput
                          id={cellId}
                          value={values[path] ?? ""}
                          onChange={(v) => setValue(path, v)}
                          integer={meta.kind === "integer"}
                          {...(meta.bounds ? { bounds: meta.bounds } : {})}
                          describedBy={e ? errId : descId}
                          invalid={!!e}
                        />
                      )}
                      <FieldError id={errId} message={e} />
                    </td>
                  );
                })}
                <td>
                  <button
                    id={`${id}-remove-${row}`}
                    type="button"
                    className="button secondary small"
                    disabled={rows <= field.minItems}
                    onClick={() => remove(row)}
                  >
                    Remove
                    <span className="visually-hidden">
                      {" "}
                      {noun} {row + 1}
                    </span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="inline-form">
        <button
          id={`${id}-add`}
          type="button"
          className="button secondary small"
          disabled={rows >= field.maxItems}
          onClick={add}
        >
          Add {noun}
        </button>
        <span className="muted small-text" aria-live="polite">
          {rows} {noun}
          {rows === 1 ? "" : "s"} (allowed: {field.minItems} to {field.maxItems})
        </span>
      </div>
      <FieldError id={`${id}-error`} message={err} />
    </fieldset>
  );
}

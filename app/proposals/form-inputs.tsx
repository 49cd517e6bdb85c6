"use client";
/** Inputs shared by the proposal form's fields: a field's error line and a number typed as text. */
import type { ModelField } from "../lib/param-form.ts";

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="field-error">
      {message}
    </p>
  );
}

export function NumberInput(props: {
  id: string;
  value: string;
  onChange: (v: string) => void;
  integer: boolean;
  bounds?: ModelField["bounds"];
  describedBy: string;
  invalid: boolean;
  label?: string;
}) {
  const b = props.bounds;
  return (
    <input
      id={props.id}
      type="text"
      inputMode={props.integer ? "numeric" : "decimal"}
      autoComplete="off"
      spellCheck={false}
      className="input mono"
      value={props.value}
      aria-label={props.label}
      aria-describedby={props.describedBy}
      aria-invalid={props.invalid || undefined}
      data-min={b?.min}
      data-max={b?.max}
      onChange={(e) => props.onChange(e.target.value)}
    />
  );
}

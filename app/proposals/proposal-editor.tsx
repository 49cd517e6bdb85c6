"use client";
import { useMutation, useQuery, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useCallback, useEffect, useId, useMemo, useState } from "react";
import { describeBounds } from "@/simulations/models/field-meta.ts";
import { getAtPath } from "@/simulations/models/resolve-params.ts";
import { errorInfo, withoutFieldPaths } from "../lib/errors.ts";
import { formatParamValue, formatRelChange, formatUsd, relChange } from "../lib/format.ts";
import { isFractionUnit } from "../lib/number-input.ts";
import {
  applyChangesLocally,
  changesFromForm,
  changesOfDiff,
  diffRows,
  errorKey,
  type FieldErrors,
  type FormValues,
  formValuesOf,
  inputPath,
  listFieldOf,
  type ModelField,
  type Params,
  recordKeys,
  withDefaults,
} from "../lib/param-form.ts";
import { useDebounced } from "../lib/use-debounced.ts";
import { useTRPC } from "../trpc/client.ts";
import { DiffTable } from "../ui/diff-table.tsx";
import { Markdown } from "../ui/markdown.tsx";
import { MethodologyLink } from "../ui/methodology-link.tsx";
import { useMe } from "../wallet/session.ts";
import { SignInButton } from "../wallet/wallet-menu.tsx";
import { type DraftFields, useDraftAutosave } from "./draft-autosave.ts";
import { FieldError, NumberInput } from "./form-inputs.tsx";
import { ListFieldInputs } from "./list-field.tsx";

/** `errors` without the ones about `key` and the inputs below it. */
function dropErrorsUnder(errors: FieldErrors, key: string): FieldErrors {
  return Object.fromEntries(Object.entries(errors).filter(([k]) => k !== key && !k.startsWith(`${key}.`)));
}

export type DraftForEdit = {
  id: string;
  number: number;
  title: string;
  rationale: string;
  diff: { path: string; to: unknown }[];
};

function ParameterField({
  field,
  values,
  setValue,
  removeValue,
  updateValues,
  reset,
  live,
  errors,
  changed,
}: {
  field: ModelField;
  values: FormValues;
  setValue: (path: string, v: string) => void;
  removeValue: (path: string) => void;
  updateValues: (update: (old: FormValues) => FormValues) => void;
  reset: () => void;
  live: Params;
  errors: FieldErrors;
  changed: boolean;
}) {
  const id = `field-${field.key}`;
  const descId = `${id}-desc`;
  const errId = `${id}-error`;
  const err = errors[errorKey(field.key)];
  const [newAsset, setNewAsset] = useState("");
  const hint = [
    field.unit,
    field.bounds
      ? describeBounds(field.bounds)
      : field.valueBounds
        ? `each ${describeBounds(field.valueBounds)}`
        : "",
    isFractionUnit(field.unit) ? "type 0.15 or 15%" : "",
  ]
    .filter(Boolean)
    .join(" · ");
  const liveValue = getAtPath(live, field.key);
  const liveText =
    field.kind === "list" && Array.isArray(liveValue)
      ? `Live: ${liveValue.length} ${listFieldOf(field).itemLabel.toLowerCase()}s`
      : `Live: ${formatParamValue(liveValue, field.unit)}`;
  const header = (
    <>
      <span className="field-label">{field.label}</span>
      {changed && <span className="badge changed">changed</span>}
    </>
  );
  const desc = (
    <p id={descId} className="field-desc">
      {field.description} <span className="muted">{hint}</span> <span className="muted">· {liveText}</span>{" "}
      <MethodologyLink doc={field.doc} label={field.label} newTab />
      {changed && (
        <>
          {" "}
          <button type="button" className="link-button small-text" onClick={reset}>
            Reset to live<span className="visually-hidden"> {field.label}</span>
          </button>
        </>
      )}
    </p>
  );
  switch (field.kind) {
    case "number":
    case "integer":
      return (
        <div className={`field${changed ? " is-changed" : ""}`}>
          <label htmlFor={id}>{header}</label>
          {desc}
          <NumberInput
            id={id}
            value={values[field.key] ?? ""}
            onChange={(v) => setValue(field.key, v)}
            integer={field.kind === "integer"}
            {...(field.bounds ? { bounds: field.bounds } : {})}
            describedBy={err ? `${descId} ${errId}` : descId}
            invalid={!!err}
          />
          <FieldError id={errId} message={err} />
        </div>
      );
    case "enum":
      return (
        <div className={`field${changed ? " is-changed" : ""}`}>
          <label htmlFor={id}>{header}</label>
          {desc}
          <select
            id={id}
            className="input"
            value={values[field.key] ?? ""}
            aria-describedby={err ? `${descId} ${errId}` : descId}
            aria-invalid={!!err || undefined}
            onChange={(e) => setValue(field.key, e.target.value)}
          >
            {(field.options ?? []).map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
          <FieldError id={errId} message={err} />
        </div>
      );
    case "record": {
      const keys = recordKeys(field, values);
      return (
        <fieldset className={`field${changed ? " is-changed" : ""}`} aria-describedby={descId}>
          <legend>{header}</legend>
          {desc}
          <div className="record-grid">
            {keys.map((asset) => {
              const path = inputPath(field.key, asset);
              const e = errors[errorKey(path)];
              const inputId = `${id}-${asset}`;
              const isNew = !(asset in ((liveValue ?? {}) as object));
              return (
                <div key={asset} className="record-row">
                  <label htmlFor={inputId} className="mono">
                    {asset}
                  </label>
                  <NumberInput
                    id={inputId}
                    value={values[path] ?? ""}
                    onChange={(v) => setValue(path, v)}
                    integer={false}
                    {...(field.valueBounds ? { bounds: field.valueBounds } : {})}
                    describedBy={e ? `${inputId}-error` : descId}
                    invalid={!!e}
                  />
                  {isNew && (
                    <button
                      type="button"
                      className="button secondary small"
                      onClick={() => removeValue(path)}
                    >
                      Remove<span className="visually-hidden"> {asset}</span>
                    </button>
                  )}
                  <FieldError id={`${inputId}-error`} message={e} />
                </div>
              );
            })}
          </div>
          <div className="inline-form">
            <label htmlFor={`${id}-new`} className="visually-hidden">
              New asset symbol for {field.label}
            </label>
            <input
              id={`${id}-new`}
              className="input mono narrow"
              placeholder="SOL"
              value={newAsset}
              onChange={(e) => setNewAsset(e.target.value.toUpperCase())}
            />
            <button
              type="button"
              className="button secondary small"
              disabled={!/^[A-Z][A-Z0-9_]*$/.test(newAsset) || keys.includes(newAsset)}
              onClick={() => {
                setValue(inputPath(field.key, newAsset), "");
                setNewAsset("");
              }}
            >
              Add asset
            </button>
          </div>
          <FieldError id={errId} message={err} />
        </fieldset>
      );
    }
    case "scenarios": {
      const enabledPath = inputPath(field.key, "enabled");
      const enabled = values[enabledPath] === "yes";
      const pe = errors[errorKey(inputPath(field.key, "priceShocks"))];
      const ve = errors[errorKey(inputPath(field.key, "volShocks"))];
      return (
        <fieldset className={`field${changed ? " is-changed" : ""}`} aria-describedby={descId}>
          <legend>{header}</legend>
          {desc}
          <label className="checkbox">
            <input
              type="checkbox"
              checked={enabled}
              onChange={(e) => setValue(enabledPath, e.target.checked ? "yes" : "")}
            />{" "}
            Replace the generated grid with explicit shocks
          </label>
          {enabled && (
            <div className="record-grid">
              <label htmlFor={`${id}-price`}>Price shocks (relative, comma-separated)</label>
              <input
                id={`${id}-price`}
                className="input mono"
                value={values[inputPath(field.key, "priceShocks")] ?? ""}
                placeholder="-0.2, -0.1, 0, 0.1, 0.2"
                aria-invalid={!!pe || undefined}
                aria-describedby={pe ? `${id}-price-error` : undefined}
                onChange={(e) => setValue(inputPath(field.key, "priceShocks"), e.target.value)}
              />
              <FieldError id={`${id}-price-error`} message={pe} />
              <label htmlFor={`${id}-vol`}>Vol shocks (relative, comma-separated)</label>
              <input
                id={`${id}-vol`}
                className="input mono"
                value={values[inputPath(field.key, "volShocks")] ?? ""}
                placeholder="-0.3, 0, 0.3"
                aria-invalid={!!ve || undefined}
                aria-describedby={ve ? `${id}-vol-error` : undefined}
                onChange={(e) => setValue(inputPath(field.key, "volShocks"), e.target.value)}
              />
              <FieldError id={`${id}-vol-error`} message={ve} />
            </div>
          )}
          <FieldError id={errId} message={err} />
        </fieldset>
      );
    }
    case "list":
      return (
        <ListFieldInputs
          id={id}
          field={listFieldOf(field)}
          values={values}
          live={liveValue}
          errors={errors}
          changed={changed}
          header={header}
          desc={desc}
          descId={descId}
          setValue={setValue}
          updateValues={updateValues}
        />
      );
  }
}

function QuickPreview({
  changes,
  blocked,
  onFieldErrors,
}: {
  changes: Params;
  blocked: boolean;
  /** The server's objections to the changes, by field (rules the form does not check, e.g. a skew scenario's kind). */
  onFieldErrors: (errors: FieldErrors) => void;
}) {
  const trpc = useTRPC();
  const debounced = useDebounced(changes, 350);
  const { data, error, isFetching } = useQuery({
    ...trpc.proposals.preview.queryOptions({ changes: debounced }),
    enabled: !blocked,
    placeholderData: (prev) => prev,
    staleTime: 60_000,
    // Changes the server refuses stay refused: say why at once instead of after three retries.
    retry: (failures, e) => failures < 3 && (e.data?.httpStatus ?? 500) >= 500,
  });
  const fieldErrors = useMemo(
    () => (!blocked && error ? withoutFieldPaths(errorInfo(error).fieldErrors) : {}),
    [blocked, error],
  );
  useEffect(() => onFieldErrors(fieldErrors), [fieldErrors, onFieldErrors]);
  const headingId = useId();
  return (
    <section className="panel preview" aria-labelledby={headingId} aria-busy={isFetching}>
      <h2 id={headingId}>Quick preview</h2>
      <p className="muted small-text">
        Initial margin of typical accounts on today&apos;s market
        {data ? ` (close of ${data.market.date})` : ""}, live set vs your changes. The full stress simulation
        runs when you publish.
      </p>
      <div aria-live="polite" className="status-line">
        {blocked
          ? "Preview paused: fix the highlighted fields."
          : error
            ? `Preview unavailable: ${errorInfo(error).message}`
            : isFetching
              ? "Updating…"
              : data
                ? "Preview up to date."
                : ""}
      </div>
      {data && (
        <div className="table-scroll">
          <table className="data compact stack" aria-label="Quick preview: initial margin, live vs proposed">
            <thead>
              <tr>
                <th scope="col">Account</th>
                <th scope="col">Live</th>
                <th scope="col">Proposed</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {data.portfolios.map((p) => {
                const rc = relChange(p.live.initial, p.proposed.initial);
                return (
                  <tr key={p.id}>
                    <th scope="row" title={p.description}>
                      {p.name}
                    </th>
                    <td className="mono" data-label="Live">
                      {formatUsd(p.live.initial)}
                    </td>
                    <td className="mono" data-label="Proposed" data-testid={`preview-${p.id}`}>
                      {formatUsd(p.proposed.initial)}
                    </td>
                    <td
                      className={`mono ${rc === null || rc === 0 ? "" : rc > 0 ? "up" : "down"}`}
                      data-label="Change"
                    >
                      {formatRelChange(rc)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The proposal form: title, Markdown rationale, and a field for every parameter of the model, with bounds. */
export function ProposalEditor({ draft }: { draft: DraftForEdit | null }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const me = useMe();
  const { data: live } = useSuspenseQuery(trpc.parameters.live.queryOptions());
  const { data: model } = useQuery({
    ...trpc.parameters.model.queryOptions({ id: live?.model ?? "" }),
    enabled: !!live,
  });
  const fields = model?.fields as ModelField[] | undefined;
  const base = useMemo(() => (fields && live ? withDefaults(fields, live.params) : null), [fields, live]);
  if (!live)
    return <p className="panel">No live parameter set yet: there is nothing to propose changes to.</p>;
  if (!fields || !base) return <p className="muted">Loading the parameter model…</p>;
  return (
    <EditorForm
      key={draft?.id ?? "new"}
      draft={draft}
      fields={fields}
      live={base}
      liveVersion={live.version}
      signedIn={me.signedIn}
      onSaved={async (number) => {
        await queryClient.invalidateQueries({ queryKey: trpc.proposals.pathKey() });
        router.push(`/proposals/${number}`);
      }}
    />
  );
}

function EditorForm({
  draft,
  fields,
  live,
  liveVersion,
  signedIn,
  onSaved,
}: {
  draft: DraftForEdit | null;
  fields: ModelField[];
  live: Params;
  liveVersion: number;
  signedIn: boolean;
  onSaved: (number: number) => Promise<void>;
}) {
  const trpc = useTRPC();
  // What the form opened with: the saved draft, or the live set for a new proposal.
  const [initial] = useState(() => ({
    title: draft?.title ?? "",
    rationale: draft?.rationale ?? "",
    values: formValuesOf(
      fields,
      draft ? applyChangesLocally(fields, live, changesOfDiff(fields, draft.diff)) : live,
    ),
  }));
  const [title, setTitle] = useState(initial.title);
  const [rationale, setRationale] = useState(initial.rationale);
  const [showRendered, setShowRendered] = useState(false);
  const [filter, setFilter] = useState("");
  const [values, setValues] = useState<FormValues>(initial.values);
  const restoreFields = useCallback((f: DraftFields) => {
    setTitle(f.title);
    setRationale(f.rationale);
    setValues(f.values);
  }, []);
  const autosave = useDraftAutosave({
    draftId: draft?.id ?? null,
    liveVersion,
    initial,
    current: { title, rationale, values },
    restore: restoreFields,
  });
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [previewErrors, setPreviewErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const { changes, errors: clientErrors } = useMemo(
    () => changesFromForm(fields, values, live),
    [fields, values, live],
  );
  const rows = useMemo(() => diffRows(fields, live, changes), [fields, live, changes]);
  const errors = { ...previewErrors, ...serverErrors, ...clientErrors };
  const create = useMutation(trpc.proposals.createDraft.mutationOptions());
  const update = useMutation(trpc.proposals.updateDraft.mutationOptions());
  const saving = create.isPending || update.isPending;

  const setValue = (path: string, v: string) => {
    setValues((old) => ({ ...old, [path]: v }));
    // A list row's fields are checked together (a skew scenario's kind against its vol shock): editing one of them
    // may answer an error shown next to another.
    const row = /^(.+\.\d+)\.[^.]+$/.exec(path)?.[1];
    setServerErrors((old) => {
      const { [errorKey(path)]: _gone, changes: _c, ...rest } = old;
      return row ? dropErrorsUnder(rest, errorKey(row)) : rest;
    });
  };
  /** Adds or removes a list field's rows: errors about its rows no longer point at the same rows. */
  const updateListValues = (field: ModelField) => (update: (old: FormValues) => FormValues) => {
    setValues(update);
    setServerErrors((old) => dropErrorsUnder(old, errorKey(field.key)));
  };
  const removeValue = (path: string) =>
    setValues((old) => {
      const { [path]: _gone, ...rest } = old;
      return rest;
    });

  /** Puts a field (all its inputs, dropping assets the member added) back to the live value. */
  function resetField(field: ModelField) {
    setValues((old) => {
      const kept = Object.fromEntries(
        Object.entries(old).filter(([k]) => k !== field.key && !k.startsWith(`${field.key}.`)),
      );
      return { ...kept, ...formValuesOf([field], live) };
    });
    setServerErrors({});
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const local: FieldErrors = {};
    if (title.trim().length < 5) local.title = "at least 5 characters";
    if (rationale.trim().length < 20) local.rationale = "explain the change in at least 20 characters";
    if (rows.length === 0) local.changes = "change at least one parameter";
    if (Object.keys(local).length > 0 || Object.keys(clientErrors).length > 0) {
      setServerErrors(local);
      setFormError("Some fields need attention.");
      focusFirstError();
      return;
    }
    try {
      const input = { title, rationale, changes };
      const saved = draft
        ? await update.mutateAsync({ ...input, proposalId: draft.id })
        : await create.mutateAsync(input);
      autosave.forget();
      await onSaved(saved.number);
    } catch (err) {
      const info = errorInfo(err);
      setServerErrors(withoutFieldPaths(info.fieldErrors));
      setFormError(info.message);
      focusFirstError();
    }
  }

  function focusFirstError() {
    requestAnimationFrame(() => {
      const el = document.querySelector<HTMLElement>("[aria-invalid='true']");
      el?.focus();
    });
  }

  const changedKeys = new Set(Object.keys(changes));
  const q = filter.trim().toLowerCase();
  const shown = q
    ? fields.filter((f) => `${f.label} ${f.key} ${f.description}`.toLowerCase().includes(q))
    : fields;

  return (
    <form className="editor" onSubmit={submit} noValidate>
      {autosave.restored && (
        <div className="notice restored-draft" role="status">
          Restored unsaved changes from {new Date(autosave.restored.savedAt).toLocaleString()}
          {autosave.restored.parametersDropped
            ? " (title and rationale only: the live set has changed since, so the parameter edits were dropped)"
            : ""}
          .{" "}
          <button type="button" className="button secondary small" onClick={autosave.discard}>
            Discard them
          </button>
        </div>
      )}
      {!signedIn && (
        <div className="notice">
          You can explore changes and their preview without signing in; saving a draft needs a wallet.{" "}
          <SignInButton>Sign in</SignInButton>
        </div>
      )}
      <div className="editor-grid">
        <div className="editor-main">
          <section className="panel" aria-labelledby="about-heading">
            <h2 id="about-heading">About the change</h2>
            <div className="field">
              <label htmlFor="title">
                <span className="field-label">Title</span>
              </label>
              <input
                id="title"
                className="input"
                value={title}
                maxLength={200}
                aria-invalid={!!errors.title || undefined}
                aria-describedby={errors.title ? "title-error" : undefined}
                onChange={(e) => setTitle(e.target.value)}
              />
              <FieldError id="title-error" message={errors.title} />
            </div>
            <div className="field">
              <div className="label-row">
                <label htmlFor="rationale">
                  <span className="field-label">Rationale</span> <span className="muted">(Markdown)</span>
                </label>
                <button
                  type="button"
                  className="button secondary small"
                  onClick={() => setShowRendered((s) => !s)}
                >
                  {showRendered ? "Edit" : "Preview Markdown"}
                </button>
              </div>
              {showRendered ? (
                <div className="markdown-preview">
                  <Markdown>{rationale || "_Nothing written yet._"}</Markdown>
                </div>
              ) : (
                <textarea
                  id="rationale"
                  className="input"
                  rows={7}
                  value={rationale}
                  aria-invalid={!!errors.rationale || undefined}
                  aria-describedby={errors.rationale ? "rationale-error" : "rationale-hint"}
                  onChange={(e) => setRationale(e.target.value)}
                />
              )}
              <p id="rationale-hint" className="muted small-text">
                Why this change, what it costs and what it protects against. Reviewers read it next to the
                impact report.
              </p>
              <FieldError id="rationale-error" message={errors.rationale} />
            </div>
          </section>
          <section className="panel" aria-labelledby="params-heading">
            <div className="panel-head">
              <h2 id="params-heading">Parameters</h2>
              <span className="muted">against live v{liveVersion}</span>
            </div>
            <div className="field">
              <label htmlFor="param-filter">Find a parameter</label>
              <input
                id="param-filter"
                type="search"
                className="input"
                placeholder="e.g. scan range, haircut, liquidation"
                value={filter}
                onChange={(e) => setFilter(e.target.value)}
              />
            </div>
            {shown.length === 0 && <p className="muted">No parameter matches “{filter}”.</p>}
            <div className="fields">
              {shown.map((f) => (
                <ParameterField
                  key={f.key}
                  field={f}
                  values={values}
                  setValue={setValue}
                  removeValue={removeValue}
                  updateValues={updateListValues(f)}
                  reset={() => resetField(f)}
                  live={live}
                  errors={errors}
                  changed={changedKeys.has(f.key)}
                />
              ))}
            </div>
          </section>
        </div>
        <aside className="editor-side">
          <section className="panel" aria-labelledby="diff-heading" id="changes">
            <h2 id="diff-heading">
              Changes against live <span className="count">{rows.length}</span>
            </h2>
            <div aria-live="polite">
              <DiffTable rows={rows} />
            </div>
            <FieldError id="changes-error" message={errors.changes} />
          </section>
          <QuickPreview
            changes={changes}
            blocked={Object.keys(clientErrors).length > 0}
            onFieldErrors={setPreviewErrors}
          />
          <div className="panel actions">
            {formError && (
              <p role="alert" className="error">
                {formError}
              </p>
            )}
            <button type="submit" className="button" disabled={saving || !signedIn}>
              {saving ? "Saving…" : draft ? "Save draft" : "Save as draft"}
            </button>
            {autosave.dirty && (
              <p className="muted small-text">Unsaved changes are kept in this browser until you save.</p>
            )}
            <p className="muted small-text">
              A draft is visible only to you until you publish it. Publishing freezes the diff and queues the
              full simulation.
            </p>
          </div>
        </aside>
      </div>
      {rows.length > 0 && (
        <div className="mobile-summary">
          <span>
            {rows.length} change{rows.length === 1 ? "" : "s"}
            {Object.keys(clientErrors).length > 0 ? " · fix highlighted fields" : ""}
          </span>
          <a href="#changes" className="button small">
            Review and preview
          </a>
        </div>
      )}
    </form>
  );
}

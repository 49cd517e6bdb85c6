"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { type FormEvent, useId, useState } from "react";
import { errorInfo } from "../lib/errors.ts";
import { useTRPC } from "../trpc/client.ts";
import { useMe } from "../wallet/session.ts";

/** "" (the server's default) or a whole number within [min, max]; else why not. */
function wholeNumber(text: string, min: number, max: number): number | undefined | string {
  const t = text.trim();
  if (t === "") return undefined;
  const n = Number(t);
  if (!Number.isInteger(n)) return `"${t}" is not a whole number`;
  if (n < min || n > max) return `must be from ${min} to ${max}`;
  return n;
}

/**
 * Any member queues another run of a published proposal (`runs.queueExtra`): another seed, a larger population or
 * more Monte Carlo paths, to check that the report's conclusion does not hang on one draw. With `proposal` fixed
 * (its page) or chosen from the open proposals (the runs page).
 */
export function QueueExtraRun({ proposal }: { proposal?: { id: string; number: number } }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useMe();
  const id = useId();
  const { data: info } = useQuery(trpc.system.info.queryOptions());
  const { data: proposals } = useQuery({
    ...trpc.proposals.list.queryOptions({}),
    enabled: !proposal,
  });
  const choices = (proposals ?? []).filter((p) => p.state !== "draft");
  const [chosen, setChosen] = useState("");
  const [seed, setSeed] = useState("");
  const [accounts, setAccounts] = useState("");
  const [paths, setPaths] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const queue = useMutation(trpc.runs.queueExtra.mutationOptions());
  const maxAccounts = info?.runLimits.maxAccounts ?? 5_000;
  const maxPaths = info?.runLimits.maxPaths ?? 100;

  function submit(e: FormEvent) {
    e.preventDefault();
    const proposalId = proposal?.id ?? chosen;
    const s = wholeNumber(seed, 0, 2 ** 31 - 1);
    const a = wholeNumber(accounts, 10, maxAccounts);
    const p = wholeNumber(paths, 0, maxPaths);
    const next: Record<string, string> = {};
    if (!proposalId) next.proposal = "choose a proposal";
    if (typeof s === "string") next.seed = s;
    if (typeof a === "string") next.accounts = a;
    if (typeof p === "string") next.paths = p;
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    queue.mutate(
      {
        proposalId,
        ...(typeof s === "number" ? { seed: s } : {}),
        ...(typeof a === "number" ? { accounts: a } : {}),
        ...(typeof p === "number" ? { paths: p } : {}),
      },
      { onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.runs.pathKey() }) },
    );
  }

  const field = (
    key: string,
    label: string,
    value: string,
    set: (v: string) => void,
    placeholder: string,
  ) => (
    <div className="field compact-field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        className="input mono narrow"
        inputMode="numeric"
        value={value}
        placeholder={placeholder}
        aria-invalid={!!errors[key] || undefined}
        aria-describedby={errors[key] ? `${id}-${key}-error` : undefined}
        onChange={(e) => set(e.target.value)}
      />
      {errors[key] && (
        <p id={`${id}-${key}-error`} className="field-error">
          {errors[key]}
        </p>
      )}
    </div>
  );

  return (
    <form className="queue-extra" onSubmit={submit} noValidate aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Queue another run{proposal ? ` of #${proposal.number}` : ""}</h3>
      <p className="muted small-text">
        Another seed, population size or number of Monte Carlo paths, against the live set. Leave a field
        empty for the default. Identical inputs reuse the report already computed.
      </p>
      {!me.signedIn ? (
        <p className="muted">Sign in (top right) to queue a run.</p>
      ) : (
        <>
          <div className="inline-form">
            {!proposal && (
              <div className="field compact-field">
                <label htmlFor={`${id}-proposal`}>Proposal</label>
                <select
                  id={`${id}-proposal`}
                  className="input"
                  value={chosen}
                  aria-invalid={!!errors.proposal || undefined}
                  onChange={(e) => setChosen(e.target.value)}
                >
                  <option value="">Choose…</option>
                  {choices.map((p) => (
                    <option key={p.id} value={p.id}>
                      #{p.number} {p.title}
                    </option>
                  ))}
                </select>
                {errors.proposal && <p className="field-error">{errors.proposal}</p>}
              </div>
            )}
            {field("seed", "Seed", seed, setSeed, "1")}
            {field("accounts", "Accounts", accounts, setAccounts, `10 to ${maxAccounts}`)}
            {field("paths", "Monte Carlo paths", paths, setPaths, `0 to ${maxPaths}`)}
          </div>
          <button type="submit" className="button small" disabled={queue.isPending}>
            {queue.isPending ? "Queuing…" : "Queue run"}
          </button>
          {queue.data && (
            <p role="status">
              {queue.data.reusedReport ? "Identical inputs were already computed: " : "Queued: "}
              <Link href={`/runs/${queue.data.runId}`}>run {queue.data.runId.slice(0, 10)}</Link>.
            </p>
          )}
          {queue.error && (
            <p role="alert" className="error">
              {errorInfo(queue.error).message}
            </p>
          )}
        </>
      )}
    </form>
  );
}

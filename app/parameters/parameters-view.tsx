"use client";
import { useQuery, useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState } from "react";
import { downloadText } from "../lib/download.ts";
import { errorInfo } from "../lib/errors.ts";
import { formatDateTime, shortAddress } from "../lib/format.ts";
import type { ModelField } from "../lib/param-form.ts";
import { useTRPC, useTRPCClient } from "../trpc/client.ts";
import { DiffTable } from "../ui/diff-table.tsx";
import { ParameterTable } from "../ui/param-table.tsx";

function ExportButton({ version, label = "Export JSON" }: { version: number; label?: string }) {
  const client = useTRPCClient();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="button secondary small"
        onClick={async () => {
          setError(null);
          try {
            const v = await client.parameters.version.query({ version });
            const doc = {
              version: v.version,
              model: v.model,
              paramsHash: v.paramsHash,
              enactedBy: v.enactedBy,
              enactedAt: v.enactedAt,
              proposalId: v.proposalId,
              note: v.note,
              // The shape `marginlab margin --params` reads: the model id and every field.
              params: { model: v.model, ...(v.params as object) },
            };
            downloadText(`marginlab-parameters-v${v.version}.json`, `${JSON.stringify(doc, null, 2)}\n`);
          } catch (e) {
            setError(errorInfo(e).message);
          }
        }}
      >
        {label}
        <span className="visually-hidden"> of version {version}</span>
      </button>
      {error && (
        <span role="alert" className="error">
          {error}
        </span>
      )}
    </>
  );
}

function VersionDiff({
  initialFrom,
  initialTo,
  versions,
}: {
  initialFrom: number | null;
  initialTo: number | null;
  versions: number[];
}) {
  const trpc = useTRPC();
  const id = useId();
  const [from, setFrom] = useState(initialFrom);
  const [to, setTo] = useState(initialTo);
  const enabled = from !== null && to !== null;
  const { data, error, isFetching } = useQuery({
    ...trpc.parameters.diff.queryOptions({ from: from ?? 1, to: to ?? 1 }),
    enabled,
    placeholderData: (prev) => prev,
  });
  const setUrl = (f: number | null, t: number | null) => {
    if (f && t) window.history.replaceState(null, "", `/parameters?from=${f}&to=${t}#diff`);
  };
  return (
    <section className="panel" aria-labelledby={`${id}-h`} id="diff">
      <h2 id={`${id}-h`}>Compare versions</h2>
      <div className="inline-form">
        <label htmlFor={`${id}-from`}>From</label>
        <select
          id={`${id}-from`}
          value={from ?? ""}
          onChange={(e) => {
            const v = Number(e.target.value);
            setFrom(v);
            setUrl(v, to);
          }}
        >
          {versions.map((v) => (
            <option key={v} value={v}>
              v{v}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-to`}>To</label>
        <select
          id={`${id}-to`}
          value={to ?? ""}
          onChange={(e) => {
            const v = Number(e.target.value);
            setTo(v);
            setUrl(from, v);
          }}
        >
          {versions.map((v) => (
            <option key={v} value={v}>
              v{v}
            </option>
          ))}
        </select>
        {isFetching && <span className="muted">Comparing…</span>}
      </div>
      <div aria-live="polite">
        {error ? (
          <p className="error">{errorInfo(error).message}</p>
        ) : data ? (
          from === to ? (
            <p className="muted">Pick two different versions to see what changed.</p>
          ) : (
            <DiffTable
              rows={data}
              fromLabel={`v${from}`}
              toLabel={`v${to}`}
              caption={`Changes from v${from} to v${to}`}
            />
          )
        ) : null}
      </div>
    </section>
  );
}

export function ParametersView({
  initialFrom,
  initialTo,
}: {
  initialFrom: number | null;
  initialTo: number | null;
}) {
  const trpc = useTRPC();
  const { data: live } = useSuspenseQuery(trpc.parameters.live.queryOptions());
  const { data: history } = useSuspenseQuery(trpc.parameters.history.queryOptions());
  const { data: model } = useQuery({
    ...trpc.parameters.model.queryOptions({ id: live?.model ?? "" }),
    enabled: !!live,
  });
  if (!live) return <p className="muted">No parameter set has been enacted yet.</p>;
  const liveProposal = history.find((v) => v.version === live.version)?.proposalNumber ?? null;
  return (
    <>
      <section className="panel" aria-labelledby="live-heading">
        <div className="panel-head">
          <h2 id="live-heading">
            Live set <span className="muted">v{live.version}</span>
          </h2>
          <ExportButton version={live.version} />
        </div>
        <p className="muted">
          {model?.title ?? live.model} · hash <code>{live.paramsHash.slice(0, 16)}</code> · enacted{" "}
          {formatDateTime(live.enactedAt)}
          {liveProposal !== null && (
            <>
              {" "}
              from <Link href={`/proposals/${liveProposal}`}>#{liveProposal}</Link>
            </>
          )}
        </p>
        {model?.description && <p>{model.description}</p>}
        {model ? (
          <ParameterTable fields={model.fields as ModelField[]} params={live.params} />
        ) : (
          <p className="muted">Loading…</p>
        )}
      </section>
      <section className="panel" aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        <div className="table-scroll">
          <table className="data stack">
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Enacted</th>
                <th scope="col">By</th>
                <th scope="col">Note</th>
                <th scope="col">
                  <span className="visually-hidden">Export</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {history.map((v) => (
                <tr key={v.id}>
                  <th scope="row">
                    v{v.version}{" "}
                    {v.version === live.version && <span className="badge state-backed">live</span>}
                  </th>
                  <td data-label="Enacted">{formatDateTime(v.enactedAt)}</td>
                  <td data-label="By">
                    <code>{v.enactedBy.startsWith("0x") ? shortAddress(v.enactedBy) : v.enactedBy}</code>
                  </td>
                  <td data-label="Note">
                    {v.proposalNumber !== null ? (
                      <Link href={`/proposals/${v.proposalNumber}`}>{v.note}</Link>
                    ) : (
                      v.note
                    )}
                    {v.proposalId && v.version > 1 && (
                      <>
                        {" "}
                        <Link href={`/parameters?from=${v.version - 1}&to=${v.version}#diff`}>
                          what changed
                        </Link>
                      </>
                    )}
                  </td>
                  <td>
                    <ExportButton version={v.version} label="JSON" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <VersionDiff initialFrom={initialFrom} initialTo={initialTo} versions={history.map((v) => v.version)} />
    </>
  );
}

"use client";
import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { downloadText } from "../../lib/download.ts";
import { errorInfo } from "../../lib/errors.ts";
import { formatDateTime, shortAddress } from "../../lib/format.ts";
import { useTRPC } from "../../trpc/client.ts";

const show = (v: number | string | null) => (v === null ? "—" : typeof v === "number" ? String(v) : v);

/**
 * The proposal on chain: its lane (steward bounds, field by field), the registry's verdict on the enactment call,
 * the registry before and after the call on a fork of the chain, and the payload for the DAO's signers.
 */
export function OnChainPanel({
  proposalId,
  number,
  endorsements,
}: {
  proposalId: string;
  number: number;
  /** How many endorsements the page shows: the backing weight is read again when it changes. */
  endorsements: number;
}) {
  const trpc = useTRPC();
  const q = useQuery(trpc.chain.enactment.queryOptions({ proposalId }));
  const power = useQuery(trpc.chain.proposalPower.queryOptions({ proposalId }));
  const refetchPower = power.refetch;
  useEffect(() => {
    if (endorsements > 0) void refetchPower();
  }, [endorsements, refetchPower]);
  if (q.isPending) {
    return (
      <section className="panel" aria-labelledby="chain-heading">
        <h2 id="chain-heading">On chain</h2>
        <p className="muted">Reading the risk-parameter registry…</p>
      </section>
    );
  }
  if (q.error) {
    return (
      <section className="panel" aria-labelledby="chain-heading">
        <h2 id="chain-heading">On chain</h2>
        <p role="alert" className="error">
          {errorInfo(q.error).message}
        </p>
      </section>
    );
  }
  const e = q.data;
  if (!e.enabled) return null;
  const steward = e.lane === "steward";
  return (
    <section className="panel" aria-labelledby="chain-heading" id="on-chain">
      <h2 id="chain-heading">
        On chain:{" "}
        <span className={`badge ${steward ? "state-backed" : "state-active"}`}>
          {steward ? "steward lane" : "full vote"}
        </span>
      </h2>
      <p>
        {steward
          ? "Every changed field is within the registry's steward bounds: the stewards' multisig may enact it after the on-chain delay without a full token vote (still with its impact report and member review)."
          : "At least one change is beyond what the registry lets its steward do: it needs the full token vote and the DAO's executor."}
        {steward && e.stewardReadyAt && <> The steward may act from {formatDateTime(e.stewardReadyAt)}.</>}
      </p>
      {power.data?.enabled && (
        <p>
          Backing weight: <strong>{power.data.total} votes</strong> from {power.data.endorsers.length}{" "}
          endorsing member{power.data.endorsers.length === 1 ? "" : "s"}, delegated votes at block{" "}
          {power.data.block} (the last block before publication).
        </p>
      )}
      <div className="table-scroll">
        <table className="data stack" aria-label="Steward bounds, field by field">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Registry now</th>
              <th scope="col">Proposed</th>
              <th scope="col">Change</th>
              <th scope="col">Steward bound</th>
              <th scope="col">Lane</th>
            </tr>
          </thead>
          <tbody>
            {e.fields.map((f) => (
              <tr key={f.name}>
                <th scope="row">
                  {f.label} <code className="muted">{f.name}</code>
                </th>
                <td>{show(f.current)}</td>
                <td>{show(f.proposed)}</td>
                <td>{f.changePct === null ? "—" : `${f.changePct}%`}</td>
                <td>{f.boundPct === 0 ? "none" : `±${f.boundPct}%`}</td>
                <td className={f.withinBound ? "ok-text" : ""}>{f.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h3>The registry's verdict</h3>
      {e.check.ok ? (
        <p className="ok-text" role="status">
          The registry accepts <code>{e.call.functionName}</code> from{" "}
          <code title={e.call.sender}>{shortAddress(e.call.sender)}</code> (checked with eth_call at block{" "}
          {e.block}).
        </p>
      ) : (
        <p role="alert" className="error">
          The registry would refuse <code>{e.call.functionName}</code> now: {e.check.error}
        </p>
      )}

      <h3>Fork preview</h3>
      {e.preview === null ? (
        <p className="muted">The registry already holds this set.</p>
      ) : e.preview.available ? (
        <>
          <p className="muted">
            Read from the contract after executing the call on a snapshot of the chain (then reverted): what
            will be enacted is what was simulated.
            {e.preview.matchesProposal
              ? " The registry then holds exactly the proposed set and its hash."
              : ""}
          </p>
          <div className="table-scroll">
            <table className="data stack" aria-label="Registry before and after the call">
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Before</th>
                  <th scope="col">After</th>
                </tr>
              </thead>
              <tbody>
                {Object.keys(e.preview.after).map((name) => (
                  <tr key={name}>
                    <th scope="row">
                      <code>{name}</code>
                    </th>
                    <td>{show(e.preview?.available ? (e.preview.before[name] ?? null) : null)}</td>
                    <td>{show(e.preview?.available ? (e.preview.after[name] ?? null) : null)}</td>
                  </tr>
                ))}
                <tr>
                  <th scope="row">Set hash</th>
                  <td>
                    <code>{e.preview.hashBefore.slice(0, 12)}…</code>
                  </td>
                  <td>
                    <code>{e.preview.hashAfter.slice(0, 12)}…</code>
                  </td>
                </tr>
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <p className="muted">Not previewed: {e.preview.reason}.</p>
      )}

      <h3>Enactment payload</h3>
      <p className="muted">
        Registry <code title={e.registry}>{shortAddress(e.registry)}</code> on chain {e.chainId}; sender{" "}
        <code title={e.call.sender}>{shortAddress(e.call.sender)}</code>.
      </p>
      <div className="inline-form">
        <button
          type="button"
          className="button secondary small"
          onClick={() =>
            downloadText(`marginlab-proposal-${number}-safe-batch.json`, JSON.stringify(e.safeBatch, null, 2))
          }
        >
          Download Safe batch
        </button>
        <button
          type="button"
          className="button secondary small"
          onClick={() =>
            downloadText(
              `marginlab-proposal-${number}-calldata.json`,
              JSON.stringify({ chainId: e.chainId, ...e.call }, null, 2),
            )
          }
        >
          Download calldata
        </button>
      </div>
      <details>
        <summary>Raw calldata</summary>
        <p>
          <code className="hash">{e.call.data}</code>
        </p>
      </details>
    </section>
  );
}

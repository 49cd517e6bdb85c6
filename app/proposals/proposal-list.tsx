"use client";
import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState } from "react";
import { formatDay, shortAddress } from "../lib/format.ts";
import { useTRPC } from "../trpc/client.ts";
import { StateBadge, stateWords } from "../ui/state-badge.tsx";

const STATES = [
  "draft",
  "published",
  "backed",
  "submitted",
  "active",
  "passed",
  "rejected",
  "cancelled",
  "enacted",
];

export function ProposalList() {
  const trpc = useTRPC();
  const id = useId();
  const { data } = useSuspenseQuery(trpc.proposals.list.queryOptions({}));
  const [state, setState] = useState("");
  const shown = state ? data.filter((p) => p.state === state) : data;
  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <div className="panel-head">
        <h2 id={`${id}-h`} className="visually-hidden">
          All proposals
        </h2>
        <div className="inline-form">
          <label htmlFor={`${id}-state`}>State</label>
          <select
            id={`${id}-state`}
            className="input"
            value={state}
            onChange={(e) => setState(e.target.value)}
          >
            <option value="">All ({data.length})</option>
            {STATES.map((s) => {
              const n = data.filter((p) => p.state === s).length;
              return n > 0 ? (
                <option key={s} value={s}>
                  {stateWords(s)} ({n})
                </option>
              ) : null;
            })}
          </select>
        </div>
        <Link href="/proposals/new" className="button small">
          New proposal
        </Link>
      </div>
      {shown.length === 0 ? (
        <p className="muted">No proposals{state ? ` in this state` : " yet"}.</p>
      ) : (
        <div className="table-scroll">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Proposal</th>
                <th scope="col">State</th>
                <th scope="col">Changes</th>
                <th scope="col">Author</th>
                <th scope="col">Date</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <Link href={`/proposals/${p.number}`}>
                      <span className="muted">#{p.number}</span> {p.title}
                    </Link>
                  </th>
                  <td>
                    <StateBadge state={p.state} />
                  </td>
                  <td className="mono">{p.changes}</td>
                  <td>
                    <code title={p.author}>{shortAddress(p.author)}</code>
                  </td>
                  <td>{formatDay(p.publishedAt ?? p.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

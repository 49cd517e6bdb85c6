"use client";
import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState } from "react";
import {
  formatDay,
  formatInteger,
  formatRelChange,
  formatUsdPair,
  relChange,
  shortAddress,
} from "../lib/format.ts";
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

/** A proposal's report headline (server/services/reports/report-headline.ts). */
type Headline = {
  verdict: string;
  margin: { live: number; proposed: number } | null;
  risk: { label: string; kind: "usd" | "count"; live: number; proposed: number } | null;
};

const VERDICT_WORDS: Record<string, { text: string; tone: "better" | "worse" | "" }> = {
  "safer-and-costlier": { text: "Safer, costs more margin", tone: "" },
  "safer-and-cheaper": { text: "Safer and cheaper", tone: "better" },
  "safer-at-no-cost": { text: "Safer at the same margin", tone: "better" },
  "riskier-and-cheaper": { text: "Riskier, frees margin", tone: "" },
  "riskier-and-costlier": { text: "Riskier and costlier", tone: "worse" },
  "riskier-at-no-saving": { text: "Riskier at the same margin", tone: "worse" },
  "cheaper-same-risk": { text: "Frees margin, same risk", tone: "better" },
  "costlier-same-risk": { text: "Costs more margin, same risk", tone: "worse" },
  "no-change": { text: "No change", tone: "" },
  "not-comparable": { text: "Report of an older engine: re-run to compare", tone: "" },
};

/** "Safer, costs more margin: margin +12%; Bad debt 99% ES … $2.40M → $1.00M". */
function HeadlineCell({ h }: { h: Headline | null }) {
  if (!h) return <span className="muted">No report yet</span>;
  const words = VERDICT_WORDS[h.verdict] ?? { text: h.verdict, tone: "" };
  const risk = h.risk
    ? h.risk.kind === "usd"
      ? formatUsdPair(h.risk.live, h.risk.proposed)
      : [formatInteger(h.risk.live), formatInteger(h.risk.proposed)]
    : null;
  return (
    <span className="list-headline">
      <strong className={words.tone}>{words.text}</strong>
      {h.margin && (
        <span className="param-desc">
          Margin held {formatRelChange(relChange(h.margin.live, h.margin.proposed))} (
          {formatUsdPair(h.margin.live, h.margin.proposed).join(" \u2192 ")})
        </span>
      )}
      {h.risk && risk && (
        <span className="param-desc">
          {h.risk.label}: {risk[0]} → {risk[1]}
        </span>
      )}
    </span>
  );
}

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
          <table className="data stack">
            <thead>
              <tr>
                <th scope="col">Proposal</th>
                <th scope="col">State</th>
                <th scope="col">Verdict of its report</th>
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
                  <td data-label="State">
                    <StateBadge state={p.state} />
                    {p.stale && (
                      <span
                        className="badge changed"
                        title={`Simulated against live v${p.baseVersion}; the live set is now v${p.liveVersion}`}
                      >
                        stale: on v{p.baseVersion}, live is v{p.liveVersion}
                      </span>
                    )}
                  </td>
                  <td data-label="Verdict" className="stack-wide">
                    <HeadlineCell h={p.headline} />
                  </td>
                  <td className="mono" data-label="Changes">
                    {p.changes}
                  </td>
                  <td data-label="Author">
                    <code title={p.author}>{shortAddress(p.author)}</code>
                  </td>
                  <td data-label="Date">{formatDay(p.publishedAt ?? p.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

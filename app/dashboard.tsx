"use client";
import { useQuery, useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { formatDateTime, formatDay, formatPct, formatUsd, shortAddress } from "./lib/format.ts";
import type { ModelField } from "./lib/param-form.ts";
import { formatMetricPair } from "./lib/report-verdict.ts";
import { useTRPC } from "./trpc/client.ts";
import { ParameterTable } from "./ui/param-table.tsx";
import { StateBadge } from "./ui/state-badge.tsx";

const GROUPS: { title: string; states: string[]; empty: string }[] = [
  { title: "Open for review", states: ["published", "backed"], empty: "Nothing is open for review." },
  { title: "In the vote", states: ["submitted", "active"], empty: "No proposal is being voted on." },
  { title: "Your drafts", states: ["draft"], empty: "You have no drafts." },
  {
    title: "Decided",
    states: ["passed", "enacted", "rejected", "cancelled"],
    empty: "No proposal has been decided yet.",
  },
];

function MarketState() {
  const trpc = useTRPC();
  const { data, error } = useQuery(trpc.proposals.preview.queryOptions({ changes: {} }));
  if (error) return <p className="error">Market data is unavailable: {error.message}</p>;
  if (!data) return <p className="muted">Loading market data…</p>;
  return (
    <section className="panel" aria-labelledby="market-heading">
      <h2 id="market-heading">
        Market <span className="muted small-text">close of {data.market.date}</span>
      </h2>
      <div className="stat-grid">
        {Object.entries(data.market.assets).map(([sym, a]) => (
          <div className="stat" key={sym}>
            <div className="stat-label">{sym} spot</div>
            <div className="stat-value">{formatUsd(a.spot, { compact: false })}</div>
            <div className="stat-sub">DVOL {a.dvol === null ? "n/a" : formatPct(a.dvol)}</div>
          </div>
        ))}
      </div>
      <h3>
        What the live set (v{data.liveVersion}) charges typical accounts at the close of {data.market.date}
      </h3>
      <div className="table-scroll">
        <table className="data stack">
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Initial margin</th>
              <th scope="col">Standard margin</th>
              <th scope="col">
                <abbr title="Initial margin / standard margin: below 1, portfolio margin frees capital">
                  Ratio
                </abbr>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.portfolios.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  {p.name}
                  <span className="param-desc">{p.description}</span>
                </th>
                <td className="mono" data-label="Initial margin">
                  {formatUsd(p.live.initial)}
                </td>
                <td className="mono" data-label="Standard margin">
                  {formatUsd(p.live.standardInitial)}
                </td>
                <td className="mono" data-label="Ratio">
                  {p.live.standardInitial > 0
                    ? `${(p.live.initial / p.live.standardInitial).toFixed(2)}\u00d7`
                    : "n/a"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small-text">
        How these accounts are built and margined, and what standard margin is:{" "}
        <a href="/methodology#31-the-quick-preview">methodology, section 31</a> and{" "}
        <a href="/methodology#26-standard-margin-the-efficiency-baseline">section 26</a>.
      </p>
    </section>
  );
}

/**
 * The protocol under the live set, from the newest impact report whose live side is the live set; right after an
 * enactment, the enacted proposal's own report, whose proposed side became the live set.
 */
function LatestReport({ number }: { number: number }) {
  const trpc = useTRPC();
  const { data: p } = useSuspenseQuery(trpc.proposals.get.queryOptions({ number }));
  const view = p.report?.view ?? null;
  if (!view) return null;
  const status = p.baseStatus;
  const liveIsProposed = status.kind === "enacted" && status.isLive;
  // Only a report on the live set (one side or the other) describes the live protocol.
  if (!liveIsProposed && status.kind !== "current") return null;
  const stress = [
    "badDebtMonteCarloEs99",
    "badDebtWorstWindow",
    "accountsLiquidated",
    "accountsInsolvent",
    "coverage",
  ]
    .map((id) => view.metrics.find((m) => m.id === id))
    .filter((m) => m !== undefined);
  const today = view.today?.metrics ?? [];
  const card = (m: (typeof today)[number]) => {
    // Both sides at one precision, so rounding never hides a change ("$714.9M" beside "$1,002.3M", not "$1B").
    const [live, proposed] = formatMetricPair(m);
    return (
      <div className="stat" key={`${m.id}-${m.label}`}>
        <div className="stat-label">{m.label}</div>
        <div className="stat-value">{liveIsProposed ? proposed : live}</div>
        <div className="stat-sub">
          {liveIsProposed
            ? `before #${p.number} (v${p.baseVersion}): ${live}`
            : `#${p.number} proposes ${proposed}`}
        </div>
      </div>
    );
  };
  const population = view.population ? `the simulated population of ${view.population}` : "its population";
  return (
    <section className="panel" aria-labelledby="protocol-heading">
      <h2 id="protocol-heading">
        Protocol margin and efficiency <span className="muted">under live v{status.liveVersion}</span>
      </h2>
      <p className="muted">
        From the impact report of <Link href={`/proposals/${p.number}`}>#{p.number}</Link>
        {liveIsProposed
          ? `, whose proposed set was enacted as the live v${status.liveVersion}`
          : `, simulated against the live v${status.liveVersion}`}
        .
      </p>
      {today.length > 0 && (
        <>
          <h3>Today</h3>
          <p className="muted small-text" data-testid="margin-base">
            Margin held today{view.today?.asOf ? ` (${view.today.asOf}, the latest market snapshot)` : ""} by{" "}
            {population}: one moment, not summed over stress windows.
          </p>
          <div className="stat-grid">{today.map(card)}</div>
        </>
      )}
      {stress.length > 0 && (
        <>
          <h3>Under stress</h3>
          <p className="muted small-text">
            The same population through the report&apos;s historical stress windows and Monte Carlo paths.
          </p>
          <div className="stat-grid">{stress.map(card)}</div>
        </>
      )}
    </section>
  );
}

function Proposals() {
  const trpc = useTRPC();
  const { data: proposals } = useSuspenseQuery(trpc.proposals.list.queryOptions({}));
  return (
    <section className="panel" aria-labelledby="proposals-heading">
      <div className="panel-head">
        <h2 id="proposals-heading">Proposals</h2>
        <Link href="/proposals/new" className="button small">
          New proposal
        </Link>
      </div>
      <div className="group-grid">
        {GROUPS.map((g) => {
          const items = proposals.filter((p) => g.states.includes(p.state));
          if (g.states.includes("draft") && items.length === 0) return null;
          return (
            <div key={g.title} className="group">
              <h3>
                {g.title} <span className="count">{items.length}</span>
              </h3>
              {items.length === 0 ? (
                <p className="muted">{g.empty}</p>
              ) : (
                <ul className="proposal-list">
                  {items.map((p) => (
                    <li key={p.id}>
                      <Link href={`/proposals/${p.number}`}>
                        <span className="muted">#{p.number}</span> {p.title}
                      </Link>
                      <div className="meta">
                        <StateBadge state={p.state} /> {p.changes} change{p.changes === 1 ? "" : "s"} ·{" "}
                        <code>{shortAddress(p.author)}</code> · {formatDay(p.publishedAt ?? p.createdAt)}
                      </div>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          );
        })}
      </div>
    </section>
  );
}

function LiveParameters() {
  const trpc = useTRPC();
  const { data: live } = useSuspenseQuery(trpc.parameters.live.queryOptions());
  const { data: model } = useQuery({
    ...trpc.parameters.model.queryOptions({ id: live?.model ?? "" }),
    enabled: !!live,
  });
  if (!live) {
    return (
      <section className="panel" aria-labelledby="live-heading">
        <h2 id="live-heading">Live parameter set</h2>
        <p className="muted">No parameter set has been enacted yet.</p>
      </section>
    );
  }
  return (
    <section className="panel" aria-labelledby="live-heading">
      <div className="panel-head">
        <h2 id="live-heading">
          Live parameter set <span className="muted">v{live.version}</span>
        </h2>
        <Link href="/parameters">History and diffs</Link>
      </div>
      <p className="muted">
        {model?.title ?? live.model}, enacted {formatDateTime(live.enactedAt)} by{" "}
        <code>{shortAddress(live.enactedBy)}</code>
        {live.note ? `: ${live.note}` : ""}
      </p>
      {model ? (
        <ParameterTable fields={model.fields as ModelField[]} params={live.params} />
      ) : (
        <p className="muted">Loading field descriptions…</p>
      )}
    </section>
  );
}

export function Dashboard({ latestReportProposal }: { latestReportProposal: number | null }) {
  return (
    <div className="dashboard">
      <Proposals />
      {latestReportProposal !== null && <LatestReport number={latestReportProposal} />}
      <MarketState />
      <LiveParameters />
    </div>
  );
}

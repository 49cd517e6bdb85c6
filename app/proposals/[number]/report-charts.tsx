"use client";
import {
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  type ChartOptions,
  Legend,
  LinearScale,
  LineElement,
  LogarithmicScale,
  PointElement,
  Tooltip,
} from "chart.js";
import { type ReactNode, useId, useState } from "react";
import { Bar, Line, Scatter } from "react-chartjs-2";
import type {
  BacktestRow,
  FrontierView,
  MonteCarloView,
  ReportView,
  RiskArrayView,
  RiskGrid,
  WindowView,
} from "@/server/services/reports/report-view.ts";
import { formatInteger, formatPct, formatUsd, formatUsdPair } from "../../lib/format.ts";
import { backtestDetail, backtestWords } from "../../lib/report-verdict.ts";

// Only what these charts draw (react-chartjs-2's typed components register their own controllers).
ChartJS.register(
  CategoryScale,
  LinearScale,
  LogarithmicScale,
  PointElement,
  LineElement,
  BarElement,
  Tooltip,
  Legend,
);

const LIVE = "#5b6472";
const PROPOSED = "#2747d6";
const LIVE_SOFT = "rgba(91, 100, 114, 0.55)";
const PROPOSED_SOFT = "rgba(39, 71, 214, 0.7)";
const BAD = "#c0352b";

const usdTick = (v: string | number) => formatUsd(Number(v));

function base<T extends "line" | "bar" | "scatter">(
  extra: ChartOptions<T> = {} as ChartOptions<T>,
): ChartOptions<T> {
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } },
    ...extra,
  } as ChartOptions<T>;
}

/** A chart with a caption, a text summary for screen readers, and its numbers as a table on request. */
function Figure({
  title,
  summary,
  children,
  table,
}: {
  title: string;
  summary: string;
  children: ReactNode;
  table?: ReactNode;
}) {
  const id = useId();
  return (
    <figure className="chart-figure" aria-labelledby={`${id}-cap`}>
      <figcaption id={`${id}-cap`}>
        <strong>{title}</strong>
        <span className="chart-summary">{summary}</span>
      </figcaption>
      <div className="chart-box" role="img" aria-label={`${title}. ${summary}`}>
        {children}
      </div>
      {table && (
        <details className="chart-data">
          <summary>Data table</summary>
          <div className="table-scroll">{table}</div>
        </details>
      )}
    </figure>
  );
}

function FrontierChart({ f }: { f: FrontierView }) {
  const datasets = [
    {
      label: "Parameter sweep",
      data: f.points.map((p) => ({ x: p.x, y: p.y })),
      borderColor: "#98a2b3",
      backgroundColor: "#98a2b3",
      showLine: true,
      pointRadius: 3,
    },
    ...(f.live
      ? [
          {
            label: "Live",
            data: [f.live],
            backgroundColor: LIVE,
            borderColor: LIVE,
            pointRadius: 8,
            pointStyle: "rectRot" as const,
          },
        ]
      : []),
    ...(f.proposed
      ? [
          {
            label: "Proposed",
            data: [f.proposed],
            backgroundColor: PROPOSED,
            borderColor: PROPOSED,
            pointRadius: 8,
            pointStyle: "triangle" as const,
          },
        ]
      : []),
  ];
  let summary = `${f.points.length} points of the efficiency / insolvency trade-off.`;
  if (f.live && f.proposed) {
    const [lx, px] = formatUsdPair(f.live.x, f.proposed.x);
    const [ly, py] = formatUsdPair(f.live.y, f.proposed.y);
    summary = `Live: ${lx} margin held, ${ly} bad debt per window. Proposed: ${px} margin held, ${py} bad debt per window. Down and to the left is better; the sweep shows what each extra dollar of margin buys.`;
  }
  const fullSummary = f.description ? `${summary} ${f.description}` : summary;
  return (
    <Figure
      title="Efficiency vs insolvency frontier"
      summary={fullSummary}
      table={
        <table className="data compact">
          <thead>
            <tr>
              <th scope="col">Point</th>
              <th scope="col">{f.xLabel}</th>
              <th scope="col">{f.yLabel}</th>
            </tr>
          </thead>
          <tbody>
            {[
              ...f.points.map((p, i) => ({ ...p, name: p.label ?? `sweep ${i + 1}` })),
              ...(f.live ? [{ ...f.live, name: "live" }] : []),
              ...(f.proposed ? [{ ...f.proposed, name: "proposed" }] : []),
            ].map((p) => (
              <tr key={p.name}>
                <th scope="row">{p.name}</th>
                <td className="mono">{formatUsd(p.x)}</td>
                <td className="mono">{formatUsd(p.y)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <Scatter
        data={{ datasets }}
        options={base<"scatter">({
          scales: {
            x: { title: { display: true, text: f.xLabel }, ticks: { callback: usdTick } },
            y: { title: { display: true, text: f.yLabel }, ticks: { callback: usdTick } },
          },
        })}
      />
    </Figure>
  );
}

function DistributionChart({ view }: { view: ReportView }) {
  const d = view.distribution;
  if (!d) return null;
  const colors = [LIVE_SOFT, PROPOSED_SOFT];
  return (
    <Figure
      title="Margin ratio distribution"
      summary={
        d.description ??
        "Accounts per bin of initial margin / standard margin: below 1, portfolio margin frees capital."
      }
      table={
        <table className="data compact">
          <thead>
            <tr>
              <th scope="col">Portfolio / standard</th>
              {d.series.map((s) => (
                <th scope="col" key={s.label}>
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {d.bins.map((b, i) => (
              <tr key={b}>
                <th scope="row">{b}</th>
                {d.series.map((s) => (
                  <td className="mono" key={s.label}>
                    {formatInteger(s.counts[i])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <Bar
        data={{
          labels: d.bins,
          datasets: d.series.map((s, i) => ({
            label: s.label,
            data: s.counts,
            backgroundColor: colors[i % colors.length],
          })),
        }}
        options={base<"bar">({
          scales: {
            x: {
              title: { display: true, text: "Initial margin / standard margin (1 = no portfolio offset)" },
            },
            y: { title: { display: true, text: "Accounts" }, beginAtZero: true },
          },
        })}
      />
    </Figure>
  );
}

function WindowSummaryChart({ windows }: { windows: WindowView[] }) {
  if (windows.length === 0) return null;
  const delta = (w: WindowView) => (w.proposed.badDebt ?? 0) - (w.live.badDebt ?? 0);
  const most = windows.reduce((a, w) => (Math.abs(delta(w)) > Math.abs(delta(a)) ? w : a));
  const [mostLive, mostProposed] = formatUsdPair(most.live.badDebt, most.proposed.badDebt);
  const summary =
    delta(most) === 0
      ? "The proposal changes no window's bad debt."
      : `Largest ${delta(most) > 0 ? "increase" : "decrease"} in ${most.label}: ${mostLive} live, ${mostProposed} proposed.`;
  // Bad debt spans orders of magnitude across windows ($50k beside $100M): a log scale keeps every
  // bar readable. A log scale has no zero, so $0 is left undrawn and the summary says so.
  const positive = (x: number | null) => (x !== null && x > 0 ? x : null);
  const zeros = windows.filter((w) => !positive(w.live.badDebt) || !positive(w.proposed.badDebt)).length;
  const pct = (x: number | null) => (x === null ? "" : ` (${formatPct(x)})`);
  return (
    <Figure
      title="Bad debt per scenario group (mean per path, log scale)"
      summary={`${summary} A named window is one path; for the weekly cohorts, Monte Carlo and shock paths the bar is the mean per path.${zeros > 0 ? " Bars at $0 are not drawn (a log scale has no zero): see the data table." : ""}`}
      table={
        <table className="data compact">
          <thead>
            <tr>
              <th scope="col">Scenario group</th>
              <th scope="col">Bad debt per path, live</th>
              <th scope="col">Bad debt per path, proposed</th>
              <th scope="col">99% ES across paths, live</th>
              <th scope="col">99% ES across paths, proposed</th>
              <th scope="col">Accounts insolvent (distinct), live</th>
              <th scope="col">Accounts insolvent (distinct), proposed</th>
              <th scope="col">Accounts liquidated (distinct), live</th>
              <th scope="col">Accounts liquidated (distinct), proposed</th>
              <th scope="col">Initial margin at the first step, live</th>
              <th scope="col">Initial margin at the first step, proposed</th>
            </tr>
          </thead>
          <tbody>
            {windows.map((w) => {
              const [bl, bp] = formatUsdPair(w.live.badDebt, w.proposed.badDebt);
              const [el, ep] = formatUsdPair(w.live.badDebtTail, w.proposed.badDebtTail);
              const [ml, mp] = formatUsdPair(w.live.margin, w.proposed.margin);
              return (
                <tr key={w.id}>
                  <th scope="row">
                    {w.label}
                    {w.period && <span className="param-desc">{w.period}</span>}
                  </th>
                  <td className="mono">{bl}</td>
                  <td className="mono">{bp}</td>
                  <td className="mono">{w.live.badDebtTail === null ? "n/a" : el}</td>
                  <td className="mono">{w.proposed.badDebtTail === null ? "n/a" : ep}</td>
                  <td className="mono">
                    {formatInteger(w.live.insolvent)}
                    {pct(w.live.insolventShare)}
                  </td>
                  <td className="mono">
                    {formatInteger(w.proposed.insolvent)}
                    {pct(w.proposed.insolventShare)}
                  </td>
                  <td className="mono">
                    {formatInteger(w.live.liquidated)}
                    {pct(w.live.liquidatedShare)}
                  </td>
                  <td className="mono">
                    {formatInteger(w.proposed.liquidated)}
                    {pct(w.proposed.liquidatedShare)}
                  </td>
                  <td className="mono">{ml}</td>
                  <td className="mono">{mp}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      }
    >
      <Bar
        data={{
          labels: windows.map((w) => w.label),
          datasets: [
            { label: "Live", data: windows.map((w) => positive(w.live.badDebt)), backgroundColor: LIVE_SOFT },
            {
              label: "Proposed",
              data: windows.map((w) => positive(w.proposed.badDebt)),
              backgroundColor: PROPOSED_SOFT,
            },
          ],
        }}
        options={base<"bar">({
          indexAxis: "y",
          scales: {
            x: {
              type: "logarithmic",
              ticks: { callback: usdTick, maxTicksLimit: 6 },
              title: { display: true, text: "Bad debt per path (USD, log scale)" },
            },
            y: { ticks: { autoSkip: false } },
          },
        })}
      />
    </Figure>
  );
}

function WindowSeriesCharts({ windows }: { windows: WindowView[] }) {
  const withSeries = windows.filter((w) => w.series);
  const [selected, setSelected] = useState(withSeries[0]?.id ?? "");
  const id = useId();
  const w = withSeries.find((x) => x.id === selected) ?? withSeries[0];
  if (!w?.series) return null;
  const s = w.series;
  const labels = s.dates;
  const lineSets = [
    ...(s.live.margin
      ? [
          {
            label: "Margin, live",
            data: s.live.margin,
            borderColor: LIVE,
            backgroundColor: LIVE,
            yAxisID: "y",
            pointRadius: 0,
          },
        ]
      : []),
    ...(s.proposed.margin
      ? [
          {
            label: "Margin, proposed",
            data: s.proposed.margin,
            borderColor: PROPOSED,
            backgroundColor: PROPOSED,
            yAxisID: "y",
            pointRadius: 0,
          },
        ]
      : []),
    ...(s.live.badDebt
      ? [
          {
            label: "Bad debt, live",
            data: s.live.badDebt,
            borderColor: "#e08a82",
            backgroundColor: "#e08a82",
            borderDash: [6, 4],
            yAxisID: "y1",
            pointRadius: 0,
          },
        ]
      : []),
    ...(s.proposed.badDebt
      ? [
          {
            label: "Bad debt, proposed",
            data: s.proposed.badDebt,
            borderColor: BAD,
            backgroundColor: BAD,
            yAxisID: "y1",
            pointRadius: 0,
          },
        ]
      : []),
  ];
  const hasLiq = s.live.liquidations || s.proposed.liquidations;
  const sum = (a?: number[]) => (a ? a.reduce((x, y) => x + (Number.isFinite(y) ? y : 0), 0) : null);
  return (
    <div className="window-series">
      <div className="inline-form">
        <label htmlFor={`${id}-window`}>Stress window</label>
        <select
          id={`${id}-window`}
          className="input"
          value={w.id}
          onChange={(e) => setSelected(e.target.value)}
        >
          {withSeries.map((x) => (
            <option key={x.id} value={x.id}>
              {x.label}
              {x.period ? ` (${x.period})` : ""}
            </option>
          ))}
        </select>
      </div>
      {lineSets.length > 0 && (
        <Figure
          title={`Aggregate margin and bad debt: ${w.label}`}
          summary={`Over ${labels.length} days. Bad debt at the end: ${formatUsd(s.live.badDebt?.at(-1))} live, ${formatUsd(s.proposed.badDebt?.at(-1))} proposed.`}
        >
          <Line
            data={{ labels, datasets: lineSets }}
            options={base<"line">({
              interaction: { mode: "index", intersect: false },
              scales: {
                y: {
                  position: "left",
                  ticks: { callback: usdTick },
                  title: { display: true, text: "Initial margin (USD)" },
                },
                y1: {
                  position: "right",
                  beginAtZero: true,
                  grid: { drawOnChartArea: false },
                  ticks: { callback: usdTick },
                  title: { display: true, text: "Bad debt (USD)" },
                },
                x: { ticks: { maxTicksLimit: 8 } },
              },
            })}
          />
        </Figure>
      )}
      {hasLiq && (
        <Figure
          title={`Liquidations per day: ${w.label}`}
          summary={`${formatInteger(sum(s.live.liquidations))} liquidations live, ${formatInteger(sum(s.proposed.liquidations))} proposed.`}
        >
          <Bar
            data={{
              labels,
              datasets: [
                ...(s.live.liquidations
                  ? [{ label: "Live", data: s.live.liquidations, backgroundColor: LIVE_SOFT }]
                  : []),
                ...(s.proposed.liquidations
                  ? [{ label: "Proposed", data: s.proposed.liquidations, backgroundColor: PROPOSED_SOFT }]
                  : []),
              ],
            }}
            options={base<"bar">({
              scales: {
                y: { beginAtZero: true, title: { display: true, text: "Liquidations" } },
                x: { ticks: { maxTicksLimit: 8 } },
              },
            })}
          />
        </Figure>
      )}
    </div>
  );
}

/** Color of a loss (red) or gain (green) relative to the largest absolute value in the grid. */
function heat(x: number, max: number): string {
  if (!Number.isFinite(x) || max <= 0) return "transparent";
  const t = Math.min(1, Math.abs(x) / max);
  return x > 0 ? `rgba(192, 53, 43, ${0.08 + 0.72 * t})` : `rgba(18, 128, 92, ${0.08 + 0.6 * t})`;
}

function pctLabel(x: number) {
  return `${x > 0 ? "+" : x < 0 ? "\u2212" : ""}${Math.abs(x * 100).toFixed(0)}%`;
}

function RiskArrayHeatmap({ arrays }: { arrays: RiskArrayView[] }) {
  const [index, setIndex] = useState(0);
  const [side, setSide] = useState<"live" | "proposed">("proposed");
  const id = useId();
  const a = arrays[index] ?? arrays[0];
  if (!a) return null;
  const grid: RiskGrid | undefined = (side === "live" ? a.live : a.proposed) ?? a.live ?? a.proposed;
  if (!grid) return null;
  const max = Math.max(
    0,
    ...grid.losses
      .flat()
      .filter(Number.isFinite)
      .map((x) => Math.abs(x)),
  );
  const margin = a.margins?.[side] ?? null;
  return (
    <figure className="chart-figure" aria-labelledby={`${id}-cap`}>
      <figcaption id={`${id}-cap`}>
        <strong>Risk array: {a.account}</strong>
        <span className="chart-summary">
          Scenario losses (USD) under the {side} set: spot moves across, implied-vol moves down; red is a
          loss, green a gain.{margin !== null ? ` Initial margin ${formatUsd(margin)}.` : ""} {a.description}
        </span>
      </figcaption>
      <div className="inline-form">
        {arrays.length > 1 && (
          <>
            <label htmlFor={`${id}-acct`}>Account</label>
            <select
              id={`${id}-acct`}
              className="input"
              value={index}
              onChange={(e) => setIndex(Number(e.target.value))}
            >
              {arrays.map((x, i) => (
                <option key={x.account} value={i}>
                  {x.account}
                </option>
              ))}
            </select>
          </>
        )}
        {a.live && a.proposed && (
          <fieldset className="segmented">
            <legend className="visually-hidden">Parameter set</legend>
            <label>
              <input
                type="radio"
                name={`${id}-side`}
                checked={side === "live"}
                onChange={() => setSide("live")}
              />{" "}
              Live
            </label>
            <label>
              <input
                type="radio"
                name={`${id}-side`}
                checked={side === "proposed"}
                onChange={() => setSide("proposed")}
              />{" "}
              Proposed
            </label>
          </fieldset>
        )}
      </div>
      <div className="table-scroll">
        <table className="heatmap">
          <thead>
            <tr>
              <th scope="col">Vol ↓ spot →</th>
              {grid.priceShocks.map((p) => (
                <th scope="col" key={p}>
                  {pctLabel(p)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {grid.volShocks.map((v, vi) => (
              <tr key={v}>
                <th scope="row">{pctLabel(v)}</th>
                {grid.priceShocks.map((p, pi) => {
                  const x = grid.losses[vi]?.[pi] ?? Number.NaN;
                  return Number.isFinite(x) ? (
                    <td
                      key={p}
                      style={{ background: heat(x, max) }}
                      title={`spot ${pctLabel(p)}, vol ${pctLabel(v)}: loss ${formatUsd(x)}`}
                    >
                      {formatUsd(x)}
                    </td>
                  ) : (
                    <td key={p} className="muted">
                      <span aria-hidden="true">·</span>
                      <span className="visually-hidden">no scenario</span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

function MonteCarloChart({ mc }: { mc: MonteCarloView }) {
  const last = (a: number[]) => a.at(-1) ?? null;
  return (
    <Figure
      title="Monte Carlo: cumulative bad debt on one path, day by day"
      summary={`Mean and 95th percentile across the paths (per path, not summed). At the horizon, the 95th percentile is ${formatUsdPair(last(mc.live.p95), last(mc.proposed.p95)).join(" live and ")} proposed.`}
    >
      <Line
        data={{
          labels: mc.days,
          datasets: [
            {
              label: "Live, mean",
              data: mc.live.mean,
              borderColor: LIVE,
              backgroundColor: LIVE,
              pointRadius: 0,
            },
            {
              label: "Live, 95th pct",
              data: mc.live.p95,
              borderColor: LIVE,
              backgroundColor: LIVE,
              borderDash: [6, 4],
              pointRadius: 0,
            },
            {
              label: "Proposed, mean",
              data: mc.proposed.mean,
              borderColor: PROPOSED,
              backgroundColor: PROPOSED,
              pointRadius: 0,
            },
            {
              label: "Proposed, 95th pct",
              data: mc.proposed.p95,
              borderColor: PROPOSED,
              backgroundColor: PROPOSED,
              borderDash: [6, 4],
              pointRadius: 0,
            },
          ],
        }}
        options={base<"line">({
          interaction: { mode: "index", intersect: false },
          scales: {
            y: {
              beginAtZero: true,
              ticks: { callback: usdTick },
              title: { display: true, text: "Bad debt (USD)" },
            },
            x: { ticks: { maxTicksLimit: 8 } },
          },
        })}
      />
    </Figure>
  );
}

function BacktestCellView({ c }: { c: BacktestRow["live"] }) {
  if (!c) return <span className="muted">n/a</span>;
  return (
    <>
      <span className={`zone zone-${c.zone}`}>{c.zone ?? "n/a"}</span>{" "}
      <span>{backtestWords(c).replace(/^\w+ /, "")}</span>
      <span className="param-desc">{backtestDetail(c)}</span>
    </>
  );
}

function BacktestTable({ rows, confidence }: { rows: BacktestRow[]; confidence: number }) {
  if (rows.length === 0) return null;
  return (
    <div className="table-scroll">
      <table className="data compact stack">
        <caption>
          Margin backtest: does a step&apos;s loss exceed the margin held more often than the{" "}
          {formatPct(confidence, 0)} target allows? Basel traffic light (one-sided: green while the breach
          count is below the binomial 95% bound, red from 99.99%); Kupiec and Christoffersen as detail.
        </caption>
        <thead>
          <tr>
            <th scope="col">Scenario group</th>
            <th scope="col">Live</th>
            <th scope="col">Proposed</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <th scope="row">{r.label}</th>
              <td data-label="Live" className="stack-wide">
                <BacktestCellView c={r.live} />
              </td>
              <td data-label="Proposed" className="stack-wide">
                <BacktestCellView c={r.proposed} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The frontier on its own, for the report's first screen (the Snapshot body links its heading). */
export function FrontierSection({ view }: { view: ReportView }) {
  if (!view.frontier) return null;
  return (
    <section aria-labelledby="frontier-heading" className="charts frontier-first">
      <h3 id="frontier-heading">Efficiency and insolvency: where the proposal sits</h3>
      <FrontierChart f={view.frontier} />
    </section>
  );
}

export function ReportCharts({ view }: { view: ReportView }) {
  const any =
    view.distribution ||
    view.monteCarlo ||
    view.windows.length > 0 ||
    view.riskArrays.length > 0 ||
    view.backtests.length > 0;
  if (!any) return <p className="muted">This report has no chartable series.</p>;
  return (
    <div className="charts">
      {view.windows.length > 0 && (
        <section aria-labelledby="windows-heading">
          <h3 id="windows-heading">Stress windows</h3>
          <WindowSummaryChart windows={view.windows} />
          <WindowSeriesCharts windows={view.windows} />
        </section>
      )}
      {view.monteCarlo && (
        <section aria-labelledby="mc-heading">
          <h3 id="mc-heading">Monte Carlo</h3>
          <MonteCarloChart mc={view.monteCarlo} />
        </section>
      )}
      {view.distribution && (
        <section aria-labelledby="dist-heading">
          <h3 id="dist-heading">Margin ratios</h3>
          <DistributionChart view={view} />
        </section>
      )}
      {view.riskArrays.length > 0 && (
        <section aria-labelledby="risk-heading">
          <h3 id="risk-heading">Representative accounts</h3>
          <RiskArrayHeatmap arrays={view.riskArrays} />
        </section>
      )}
      {view.backtests.length > 0 && (
        <section aria-labelledby="coverage-heading">
          <h3 id="coverage-heading">Backtest</h3>
          <BacktestTable rows={view.backtests} confidence={view.context.confidence} />
        </section>
      )}
    </div>
  );
}

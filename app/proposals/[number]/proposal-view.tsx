"use client";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { cliCommands, type RunInputsForCli, reportFileName } from "../../lib/cli-commands.ts";
import { downloadText } from "../../lib/download.ts";
import { errorInfo } from "../../lib/errors.ts";
import { formatDateTime, shortAddress } from "../../lib/format.ts";
import { reportMarkdown } from "../../lib/report-markdown.ts";
import { useReportDownload } from "../../lib/use-report-download.ts";
import { QueueExtraRun } from "../../runs/queue-extra-run.tsx";
import { SnapshotPanel } from "../../snapshot/snapshot-panel.tsx";
import { useTRPC, useTRPCClient } from "../../trpc/client.ts";
import { DiffTable, type DiffTableRow } from "../../ui/diff-table.tsx";
import { Markdown } from "../../ui/markdown.tsx";
import { RunStatusBadge, StateBadge, stateWords } from "../../ui/state-badge.tsx";
import { useMe } from "../../wallet/session.ts";
import { BackingSection } from "./backing.tsx";
import { Comments } from "./comments.tsx";
import { OnChainPanel } from "./on-chain-panel.tsx";
import { ReportBody, Reproducibility } from "./report.tsx";
import { RunProgress } from "./run-progress.tsx";

function AuthorActions({ p }: { p: { id: string; number: number; state: string; stale: boolean } }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const publish = useMutation(trpc.proposals.publish.mutationOptions());
  const rebase = useMutation(trpc.proposals.rebase.mutationOptions());
  const cancel = useMutation(trpc.proposals.cancel.mutationOptions());
  const [confirmCancel, setConfirmCancel] = useState(false);
  const refresh = () => queryClient.invalidateQueries();
  const error = publish.error ?? rebase.error ?? cancel.error;
  return (
    <section className="panel actions-bar" aria-label="Author actions">
      {p.state === "draft" && (
        <>
          <Link href={`/proposals/${p.number}/edit`} className="button secondary">
            Edit draft
          </Link>
          <button
            type="button"
            className="button"
            disabled={publish.isPending}
            onClick={() => publish.mutate({ proposalId: p.id }, { onSuccess: () => refresh() })}
          >
            {publish.isPending ? "Publishing…" : "Publish and simulate"}
          </button>
        </>
      )}
      {p.stale && (p.state === "published" || p.state === "backed") && (
        <button
          type="button"
          className="button"
          disabled={rebase.isPending}
          onClick={() => rebase.mutate({ proposalId: p.id }, { onSuccess: () => refresh() })}
        >
          Rebase onto the live set and re-simulate
        </button>
      )}
      {["draft", "published", "backed", "submitted", "active"].includes(p.state) &&
        (confirmCancel ? (
          <span className="inline-form">
            <span>Cancel #{p.number} for good?</span>
            <button
              type="button"
              className="button danger small"
              disabled={cancel.isPending}
              onClick={() =>
                cancel.mutate(
                  { proposalId: p.id, reason: "withdrawn by the author" },
                  {
                    onSuccess: async () => {
                      setConfirmCancel(false);
                      await refresh();
                      router.refresh();
                    },
                  },
                )
              }
            >
              Yes, cancel it
            </button>
            <button type="button" className="button secondary small" onClick={() => setConfirmCancel(false)}>
              Keep it
            </button>
          </span>
        ) : (
          <button type="button" className="button secondary small" onClick={() => setConfirmCancel(true)}>
            Cancel proposal
          </button>
        ))}
      {p.state === "draft" && (
        <p className="muted small-text">
          Publishing freezes the diff, opens the proposal for review and queues the full stress simulation.
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {errorInfo(error).message}
        </p>
      )}
    </section>
  );
}

type BaseStatus =
  | { kind: "enacted"; version: number; isLive: boolean; liveVersion: number }
  | { kind: "current"; liveVersion: number }
  | { kind: "stale"; baseVersion: number; liveVersion: number }
  | { kind: "closed"; liveVersion: number };

/** Where the proposal stands against the live set, in the server's one definition (`proposalBaseStatus`). */
function BaseStatusNotice({ status, state }: { status: BaseStatus; state: string }) {
  if (status.kind === "enacted") {
    return (
      <div className="notice success" role="status">
        {status.isLive ? (
          <>
            Enacted: this proposal is the live parameter set,{" "}
            <Link href="/parameters">v{status.version}</Link>.
          </>
        ) : (
          <>
            Enacted as v{status.version}; a later proposal has since made{" "}
            <Link href="/parameters">v{status.liveVersion}</Link> the live set.
          </>
        )}
      </div>
    );
  }
  if (status.kind !== "stale") return null;
  return (
    <div className="notice warning" role="status">
      The live set is now v{status.liveVersion}; this proposal was simulated against v{status.baseVersion}.{" "}
      {state === "draft"
        ? "Save the draft again to rebase it onto the live set."
        : state === "published" || state === "backed"
          ? "It must be rebased and re-simulated before it can be backed."
          : "Members voted on a change to a set that is no longer live, so it cannot be enacted as voted."}
    </div>
  );
}

/** A steward makes a passed proposal the new live parameter set (the page then shows it enacted). */
function EnactButton({ proposalId }: { proposalId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const enact = useMutation(trpc.proposals.enact.mutationOptions());
  return (
    <section className="panel actions-bar" aria-label="Steward actions">
      <button
        type="button"
        className="button"
        disabled={enact.isPending}
        onClick={() => enact.mutate({ proposalId }, { onSuccess: () => queryClient.invalidateQueries() })}
      >
        Enact as the new live parameter set
      </button>
      {enact.error && (
        <p role="alert" className="error">
          {errorInfo(enact.error).message}
        </p>
      )}
    </section>
  );
}

export function ProposalView({ number }: { number: number }) {
  const trpc = useTRPC();
  const me = useMe();
  const client = useTRPCClient();
  const { data: p } = useSuspenseQuery(trpc.proposals.get.queryOptions({ number }));
  const view = p.report?.view ?? null;
  const reportDownload = useReportDownload();
  const latestRun = p.runs.find((r) => r.kind === "proposal") ?? p.runs[0] ?? null;
  const activeRun =
    latestRun &&
    (latestRun.status === "queued" || latestRun.status === "running" || latestRun.status === "failed")
      ? latestRun
      : null;
  const diff = p.diff as unknown as DiffTableRow[];
  const isAuthor = me.address !== null && me.address === p.author;
  const [copied, setCopied] = useState(false);

  async function exportMarkdown() {
    const run = p.currentRunId
      ? await client.runs.get.query({ runId: p.currentRunId }).catch(() => null)
      : null;
    const md = reportMarkdown({
      proposal: { ...p, diff },
      view,
      run,
      permalink: `${window.location.origin}/proposals/${p.number}`,
      cli:
        run && p.report
          ? cliCommands({
              inputs: run.inputs as RunInputsForCli,
              liveFile: `run-${run.id.slice(0, 10)}-live.json`,
              proposedFile: `run-${run.id.slice(0, 10)}-proposed.json`,
              reportFile: reportFileName(p.number, p.report.reportHash),
            })
          : null,
    });
    downloadText(`marginlab-proposal-${p.number}.md`, md, "text/markdown");
  }

  function exportJson() {
    if (!p.report) return;
    reportDownload.mutate({
      reportId: p.report.id,
      fileName: reportFileName(p.number, p.report.reportHash),
    });
  }

  return (
    <article className="proposal" aria-labelledby="proposal-title">
      <header className="proposal-head">
        <p className="muted breadcrumbs">
          <Link href="/proposals">Proposals</Link> / #{p.number}
        </p>
        <h1 id="proposal-title">
          <span className="muted">#{p.number}</span> {p.title}
        </h1>
        <div className="meta">
          <StateBadge state={p.state} /> by <code title={p.author}>{shortAddress(p.author)}</code> ·{" "}
          {p.baseStatus.kind === "enacted" ? (
            <>
              a change to v{p.baseVersion}, enacted as{" "}
              <Link href={`/parameters?from=${p.baseVersion}&to=${p.baseStatus.version}#diff`}>
                v{p.baseStatus.version}
              </Link>
              {p.baseStatus.isLive && " (the live set)"}
            </>
          ) : (
            <>based on live v{p.baseVersion}</>
          )}
          {p.publishedAt && <> · published {formatDateTime(p.publishedAt)}</>}
        </div>
        <div className="inline-form export-bar">
          <button type="button" className="button secondary small" onClick={exportMarkdown}>
            Export Markdown
          </button>
          <button
            type="button"
            className="button secondary small"
            onClick={exportJson}
            disabled={!p.report || reportDownload.isPending}
          >
            Export JSON
          </button>
          <a className="permalink" href={`/proposals/${p.number}`} title="Stable link to this proposal">
            Permalink <code>/proposals/{p.number}</code>
          </a>
          <button
            type="button"
            className="button secondary small"
            onClick={async () => {
              await navigator.clipboard
                .writeText(`${window.location.origin}/proposals/${p.number}`)
                .catch(() => {});
              setCopied(true);
              setTimeout(() => setCopied(false), 1500);
            }}
          >
            {copied ? "Link copied" : "Copy link"}
          </button>
        </div>
        {reportDownload.error && (
          <p role="alert" className="error">
            The report could not be downloaded: {errorInfo(reportDownload.error).message}
          </p>
        )}
      </header>

      <BaseStatusNotice status={p.baseStatus} state={p.state} />

      {(isAuthor || me.has("admin")) &&
        p.state !== "cancelled" &&
        p.state !== "enacted" &&
        p.state !== "rejected" && <AuthorActions p={p} />}

      {p.state === "passed" && me.has("steward") && <EnactButton proposalId={p.id} />}

      <section className="panel" aria-labelledby="diff-heading">
        <h2 id="diff-heading">Parameter changes</h2>
        <DiffTable
          rows={diff}
          fromLabel={
            p.baseStatus.kind === "enacted" ? `v${p.baseVersion} (before)` : `Live v${p.baseVersion}`
          }
        />
      </section>

      {p.state !== "draft" && p.state !== "cancelled" && p.state !== "enacted" && (
        <OnChainPanel proposalId={p.id} number={p.number} endorsements={p.endorsements.length} />
      )}

      <section className="panel" aria-labelledby="rationale-heading">
        <h2 id="rationale-heading">Rationale</h2>
        <Markdown>{p.rationale}</Markdown>
      </section>

      <section className="panel report" aria-labelledby="report-heading" id="report">
        <h2 id="report-heading">Impact report</h2>
        {activeRun && <RunProgress runId={activeRun.id} />}
        {view ? (
          <ReportBody view={view} />
        ) : p.state === "draft" ? (
          <p className="muted">The full simulation runs when the proposal is published.</p>
        ) : !activeRun ? (
          <p className="muted">No finished report on the proposal&apos;s base version yet.</p>
        ) : null}
      </section>

      {p.report && p.currentRunId && (
        <Reproducibility
          runId={p.currentRunId}
          view={p.report.view}
          report={{ id: p.report.id, fileName: reportFileName(p.number, p.report.reportHash) }}
        />
      )}

      {p.state !== "draft" && (
        <BackingSection
          p={{
            id: p.id,
            number: p.number,
            state: p.state,
            author: p.author,
            diffHash: p.diffHash,
            backing: p.backing,
            endorsements: p.endorsements,
            reviews: p.reviews,
            hasReport: p.report !== null,
          }}
        />
      )}

      <SnapshotPanel proposal={{ id: p.id, number: p.number, state: p.state }} />

      {p.state !== "draft" && (
        <Comments proposalId={p.id} author={p.author} recent={p.comments} count={p.commentCount} />
      )}

      <section className="panel" aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        <ol className="timeline">
          {p.transitions.map((t) => (
            <li key={t.id}>
              <time dateTime={new Date(t.at).toISOString()}>{formatDateTime(t.at)}</time>{" "}
              {t.from ? `${stateWords(t.from)} → ` : ""}
              <strong>{stateWords(t.to)}</strong> by{" "}
              <code>{t.actor.startsWith("0x") ? shortAddress(t.actor) : t.actor}</code>
              {t.note && <span className="muted"> · {t.note}</span>}
            </li>
          ))}
        </ol>
        {p.runs.length > 0 && (
          <>
            <h3>Runs</h3>
            <ul className="plain-list">
              {p.runs.map((r) => (
                <li key={r.id}>
                  <RunStatusBadge status={r.status} /> {r.kind} run{" "}
                  <Link href={`/runs/${r.id}`} title={`Run ${r.id}`}>
                    <code>{r.id.slice(0, 10)}</code>
                  </Link>{" "}
                  on v{r.baseVersion} · queued {formatDateTime(r.queuedAt)}
                  {r.id === p.currentRunId && <span className="badge state-backed">current report</span>}
                </li>
              ))}
            </ul>
            <Link href="/runs">All runs</Link>
          </>
        )}
        {p.state !== "draft" && <QueueExtraRun proposal={{ id: p.id, number: p.number }} />}
      </section>
    </article>
  );
}

import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getQueryClient, HydrateClient, trpc } from "../../trpc/server.tsx";
import { RunReportView } from "./run-report-view.tsx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Run" };

/** One run's own report: extra runs (other seeds, larger populations) are reviewed here. */
export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  let runId: string;
  try {
    const { run } = await getQueryClient().fetchQuery(trpc.runs.report.queryOptions({ runId: id }));
    runId = run.id;
  } catch (e) {
    // An unknown id (or an ambiguous prefix) is a missing page, not a view polling for a run that never comes.
    const code = (e as { code?: string }).code;
    if (code === "NOT_FOUND" || code === "CONFLICT" || code === "BAD_REQUEST") notFound();
    throw e;
  }
  // A short id names the run: its page lives at the full id, which stays valid as runs accumulate.
  if (runId !== id) redirect(`/runs/${runId}`);
  return (
    <HydrateClient>
      <RunReportView runId={runId} />
    </HydrateClient>
  );
}

import type { Metadata } from "next";
import { getQueryClient, HydrateClient, trpc } from "../../trpc/server.tsx";
import { RunReportView } from "./run-report-view.tsx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Run" };

/** One run's own report: extra runs (other seeds, larger populations) are reviewed here. */
export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await getQueryClient()
    .prefetchQuery(trpc.runs.report.queryOptions({ runId: id }))
    .catch(() => {});
  return (
    <HydrateClient>
      <RunReportView runId={id} />
    </HydrateClient>
  );
}

import type { Metadata } from "next";
import { Dashboard } from "./dashboard.tsx";
import { linkPreview } from "./lib/link-preview.ts";
import { getQueryClient, HydrateClient, trpc } from "./trpc/server.tsx";

// Reads the database on every request; never during `next build`.
export const dynamic = "force-dynamic";

/** The site's own link preview: what a shared link to MarginLab shows. */
export async function generateMetadata(): Promise<Metadata> {
  return linkPreview({
    title: "MarginLab",
    description:
      "Propose margin-parameter changes, see their simulated impact on capital efficiency and insolvency, and vote.",
    path: "/",
  });
}

export default async function DashboardPage() {
  const queryClient = getQueryClient();
  const [live, runs] = await Promise.all([
    queryClient.fetchQuery(trpc.parameters.live.queryOptions()),
    queryClient.fetchQuery(trpc.runs.list.queryOptions({ status: "succeeded" })),
    queryClient.prefetchQuery(trpc.proposals.list.queryOptions({})),
    queryClient.prefetchQuery(trpc.proposals.preview.queryOptions({ changes: {} })),
  ]);
  // The dashboard describes the live set: the newest proposal report simulated against it or, right after an
  // enactment (no report on the new set yet), the report of the proposal that was enacted as it.
  const reports = runs.filter((r) => r.kind === "proposal" && r.proposal !== null && r.reportId !== null);
  const latest = live
    ? (reports.find((r) => r.baseVersion === live.version) ??
      reports.find((r) => r.proposalId === live.proposalId && r.baseVersion === live.version - 1))
    : undefined;
  await Promise.all([
    live ? queryClient.prefetchQuery(trpc.parameters.model.queryOptions({ id: live.model })) : null,
    latest?.proposal
      ? queryClient.prefetchQuery(trpc.proposals.get.queryOptions({ number: latest.proposal.number }))
      : null,
  ]);
  return (
    <HydrateClient>
      <h1>Dashboard</h1>
      <Dashboard latestReportProposal={latest?.proposal?.number ?? null} />
    </HydrateClient>
  );
}

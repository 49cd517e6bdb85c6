import type { Metadata } from "next";
import { getQueryClient, HydrateClient, trpc } from "../trpc/server.tsx";
import { RunsView } from "./runs-view.tsx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Runs" };

export default async function RunsPage() {
  await getQueryClient().prefetchQuery(trpc.runs.list.queryOptions({}));
  return (
    <HydrateClient>
      <h1>Simulation runs</h1>
      <RunsView />
    </HydrateClient>
  );
}

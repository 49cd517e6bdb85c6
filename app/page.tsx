import { LiveParameterSet } from "./live-parameter-set.tsx";
import { getQueryClient, HydrateClient, trpc } from "./trpc/server.tsx";

// Reads the database on every request; never during `next build`.
export const dynamic = "force-dynamic";

export default async function DashboardPage() {
  await getQueryClient().prefetchQuery(trpc.parameters.live.queryOptions());
  return (
    <HydrateClient>
      <h1>Dashboard</h1>
      <LiveParameterSet />
    </HydrateClient>
  );
}

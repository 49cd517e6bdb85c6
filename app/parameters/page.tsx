import type { Metadata } from "next";
import { getQueryClient, HydrateClient, trpc } from "../trpc/server.tsx";
import { ParametersView } from "./parameters-view.tsx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Parameters" };

function version(x: string | string[] | undefined): number | null {
  const n = Number(Array.isArray(x) ? x[0] : x);
  return Number.isInteger(n) && n > 0 ? n : null;
}

export default async function ParametersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const sp = await searchParams;
  const queryClient = getQueryClient();
  const [live, history] = await Promise.all([
    queryClient.fetchQuery(trpc.parameters.live.queryOptions()),
    queryClient.fetchQuery(trpc.parameters.history.queryOptions()),
  ]);
  const newest = history[0]?.version ?? null;
  const to = version(sp.to) ?? newest;
  const from = version(sp.from) ?? history[1]?.version ?? newest;
  await Promise.all([
    live ? queryClient.prefetchQuery(trpc.parameters.model.queryOptions({ id: live.model })) : null,
    from && to ? queryClient.prefetchQuery(trpc.parameters.diff.queryOptions({ from, to })) : null,
  ]);
  return (
    <HydrateClient>
      <h1>Parameters</h1>
      <ParametersView initialFrom={from} initialTo={to} />
    </HydrateClient>
  );
}

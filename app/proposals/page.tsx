import type { Metadata } from "next";
import { getQueryClient, HydrateClient, trpc } from "../trpc/server.tsx";
import { ProposalList } from "./proposal-list.tsx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Proposals" };

export default async function ProposalsPage() {
  await getQueryClient().prefetchQuery(trpc.proposals.list.queryOptions({}));
  return (
    <HydrateClient>
      <h1>Proposals</h1>
      <ProposalList />
    </HydrateClient>
  );
}

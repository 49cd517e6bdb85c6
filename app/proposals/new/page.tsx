import type { Metadata } from "next";
import { getQueryClient, HydrateClient, trpc } from "../../trpc/server.tsx";
import { ProposalEditor } from "../proposal-editor.tsx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New proposal" };

export default async function NewProposalPage() {
  const queryClient = getQueryClient();
  const live = await queryClient.fetchQuery(trpc.parameters.live.queryOptions());
  if (live) await queryClient.prefetchQuery(trpc.parameters.model.queryOptions({ id: live.model }));
  return (
    <HydrateClient>
      <h1>New proposal</h1>
      <ProposalEditor draft={null} />
    </HydrateClient>
  );
}

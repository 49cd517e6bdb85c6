import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getQueryClient, HydrateClient, trpc } from "../../../trpc/server.tsx";
import { EditDraft } from "./edit-draft.tsx";

export const dynamic = "force-dynamic";

export async function generateMetadata({
  params,
}: {
  params: Promise<{ number: string }>;
}): Promise<Metadata> {
  return { title: `Edit proposal #${(await params).number}` };
}

export default async function EditProposalPage({ params }: { params: Promise<{ number: string }> }) {
  const number = Number((await params).number);
  if (!Number.isInteger(number) || number < 1) notFound();
  const queryClient = getQueryClient();
  const live = await queryClient.fetchQuery(trpc.parameters.live.queryOptions());
  await Promise.all([
    live ? queryClient.prefetchQuery(trpc.parameters.model.queryOptions({ id: live.model })) : null,
    queryClient.prefetchQuery(trpc.proposals.get.queryOptions({ number })),
  ]);
  return (
    <HydrateClient>
      <h1>Edit proposal #{number}</h1>
      <EditDraft number={number} />
    </HydrateClient>
  );
}

import type { Metadata } from "next";
import { getQueryClient, HydrateClient, trpc } from "../trpc/server.tsx";
import { StewardsView } from "./stewards-view.tsx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Stewards" };

export default async function StewardsPage() {
  await getQueryClient().prefetchQuery(trpc.users.listRoles.queryOptions());
  return (
    <HydrateClient>
      <h1>Stewards and admins</h1>
      <StewardsView />
    </HydrateClient>
  );
}

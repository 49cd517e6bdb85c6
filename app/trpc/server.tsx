import "server-only";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { headers } from "next/headers";
import { cache, type ReactNode } from "react";
import { createRequestContext } from "@/server/api/request-context.ts";
import { appRouter } from "@/server/api/root.ts";
import { makeQueryClient } from "./query-client.ts";

/** One query client per server request. */
export const getQueryClient = cache(makeQueryClient);

/** tRPC for server components: prefetch here, the client components read the same cache after hydration. */
export const trpc = createTRPCOptionsProxy({
  ctx: async () => createRequestContext(new Headers(await headers())),
  router: appRouter,
  queryClient: getQueryClient,
});

export function HydrateClient({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}

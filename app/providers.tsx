"use client";
import { type QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { type ReactNode, useState } from "react";
import superjson from "superjson";
import { WagmiProvider } from "wagmi";
import type { AppRouter } from "@/server/api/root.ts";
import { TRPCProvider } from "./trpc/client.ts";
import { makeQueryClient } from "./trpc/query-client.ts";
import { getConfig } from "./wallet/config.ts";
import type { DemoWallet } from "./wallet/demo-connector.ts";

let browserQueryClient: QueryClient | undefined;
function getQueryClient() {
  // On the server every render gets a fresh client; in the browser one lives for the page's lifetime.
  if (typeof window === "undefined") return makeQueryClient();
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}

export function Providers({
  children,
  chainId,
  demoWallets,
}: {
  children: ReactNode;
  chainId: number;
  demoWallets: DemoWallet[] | null;
}) {
  const queryClient = getQueryClient();
  const [wagmiConfig] = useState(() => getConfig({ chainId, demoWallets }));
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: "/api/trpc", transformer: superjson })],
    }),
  );
  return (
    <WagmiProvider config={wagmiConfig}>
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          {children}
        </TRPCProvider>
      </QueryClientProvider>
    </WagmiProvider>
  );
}

import type { Metadata, Viewport } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import "./globals.css";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { NavLinks } from "./nav-links.tsx";
import { Providers } from "./providers.tsx";
import { makeQueryClient } from "./trpc/query-client.ts";
import { trpc } from "./trpc/server.tsx";
import { WalletMenu } from "./wallet/wallet-menu.tsx";

export const metadata: Metadata = {
  title: { default: "MarginLab", template: "%s · MarginLab" },
  description: "Simulate, review and vote on portfolio-margin risk parameters.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

// Who is signed in comes from the request's cookie: never rendered at build time.
export const dynamic = "force-dynamic";

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Its own query client: the page's client may hold queries still pending (streamed to the browser), and a page
  // query that fails (a proposal that does not exist) must not reach the browser through the layout.
  const queryClient = makeQueryClient();
  const [info] = await Promise.all([
    queryClient.fetchQuery(trpc.system.info.queryOptions()),
    queryClient.prefetchQuery(trpc.auth.me.queryOptions()),
  ]);
  return (
    <html lang="en">
      <body>
        <a href="#content" className="skip-link">
          Skip to content
        </a>
        <Providers chainId={info.chainId} demoWallets={info.demoWallets}>
          <HydrationBoundary state={dehydrate(queryClient)}>
            <header className="site-header">
              <Link href="/" className="brand">
                MarginLab
              </Link>
              <NavLinks />
              <WalletMenu />
            </header>
          </HydrationBoundary>
          <main id="content" className="page">
            {children}
          </main>
          <footer className="site-footer muted">
            MarginLab: risk-parameter governance for a portfolio-margined options and perps protocol. Every
            report is reproducible from its inputs with <code>npm run -s marginlab</code>.
          </footer>
        </Providers>
      </body>
    </html>
  );
}

import type { Metadata, Viewport } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import "./globals.css";
import { Providers } from "./providers.tsx";

export const metadata: Metadata = {
  title: { default: "MarginLab", template: "%s · MarginLab" },
  description: "Simulate, review and vote on portfolio-margin risk parameters.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>
          <header className="site-header">
            <Link href="/" className="brand">
              MarginLab
            </Link>
            <nav aria-label="Main">
              <Link href="/">Dashboard</Link>
            </nav>
          </header>
          <main className="page">{children}</main>
        </Providers>
      </body>
    </html>
  );
}

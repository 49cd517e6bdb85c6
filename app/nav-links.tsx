"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/", label: "Dashboard" },
  { href: "/proposals", label: "Proposals" },
  { href: "/parameters", label: "Parameters" },
  { href: "/runs", label: "Runs" },
  { href: "/stewards", label: "Stewards" },
  { href: "/methodology", label: "Methodology" },
] as const;

export function NavLinks() {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="main-nav">
      {LINKS.map((l) => {
        const active =
          l.href === "/"
            ? pathname === "/"
            : pathname === l.href || (pathname.startsWith(`${l.href}/`) && pathname !== "/proposals/new");
        return (
          <Link key={l.href} href={l.href} aria-current={active ? "page" : undefined}>
            {l.label}
          </Link>
        );
      })}
      <Link
        href="/proposals/new"
        className="nav-cta"
        aria-current={pathname === "/proposals/new" ? "page" : undefined}
      >
        New proposal
      </Link>
    </nav>
  );
}

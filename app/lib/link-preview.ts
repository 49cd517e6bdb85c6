import type { Metadata } from "next";
import { headers } from "next/headers";

/**
 * Link previews (Open Graph, Twitter cards) for pages shared on a forum, chat or Snapshot: a title, a description
 * and the report card public/og-report.png (rendered by scripts/render-public-images.ts). Crawlers need absolute
 * URLs, so the metadata carries the site's origin.
 */
export const LINK_PREVIEW_IMAGE = {
  url: "/og-report.png",
  width: 1200,
  height: 630,
  alt: "MarginLab impact report: live against proposed margin parameters, simulated under stress",
} as const;

/**
 * The origin users see: APP_URL when it is set (behind a proxy the request's host may be an internal one), else
 * this request's Host header (not X-Forwarded-Host, which any client can set).
 */
async function siteOrigin(): Promise<URL> {
  const configured = process.env.APP_URL;
  if (configured) return new URL(new URL(configured).origin);
  const h = await headers();
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https" ? "https" : "http";
  return new URL(`${proto}://${h.get("host") ?? "localhost"}`);
}

export async function linkPreview(args: {
  title: string;
  description: string;
  /** The page's path, e.g. `/proposals/12`. */
  path: string;
  type?: "website" | "article";
}): Promise<Metadata> {
  const { title, description, path } = args;
  return {
    metadataBase: await siteOrigin(),
    alternates: { canonical: path },
    openGraph: {
      type: args.type ?? "website",
      siteName: "MarginLab",
      title,
      description,
      url: path,
      images: [LINK_PREVIEW_IMAGE],
    },
    twitter: {
      card: "summary_large_image",
      title,
      description,
      images: [{ url: LINK_PREVIEW_IMAGE.url, alt: LINK_PREVIEW_IMAGE.alt }],
    },
  };
}

import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Metadata } from "next";
import { linkPreview } from "../lib/link-preview.ts";
import { DocMarkdown } from "../ui/doc-markdown.tsx";

const DESCRIPTION =
  "How MarginLab builds its market scenarios, margins accounts under each model, simulates liquidations and judges the results: every parameter explained.";

export async function generateMetadata(): Promise<Metadata> {
  return {
    title: "Methodology",
    description: DESCRIPTION,
    ...(await linkPreview({
      title: "MarginLab methodology",
      description: DESCRIPTION,
      path: "/methodology",
    })),
  };
}

/**
 * docs/methodology.md as a page of the app (a member reading a report or editing a proposal has no repository at
 * hand). Read from the project folder (cwd) like the market data: inside Next's server bundle a module-relative
 * path points into `.next/`. Read once per server process: the file changes only with a new build.
 */
let methodology: Promise<string> | undefined;

function readMethodology(): Promise<string> {
  methodology ??= readFile(join(process.cwd(), "docs/methodology.md"), "utf8").catch((e: unknown) => {
    methodology = undefined; // a failed read is retried by the next request
    throw e;
  });
  return methodology;
}

export default async function MethodologyPage() {
  return (
    <article className="panel doc-page">
      <DocMarkdown>{await readMethodology()}</DocMarkdown>
    </article>
  );
}

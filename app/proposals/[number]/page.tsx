import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { linkPreview } from "../../lib/link-preview.ts";
import { verdictSentence } from "../../lib/report-verdict.ts";
import { getQueryClient, HydrateClient, trpc } from "../../trpc/server.tsx";
import { ProposalView } from "./proposal-view.tsx";

export const dynamic = "force-dynamic";

function parseNumber(s: string) {
  const n = Number(s);
  return Number.isInteger(n) && n > 0 && n < 2 ** 31 ? n : null;
}

export async function generateMetadata({
  params,
}: {
  params: Promise<{ number: string }>;
}): Promise<Metadata> {
  const number = parseNumber((await params).number);
  if (number === null) return { title: "Proposal" };
  try {
    const p = await getQueryClient().fetchQuery(trpc.proposals.get.queryOptions({ number }));
    const title = `#${p.number} ${p.title}`;
    // The verdict is in the view the page reads anyway: a shared permalink says what the proposal does.
    const verdict = p.report ? verdictSentence(p.report.view) : null;
    const description = verdict
      ? `MarginLab impact report, proposed vs live: ${verdict}.`
      : `MarginLab proposal #${p.number} (${p.state}): its impact report on margin and insolvency.`;
    return {
      title,
      description,
      ...(await linkPreview({ title, description, path: `/proposals/${p.number}`, type: "article" })),
    };
  } catch {
    return { title: `Proposal #${number}` };
  }
}

/** The permalink of a proposal: /proposals/<number>. Its page is the impact report. */
export default async function ProposalPage({ params }: { params: Promise<{ number: string }> }) {
  const number = parseNumber((await params).number);
  if (number === null) notFound();
  try {
    await getQueryClient().fetchQuery(trpc.proposals.get.queryOptions({ number }));
  } catch (e) {
    // No such proposal, or a draft the caller did not write.
    if ((e as { code?: string }).code === "NOT_FOUND") notFound();
    throw e;
  }
  return (
    <HydrateClient>
      <ProposalView number={number} />
    </HydrateClient>
  );
}

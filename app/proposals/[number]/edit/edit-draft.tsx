"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { errorInfo } from "../../../lib/errors.ts";
import { useTRPC } from "../../../trpc/client.ts";
import { useMe } from "../../../wallet/session.ts";
import { SignInButton } from "../../../wallet/wallet-menu.tsx";
import { ProposalEditor } from "../../proposal-editor.tsx";

export function EditDraft({ number }: { number: number }) {
  const trpc = useTRPC();
  const me = useMe();
  const { data, error, isPending } = useQuery(trpc.proposals.get.queryOptions({ number }));
  if (isPending) return <p className="muted">Loading…</p>;
  if (error || !data) {
    return (
      <div className="panel">
        <p className="error">{error ? errorInfo(error).message : "Not found."}</p>
        {!me.signedIn && (
          <p>
            Drafts are visible to their author only. <SignInButton>Sign in to edit</SignInButton>
          </p>
        )}
      </div>
    );
  }
  if (data.state !== "draft") {
    return (
      <p className="panel">
        #{number} is {data.state}: its diff is frozen.{" "}
        <Link href={`/proposals/${number}`}>Back to the proposal</Link>
      </p>
    );
  }
  return (
    <ProposalEditor
      draft={{
        id: data.id,
        number: data.number,
        title: data.title,
        rationale: data.rationale,
        diff: data.diff as { path: string; to: unknown }[],
      }}
    />
  );
}

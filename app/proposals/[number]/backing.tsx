"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { errorInfo } from "../../lib/errors.ts";
import { formatDateTime, shortAddress } from "../../lib/format.ts";
import { useTRPC, useTRPCClient } from "../../trpc/client.ts";
import { Markdown } from "../../ui/markdown.tsx";
import { useMe, useSignTypedDataAsMe } from "../../wallet/session.ts";
import { SignInButton } from "../../wallet/wallet-menu.tsx";

type Backing = {
  endorsements: number;
  needed: number;
  stewardApproved: boolean;
  reportOnLiveVersion: boolean;
  reportHash: string | null;
  backed: boolean;
};

export type BackingProposal = {
  id: string;
  number: number;
  state: string;
  author: string;
  diffHash: string;
  backing: Backing;
  endorsements: { id: string; address: string; reportHash: string; createdAt: Date }[];
  reviews: {
    id: string;
    steward: string;
    verdict: string;
    comment: string;
    reportHash: string;
    createdAt: Date;
  }[];
  hasReport: boolean;
};

const OPEN = new Set(["published", "backed"]);

function Check({ ok, children }: { ok: boolean; children: React.ReactNode }) {
  return (
    <li className={ok ? "check ok" : "check"}>
      <span aria-hidden="true">{ok ? "✓" : "○"}</span>{" "}
      <span className="visually-hidden">{ok ? "Done: " : "Missing: "}</span>
      {children}
    </li>
  );
}

function EndorseButton({ p }: { p: BackingProposal }) {
  const client = useTRPCClient();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sign = useSignTypedDataAsMe();
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div className="endorse">
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            setStatus("Fetching what to sign…");
            const typed = await client.proposals.endorsementRequest.query({ proposalId: p.id });
            setStatus("Sign the endorsement in your wallet…");
            const signature = await sign(typed);
            setStatus("Recording the endorsement…");
            const { state } = await client.proposals.endorse.mutate({ proposalId: p.id, signature });
            setStatus(state === "backed" ? "Endorsed. The proposal is now backed." : "Endorsed.");
            await queryClient.invalidateQueries({ queryKey: trpc.proposals.pathKey() });
          } catch (e) {
            setStatus(null);
            setError(errorInfo(e).message);
          } finally {
            setBusy(false);
          }
        }}
      >
        Endorse with my wallet
      </button>
      <p className="muted small-text">
        You sign (EIP-712, no transaction) this proposal&apos;s diff hash{" "}
        <code>{p.diffHash.slice(0, 10)}</code> and report hash{" "}
        <code>{p.backing.reportHash?.slice(0, 10)}</code>. A changed diff or report needs a new signature.
      </p>
      <div aria-live="polite" className="status-line">
        {status}
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}

function ReviewForm({ p }: { p: BackingProposal }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [verdict, setVerdict] = useState<"approve" | "concerns">("approve");
  const [comment, setComment] = useState("");
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const review = useMutation(trpc.proposals.review.mutationOptions());
  const commentError = fieldErrors.comment;
  return (
    <form
      className="review-form"
      aria-labelledby={`${id}-h`}
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        setFieldErrors({});
        if (verdict === "concerns" && comment.trim() === "") {
          setFieldErrors({ comment: "say what the concerns are" });
          return;
        }
        try {
          await review.mutateAsync({ proposalId: p.id, verdict, comment });
          setComment("");
          await queryClient.invalidateQueries({ queryKey: trpc.proposals.pathKey() });
        } catch (err) {
          setFieldErrors(errorInfo(err).fieldErrors);
        }
      }}
    >
      <h3 id={`${id}-h`}>Steward review</h3>
      <fieldset>
        <legend>Verdict on the current report</legend>
        <label className="radio">
          <input
            type="radio"
            name={`${id}-verdict`}
            value="approve"
            checked={verdict === "approve"}
            onChange={() => setVerdict("approve")}
          />{" "}
          Approve
        </label>
        <label className="radio">
          <input
            type="radio"
            name={`${id}-verdict`}
            value="concerns"
            checked={verdict === "concerns"}
            onChange={() => setVerdict("concerns")}
          />{" "}
          Raise concerns
        </label>
      </fieldset>
      <label htmlFor={`${id}-comment`}>
        Comment {verdict === "concerns" ? "(required)" : "(optional)"} <span className="muted">Markdown</span>
      </label>
      <textarea
        id={`${id}-comment`}
        className="input"
        rows={3}
        value={comment}
        aria-invalid={!!commentError || undefined}
        aria-describedby={commentError ? `${id}-comment-error` : undefined}
        onChange={(e) => setComment(e.target.value)}
      />
      {commentError && (
        <p id={`${id}-comment-error`} className="field-error">
          {commentError}
        </p>
      )}
      <button type="submit" className="button" disabled={review.isPending}>
        {review.isPending ? "Submitting…" : "Submit review"}
      </button>
      {review.error && !Object.keys(fieldErrors).length && (
        <p role="alert" className="error">
          {errorInfo(review.error).message}
        </p>
      )}
    </form>
  );
}

/** Endorsements and steward reviews: what makes a published proposal "backed". */
export function BackingSection({ p }: { p: BackingProposal }) {
  const me = useMe();
  const b = p.backing;
  const open = OPEN.has(p.state);
  const mine = me.address !== null && me.address === p.author;
  const endorsedCurrent =
    me.address !== null &&
    p.endorsements.some((e) => e.address === me.address && e.reportHash === b.reportHash);
  return (
    <section className="panel" aria-labelledby="backing-heading" id="backing">
      <h2 id="backing-heading">
        Backing {b.backed ? <span className="badge state-backed">backed</span> : null}
      </h2>
      <ul className="checks">
        <Check ok={b.endorsements >= b.needed}>
          {b.endorsements} of {b.needed} member endorsements of the current report
        </Check>
        <Check ok={b.stewardApproved}>A steward approved the current report</Check>
        <Check ok={b.reportOnLiveVersion}>The report was computed on the live parameter set</Check>
      </ul>
      <meter
        className="meter"
        min={0}
        max={b.needed}
        value={Math.min(b.endorsements, b.needed)}
        aria-label="Endorsements"
      >
        {b.endorsements} of {b.needed}
      </meter>
      {open && p.hasReport ? (
        !me.signedIn ? (
          <p>
            <SignInButton>Sign in to endorse or review</SignInButton>
          </p>
        ) : mine ? (
          <p className="muted">You wrote this proposal: endorsements come from other members.</p>
        ) : endorsedCurrent ? (
          <p className="ok-text" role="status">
            You endorsed the current report.
          </p>
        ) : (
          <EndorseButton p={p} />
        )
      ) : open ? (
        <p className="muted">Endorsing and reviewing open when the impact report has finished.</p>
      ) : null}
      <h3>Endorsements</h3>
      {p.endorsements.length === 0 ? (
        <p className="muted">No endorsements yet.</p>
      ) : (
        <ul className="plain-list endorsement-list">
          {p.endorsements.map((e) => (
            <li key={e.id}>
              <code title={e.address}>{shortAddress(e.address)}</code> · {formatDateTime(e.createdAt)}
              {e.reportHash !== b.reportHash && <span className="badge muted-badge">older report</span>}
            </li>
          ))}
        </ul>
      )}
      <h3>Steward reviews</h3>
      {p.reviews.length === 0 ? (
        <p className="muted">No steward has reviewed this proposal yet.</p>
      ) : (
        <ul className="plain-list review-list">
          {p.reviews.map((r) => (
            <li key={r.id} className={`review verdict-${r.verdict}`}>
              <div>
                <span className={`badge verdict-${r.verdict}`}>
                  {r.verdict === "approve" ? "Approved" : "Concerns"}
                </span>{" "}
                <code title={r.steward}>{shortAddress(r.steward)}</code> · {formatDateTime(r.createdAt)}
                {r.reportHash !== b.reportHash && <span className="badge muted-badge">older report</span>}
              </div>
              {r.comment && <Markdown>{r.comment}</Markdown>}
            </li>
          ))}
        </ul>
      )}
      {open && p.hasReport && me.has("steward") && <ReviewForm p={p} />}
    </section>
  );
}

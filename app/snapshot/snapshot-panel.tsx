"use client";
// The Snapshot vote on the proposal page: submit a backed proposal (its author or a steward), then vote For /
// Against / Abstain while the vote is open, with the live scores, the quorum and the member's own vote.
// snapshot.js's Client712 does the signing and posting (in a worker, see snapshot-worker.ts); its ethers-v5-style
// signer is answered by the signed-in member's wallet (wagmi), the same one that signs endorsements.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { getAddress } from "viem";
import { errorInfo } from "../lib/errors.ts";
import { formatDateTime, shortAddress } from "../lib/format.ts";
import { useTRPC, useTRPCClient } from "../trpc/client.ts";
import { useMe, useSignTypedDataAsMe } from "../wallet/session.ts";
import { SignInButton } from "../wallet/wallet-menu.tsx";
import { type SnapshotReceipt, SnapshotRefused, sendWithSnapshotJs } from "./snapshot-client.ts";
import { formatPeriod, relativeTo } from "./vote-timing.ts";

export type SnapshotPanelProposal = { id: string; number: number; state: string };

/** What went wrong, in words: a refusal by Snapshot, the wallet's, or the server's. */
function describeError(e: unknown): string {
  if (e instanceof SnapshotRefused) return e.message;
  return errorInfo(e).message;
}

function Scores({ choices, scores, total }: { choices: string[]; scores: number[]; total: number }) {
  return (
    <ul className="plain-list snapshot-scores">
      {choices.map((c, i) => {
        const vp = scores[i] ?? 0;
        const share = total > 0 ? vp / total : 0;
        return (
          <li key={c}>
            <strong>{c}</strong> {vp.toLocaleString("en-US")} ({(share * 100).toFixed(1)}%){" "}
            <meter
              min={0}
              max={1}
              value={share}
              aria-label={`${c}: ${(share * 100).toFixed(1)}% of the votes`}
            />
          </li>
        );
      })}
    </ul>
  );
}

type NextStepsStatus = {
  voting: { delaySeconds: number; periodSeconds: number } | null;
  syncEverySeconds: number;
  vote: { start: number; end: number; state: string } | null;
};

/** What happens next and when: the vote's end, the sync that records the result, the steward's enactment. */
function NextSteps({ state, status }: { state: string; status: NextStepsStatus }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(t);
  }, []);
  const sync =
    status.syncEverySeconds > 0
      ? `MarginLab reads the result from Snapshot within ${formatPeriod(status.syncEverySeconds)} (or at once with “Update from Snapshot”)`
      : "A member records the result with “Update from Snapshot”";
  const enact =
    "if the DAO voted For with quorum, the proposal passes and a steward enacts it: its parameters become the live set";
  let steps: string[] = [];
  if (state === "backed" && status.voting) {
    const { delaySeconds, periodSeconds } = status.voting;
    steps = [
      `Once submitted, the vote opens ${delaySeconds > 0 ? `after ${formatPeriod(delaySeconds)}` : "at once"} and lasts ${formatPeriod(periodSeconds)} (the space's voting period).`,
      `When it ends: ${sync.charAt(0).toLowerCase()}${sync.slice(1)}; ${enact}.`,
    ];
  } else if ((state === "submitted" || state === "active") && status.vote) {
    const { start, end } = status.vote;
    const ended = end * 1000 <= now;
    steps = [
      start * 1000 > now
        ? `The vote opens at ${formatDateTime(start * 1000)} (${relativeTo(start, now)}) and ends at ${formatDateTime(end * 1000)}.`
        : ended
          ? `The vote ended at ${formatDateTime(end * 1000)}.`
          : `The vote ends at ${formatDateTime(end * 1000)} (${relativeTo(end, now)}).`,
      `${ended ? "Now" : "After that"}: ${sync.charAt(0).toLowerCase()}${sync.slice(1)}; ${enact}.`,
    ];
  } else if (state === "passed") {
    steps = ["A steward enacts it: the proposed parameters become the live set."];
  }
  if (steps.length === 0) return null;
  return (
    <div className="next-steps" data-testid="vote-next-steps">
      <h3>What happens next</h3>
      <ol>
        {steps.map((t) => (
          <li key={t}>{t}</li>
        ))}
      </ol>
    </div>
  );
}

export function SnapshotPanel({ proposal }: { proposal: SnapshotPanelProposal }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const me = useMe();
  const sign = useSignTypedDataAsMe();
  const headingId = useId();
  const following = ["submitted", "active"].includes(proposal.state);
  const relevant = ["backed", "submitted", "active", "passed", "rejected", "enacted"].includes(
    proposal.state,
  );
  const { data: status, error: statusError } = useQuery({
    ...trpc.snapshot.status.queryOptions({ proposalId: proposal.id }),
    enabled: relevant,
    refetchInterval: following ? 15_000 : false,
  });
  const [busy, setBusy] = useState(false);
  const [step, setStep] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  // The sync moves the proposal on (active -> passed) while the page is open: show the new state.
  const syncedState = status?.state;
  useEffect(() => {
    if (syncedState && syncedState !== proposal.state) {
      void queryClient.invalidateQueries({ queryKey: trpc.proposals.pathKey() });
    }
  }, [syncedState, proposal.state, queryClient, trpc]);

  if (!relevant) return null;

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.snapshot.pathKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.proposals.pathKey() });
  };

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    try {
      setStep(await work());
    } catch (e) {
      setStep(null);
      setError(describeError(e));
    } finally {
      setBusy(false);
      await refresh();
    }
  };

  const submit = () =>
    run(async () => {
      if (!me.address) throw new Error("Sign in first.");
      setStep("Preparing the Snapshot proposal…");
      const prepared = await client.snapshot.prepareSubmission.mutate({ proposalId: proposal.id });
      const address = getAddress(me.address);
      let signature: `0x${string}` | undefined;
      setStep("Sign the Snapshot proposal in your wallet…");
      try {
        const receipt: SnapshotReceipt = await sendWithSnapshotJs({
          kind: "proposal",
          url: prepared.sequencerUrl,
          address,
          message: { ...prepared.message },
          sign,
          onSigned: (sig) => {
            signature = sig;
            setStep("Sending it to Snapshot…");
          },
        });
        setStep("Recording the submission…");
        await client.snapshot.recordSubmission.mutate({ proposalId: proposal.id, signature, receipt });
      } catch (e) {
        // Not signed (refused in the wallet): nothing was sent.
        if (!signature) throw e;
        // Signed, but the post failed or its answer was lost: the server checks Snapshot and, if it does not have
        // the proposal, sends the identical signed message itself. Never a second proposal.
        setStep("Confirming with Snapshot…");
        await client.snapshot.recordSubmission.mutate({ proposalId: proposal.id, signature });
      }
      return "Submitted to Snapshot.";
    });

  const vote = (choice: number, label: string) =>
    run(async () => {
      if (!me.address || !status?.snapshotId) throw new Error("Sign in first.");
      const address = getAddress(me.address);
      setStep(`Sign your vote (${label}) in your wallet…`);
      await sendWithSnapshotJs({
        kind: "vote",
        url: status.sequencerUrl,
        address,
        message: {
          space: status.space,
          proposal: status.snapshotId,
          type: "single-choice",
          choice,
          reason: "",
          app: status.app,
        },
        sign,
      });
      return `Your vote (${label}) is recorded on Snapshot.`;
    });

  const syncNow = () =>
    run(async () => {
      setStep("Reading the vote from Snapshot…");
      const result = await client.snapshot.sync.mutate({ proposalId: proposal.id });
      const change = result.changes.at(-1);
      return change ? `The proposal is now ${change.to}.` : "Up to date with Snapshot.";
    });

  const v = status?.vote ?? null;
  return (
    <section className="panel snapshot-panel" aria-labelledby={headingId} id="snapshot">
      <h2 id={headingId}>Snapshot vote</h2>

      {statusError && (
        <p role="alert" className="error">
          {errorInfo(statusError).message}
        </p>
      )}
      {status?.hubError && (
        <p className="notice warning" role="status">
          {status.hubError}. Showing the last synced result.
        </p>
      )}

      {proposal.state === "backed" && status && (
        <div>
          <p>
            This proposal is backed. Its author or a steward sends it to the DAO&apos;s Snapshot space{" "}
            <code>{status.space}</code> for the off-chain vote: the wallet signs a message (no transaction, no
            gas) with the parameter diff, the headline metrics and the report hash, linking back to this page.
          </p>
          {status.pendingSubmission && (
            <p className="muted small-text">
              A submission by {shortAddress(status.pendingSubmission.signer)} is prepared
              {status.pendingSubmission.signed ? " and signed" : ""} (until{" "}
              {formatDateTime(status.pendingSubmission.expiresAt)}
              ); submitting again sends the same message, never a second proposal.
              {status.pendingSubmission.lastError && <> Last attempt: {status.pendingSubmission.lastError}</>}
            </p>
          )}
          {status.canSubmit ? (
            <button type="button" className="button" disabled={busy} onClick={submit}>
              Submit to Snapshot
            </button>
          ) : !me.signedIn ? (
            <SignInButton />
          ) : (
            <p className="muted small-text">The author or a steward submits it.</p>
          )}
        </div>
      )}

      {status?.snapshotId && (
        <dl className="kv-list">
          <dt>Snapshot proposal</dt>
          <dd>
            {v?.link ? (
              <a href={v.link} rel="noreferrer">
                <code>{status.snapshotId.slice(0, 18)}…</code>
              </a>
            ) : (
              <code>{status.snapshotId.slice(0, 18)}…</code>
            )}
            {status.snapshotIpfs && (
              <>
                {" "}
                · IPFS <code>{status.snapshotIpfs.slice(0, 16)}…</code>
              </>
            )}
          </dd>
          {v && (
            <>
              <dt>Voting</dt>
              <dd>
                {formatDateTime(v.start * 1000)} to {formatDateTime(v.end * 1000)} ·{" "}
                {v.state === "pending" ? "not open yet" : v.state === "active" ? "open" : "closed"}
                {v.snapshot && <> · snapshot block {v.snapshot}</>}
              </dd>
              <dt>Quorum</dt>
              <dd>
                {v.scoresTotal.toLocaleString("en-US")} of {v.quorum.toLocaleString("en-US")} ·{" "}
                {v.quorumReached ? "reached" : "not reached yet"}{" "}
                <meter
                  min={0}
                  max={Math.max(v.quorum, 1)}
                  value={Math.min(v.scoresTotal, Math.max(v.quorum, 1))}
                  aria-label="Quorum progress"
                />
              </dd>
            </>
          )}
        </dl>
      )}

      {v && <Scores choices={v.choices} scores={v.scores} total={v.scoresTotal} />}

      {status && <NextSteps state={proposal.state} status={status} />}

      {(proposal.state === "passed" || proposal.state === "enacted") && (
        <p className="notice" role="status">
          The DAO voted For
          {v
            ? `, with ${v.scoresTotal.toLocaleString("en-US")} of ${v.quorum.toLocaleString("en-US")} needed for quorum`
            : ""}
          .{" "}
          {proposal.state === "passed"
            ? "A steward can now enact it: the proposed parameters become the live set."
            : "It is enacted."}
        </p>
      )}
      {proposal.state === "rejected" && (
        <p className="notice warning" role="status">
          {v && !v.quorumReached ? "The vote did not reach quorum" : "The DAO did not vote For"}: the live
          parameters stay.
        </p>
      )}

      {status?.myVote && (
        <p>
          Your vote: <strong>{status.myVote.label}</strong> ({status.myVote.vp.toLocaleString("en-US")} voting
          power, {formatDateTime(status.myVote.created * 1000)}). You can change it while the vote is open.
        </p>
      )}

      {status?.votingOpen && proposal.state !== "backed" && (
        <fieldset className="inline-form" disabled={busy}>
          <legend>Cast your Snapshot vote</legend>
          {me.signedIn ? (
            status.choices.map((c, i) => (
              <button key={c} type="button" className="button" onClick={() => vote(i + 1, c)}>
                {c}
              </button>
            ))
          ) : (
            <SignInButton />
          )}
        </fieldset>
      )}

      {status?.snapshotId && me.signedIn && following && (
        <button type="button" className="button secondary small" disabled={busy} onClick={syncNow}>
          Update from Snapshot
        </button>
      )}

      <div aria-live="polite" className="status-line">
        {step}
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}

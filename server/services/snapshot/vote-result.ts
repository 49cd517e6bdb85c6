import type { HubProposal } from "./hub-client.ts";
import type { VOTE_CHOICES } from "./typed-data.ts";

/** What the app keeps of a Snapshot vote (Proposal.voteResult): the hub's latest state, scores and quorum. */
export type VoteResult = {
  state: string;
  scoresState: string | null;
  choices: string[];
  scores: number[];
  scoresTotal: number;
  quorum: number;
  quorumReached: boolean;
  votes: number;
  start: number;
  end: number;
  snapshot: string | null;
  link: string | null;
  syncedAt: string;
};

export function voteResultOf(p: HubProposal, at: Date): VoteResult {
  const scores = p.choices.map((_, i) => p.scores?.[i] ?? 0);
  const scoresTotal = p.scores_total ?? scores.reduce((s, x) => s + x, 0);
  return {
    state: p.state,
    scoresState: p.scores_state,
    choices: p.choices,
    scores,
    scoresTotal,
    quorum: p.quorum,
    quorumReached: scoresTotal >= p.quorum,
    votes: p.votes ?? 0,
    start: p.start,
    end: p.end,
    snapshot: p.snapshot,
    link: p.link,
    syncedAt: at.toISOString(),
  };
}

const indexOf = (choices: string[], name: (typeof VOTE_CHOICES)[number]) =>
  choices.findIndex((c) => c.trim().toLowerCase() === name.toLowerCase());

/**
 * The outcome of a closed vote: passed when the quorum is reached (all votes count toward it, abstentions
 * included, as Snapshot counts scores_total) and For has more voting power than Against. A tie is rejected: the
 * live set stays.
 */
export function outcomeOf(v: VoteResult): "passed" | "rejected" {
  const forIdx = indexOf(v.choices, "For");
  const againstIdx = indexOf(v.choices, "Against");
  const forVp = forIdx >= 0 ? (v.scores[forIdx] ?? 0) : 0;
  const againstVp = againstIdx >= 0 ? (v.scores[againstIdx] ?? 0) : 0;
  return v.quorumReached && forVp > againstVp ? "passed" : "rejected";
}

export function describeResult(v: VoteResult): string {
  const parts = v.choices.map((c, i) => `${c} ${v.scores[i] ?? 0}`).join(", ");
  return `${parts}; quorum ${v.scoresTotal}/${v.quorum} ${v.quorumReached ? "reached" : "not reached"}`;
}

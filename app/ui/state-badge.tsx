const STATE_WORDS: Record<string, string> = {
  draft: "Draft",
  published: "Open for review",
  backed: "Backed",
  submitted: "Submitted to vote",
  active: "Voting",
  passed: "Passed",
  rejected: "Rejected",
  cancelled: "Cancelled",
  enacted: "Enacted",
};

export function stateWords(state: string) {
  return STATE_WORDS[state] ?? state;
}

export function StateBadge({ state }: { state: string }) {
  return <span className={`badge state-${state}`}>{stateWords(state)}</span>;
}

const RUN_WORDS: Record<string, string> = {
  queued: "Queued",
  running: "Running",
  succeeded: "Finished",
  failed: "Failed",
  cancelled: "Cancelled",
};

export function RunStatusBadge({ status }: { status: string }) {
  return <span className={`badge run-${status}`}>{RUN_WORDS[status] ?? status}</span>;
}

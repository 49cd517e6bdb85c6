import type { ProposalState } from "../../generated/prisma/client.ts";

/**
 * The lifecycle: draft -> published (open for review) -> backed -> submitted to Snapshot -> active ->
 * passed / rejected -> enacted. Cancelling is possible until the vote starts. A backed proposal falls back to
 * published when its backing no longer holds (a newer live version, a new report).
 */
export const ALLOWED_TRANSITIONS: Record<ProposalState, readonly ProposalState[]> = {
  draft: ["published", "cancelled"],
  published: ["backed", "cancelled"],
  backed: ["published", "submitted", "cancelled"],
  submitted: ["active", "cancelled"],
  active: ["passed", "rejected", "cancelled"],
  passed: ["enacted"],
  rejected: [],
  cancelled: [],
  enacted: [],
};

export function canTransition(from: ProposalState, to: ProposalState): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

/** States in which the community can still review (endorse, comment, steward review) before the vote. */
export const REVIEW_STATES: readonly ProposalState[] = ["published", "backed"];

// Snapshot's limits on a proposal, checked before the author signs so a refusal never costs a signature.
// Sources: snapshot.js 0.17.5 src/schemas/proposal.json (title, discussion, choices, labels, start/end, app) and the
// sequencer (body length of an ordinary space, whole message size, end in the future, start/end from the space).
import { AppError } from "../../errors/app-error.ts";
import type { ProposalMessage } from "./typed-data.ts";

export const SNAPSHOT_LIMITS = {
  titleChars: 256,
  /** Snapshot's body limit for an ordinary (not "turbo") space. */
  bodyChars: 10_000,
  discussionChars: 256,
  choices: 20,
  choiceChars: 256,
  labels: 10,
  appChars: 24,
  /** Unix seconds: start and end must lie in this range. */
  minTimestamp: 1_000_000_000,
  maxTimestamp: 2_000_000_000,
  /** The sequencer refuses an envelope whose JSON is longer than this. */
  envelopeChars: 100_000,
} as const;

/** The first limit the message exceeds, as a sentence naming the limit; null when it fits. */
export function snapshotLimitProblem(
  m: ProposalMessage,
  now: number,
): { field: string; message: string } | null {
  const L = SNAPSHOT_LIMITS;
  if (m.title.length < 1 || m.title.length > L.titleChars) {
    return {
      field: "title",
      message: `Snapshot titles are limited to ${L.titleChars} characters; this one has ${m.title.length}`,
    };
  }
  if (m.body.length > L.bodyChars) {
    return {
      field: "body",
      message: `Snapshot bodies are limited to ${L.bodyChars} characters; this one has ${m.body.length}`,
    };
  }
  if (m.discussion.length > L.discussionChars) {
    return {
      field: "discussion",
      message: `Snapshot's discussion link is limited to ${L.discussionChars} characters; the permalink has ${m.discussion.length} (shorten APP_URL)`,
    };
  }
  if (m.discussion && !/^https?:\/\//.test(m.discussion)) {
    return { field: "discussion", message: "Snapshot's discussion link must be an http(s) URL" };
  }
  if (m.choices.length < 1 || m.choices.length > L.choices) {
    return {
      field: "choices",
      message: `Snapshot proposals need 1 to ${L.choices} choices; this one has ${m.choices.length}`,
    };
  }
  const longChoice = m.choices.find((c) => c.length < 1 || c.length > L.choiceChars);
  if (longChoice !== undefined) {
    return { field: "choices", message: `each Snapshot choice must be 1 to ${L.choiceChars} characters` };
  }
  if (m.labels.length > L.labels)
    return { field: "labels", message: `Snapshot allows at most ${L.labels} labels` };
  if (m.app.length > L.appChars)
    return { field: "app", message: `Snapshot's app name is limited to ${L.appChars} characters` };
  for (const f of ["start", "end"] as const) {
    if (m[f] < L.minTimestamp || m[f] > L.maxTimestamp) {
      return {
        field: f,
        message: `Snapshot's ${f} must lie between ${L.minTimestamp} and ${L.maxTimestamp} (Unix seconds); it is ${m[f]}`,
      };
    }
  }
  if (m.end < m.start) return { field: "end", message: "the vote would end before it starts" };
  if (m.end <= now) return { field: "end", message: "the vote's end must be in the future" };
  if (m.snapshot < 0 || !Number.isSafeInteger(m.snapshot))
    return { field: "snapshot", message: "the snapshot block is invalid" };
  // The signature and envelope add ~1 kB; JSON escaping can grow the body, so measure the JSON itself.
  const size = JSON.stringify(m).length + 1_500;
  if (size > L.envelopeChars) {
    return {
      field: "body",
      message: `the signed message would be about ${size} characters; Snapshot accepts ${L.envelopeChars}`,
    };
  }
  return null;
}

/** Throws an INVALID_INPUT AppError naming the exceeded limit. */
export function assertWithinSnapshotLimits(m: ProposalMessage, now: number) {
  const problem = snapshotLimitProblem(m, now);
  if (problem) throw new AppError("INVALID_INPUT", problem.message, { field: problem.field });
}

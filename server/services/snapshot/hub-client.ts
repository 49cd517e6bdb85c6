// Talking to the Snapshot hub (GraphQL reads) and sequencer (posting a signed message). Every failure becomes an
// AppError whose message says which URL failed and that nothing changed, so the member knows to retry.
import { AppError } from "../../errors/app-error.ts";
import type { SnapshotConfig } from "./snapshot-config.ts";
import type { SnapshotEnvelope, SnapshotReceipt } from "./typed-data.ts";

const TIMEOUT_MS = 10_000;

/** The hub or sequencer could not be reached or answered with a server error: nothing was changed. */
export class SnapshotUnavailable extends AppError {
  constructor(what: string, url: string, cause: unknown) {
    const reason =
      cause instanceof Error
        ? cause.cause instanceof Error
          ? cause.cause.message
          : cause.message
        : String(cause);
    super(
      "UNAVAILABLE",
      `the Snapshot ${what} at ${url} is unreachable (${reason}); nothing was changed, try again`,
      { cause },
    );
    this.name = "SnapshotUnavailable";
  }
}

/** The sequencer refused the message (its `error_description`, e.g. "duplicate message"). */
export class SnapshotRejected extends AppError {
  constructor(readonly description: string) {
    super("CONFLICT", `Snapshot refused the message: ${description}`);
    this.name = "SnapshotRejected";
  }
}

export async function queryHub<T>(
  config: SnapshotConfig,
  query: string,
  variables: Record<string, unknown>,
): Promise<T> {
  const url = `${config.hubUrl}/graphql`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (e) {
    throw new SnapshotUnavailable("hub", url, e);
  }
  if (!res.ok) throw new SnapshotUnavailable("hub", url, new Error(`HTTP ${res.status}`));
  const json = (await res.json().catch(() => null)) as { data?: T; errors?: { message: string }[] } | null;
  if (!json?.data) {
    throw new SnapshotUnavailable(
      "hub",
      url,
      new Error(json?.errors?.[0]?.message ?? "no data in the answer"),
    );
  }
  return json.data;
}

/** Posts a signed envelope exactly as snapshot.js's Client712.send does. */
export async function postToSequencer(
  config: SnapshotConfig,
  envelope: SnapshotEnvelope,
): Promise<SnapshotReceipt> {
  const url = config.sequencerUrl;
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(envelope),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (e) {
    throw new SnapshotUnavailable("sequencer", url, e);
  }
  const json = (await res.json().catch(() => null)) as
    | (SnapshotReceipt & { error_description?: unknown })
    | null;
  if (res.ok && json && typeof json.id === "string") return json;
  if (res.status < 500 && json && typeof json.error_description === "string")
    throw new SnapshotRejected(json.error_description);
  throw new SnapshotUnavailable("sequencer", url, new Error(`HTTP ${res.status}`));
}

export type HubSpace = {
  id: string;
  network: string | null;
  voting: { delay: number | null; period: number | null; type: string | null; quorum: number | null } | null;
};

export type HubProposal = {
  id: string;
  ipfs: string | null;
  author: string;
  state: "pending" | "active" | "closed" | string;
  start: number;
  end: number;
  snapshot: string | null;
  choices: string[];
  scores: number[] | null;
  scores_total: number | null;
  scores_state: string | null;
  quorum: number;
  votes: number | null;
  link: string | null;
  space: { id: string } | null;
};

export type HubVote = {
  id: string;
  voter: string;
  choice: unknown;
  vp: number | null;
  created: number;
  reason: string | null;
};

export async function fetchSpace(config: SnapshotConfig): Promise<HubSpace | null> {
  const data = await queryHub<{ space: HubSpace | null }>(
    config,
    "query Space($id: String) { space(id: $id) { id network voting { delay period type quorum } } }",
    { id: config.space },
  );
  return data.space;
}

const PROPOSAL_FIELDS =
  "id ipfs author state start end snapshot choices scores scores_total scores_state quorum votes link space { id }";

export async function fetchProposal(config: SnapshotConfig, id: string): Promise<HubProposal | null> {
  const data = await queryHub<{ proposal: HubProposal | null }>(
    config,
    `query Proposal($id: String) { proposal(id: $id) { ${PROPOSAL_FIELDS} } }`,
    { id },
  );
  return data.proposal;
}

/** A member's vote on a proposal (the latest; Snapshot keeps one per voter). */
export async function fetchVote(
  config: SnapshotConfig,
  proposal: string,
  voter: string,
): Promise<HubVote | null> {
  const data = await queryHub<{ votes: HubVote[] }>(
    config,
    `query Vote($proposal: String, $voter: String) {
      votes(first: 1, where: { proposal: $proposal, voter: $voter }, orderBy: "created", orderDirection: desc) {
        id voter choice vp created reason
      }
    }`,
    { proposal, voter },
  );
  return data.votes[0] ?? null;
}

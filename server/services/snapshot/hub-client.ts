// Talking to the Snapshot hub (GraphQL reads) and sequencer (posting a signed message). Every failure becomes an
// AppError whose message says which URL failed and that nothing changed, so the member knows to retry. Answers are
// parsed against the fields we read: a broken or hostile hub gets an error, never a half-understood vote.
import { z } from "zod";
import { AppError } from "../../errors/app-error.ts";
import type { SnapshotConfig } from "./snapshot-config.ts";
import type { SnapshotEnvelope, SnapshotReceipt } from "./typed-data.ts";

const TIMEOUT_MS = 10_000;

/** The hub or sequencer could not be reached, answered with a server error or with garbage: nothing was changed. */
export class SnapshotUnavailable extends AppError {
  constructor(what: string, url: string, cause: unknown, problem = "is unreachable") {
    const reason =
      cause instanceof Error
        ? cause.cause instanceof Error
          ? cause.cause.message
          : cause.message
        : String(cause);
    super(
      "UNAVAILABLE",
      `the Snapshot ${what} at ${url} ${problem} (${reason}); nothing was changed, try again`,
      {
        cause,
      },
    );
    this.name = "SnapshotUnavailable";
  }
}

const garbled = (what: string, url: string, reason: string) =>
  new SnapshotUnavailable(what, url, new Error(reason), "gave an answer that cannot be used");

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
  schema: z.ZodType<T>,
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
  const json = (await res.json().catch(() => null)) as {
    data?: unknown;
    errors?: { message?: unknown }[];
  } | null;
  if (!json?.data) {
    const message = json?.errors?.[0]?.message;
    throw garbled("hub", url, typeof message === "string" ? message.slice(0, 200) : "no data in the answer");
  }
  const parsed = schema.safeParse(json.data);
  if (!parsed.success) throw garbled("hub", url, unexpected(parsed.error));
  return parsed.data;
}

function unexpected(error: z.ZodError): string {
  const issue = error.issues[0]!;
  return `${issue.path.join(".") || "data"}: ${issue.message}`;
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
  const json = (await res.json().catch(() => null)) as { error_description?: unknown } | null;
  if (res.ok) {
    const receipt = ZReceipt.safeParse(json);
    if (receipt.success) return receipt.data;
    throw garbled("sequencer", url, `receipt ${unexpected(receipt.error)}`);
  }
  if (res.status < 500 && json && typeof json.error_description === "string")
    throw new SnapshotRejected(json.error_description.slice(0, 200));
  throw new SnapshotUnavailable("sequencer", url, new Error(`HTTP ${res.status}`));
}

const ZReceipt = z.object({
  id: z.string().regex(/^0x[0-9a-f]{64}$/i),
  ipfs: z.string().max(200),
  relayer: z.object({ address: z.string().max(100), receipt: z.string().max(1000) }),
});

const count = z.number().finite().nonnegative();
const ZHubSpace = z.object({
  id: z.string(),
  network: z.string().nullable(),
  voting: z
    .object({
      delay: count.nullable(),
      period: count.nullable(),
      type: z.string().nullable(),
      quorum: count.nullable(),
    })
    .nullable(),
});
export type HubSpace = z.infer<typeof ZHubSpace>;

const ZHubProposal = z.object({
  id: z.string(),
  ipfs: z.string().nullable(),
  author: z.string(),
  state: z.enum(["pending", "active", "closed"]),
  start: count,
  end: count,
  snapshot: z.string().nullable(),
  choices: z.array(z.string()).min(1).max(32),
  scores: z.array(count).nullable(),
  scores_total: count.nullable(),
  scores_state: z.string().nullable(),
  quorum: count,
  votes: count.nullable(),
  link: z.string().nullable(),
  space: z.object({ id: z.string() }).nullable(),
});
export type HubProposal = z.infer<typeof ZHubProposal>;

const ZHubVote = z.object({
  id: z.string(),
  voter: z.string(),
  choice: z.unknown(),
  vp: count.nullable(),
  created: count,
  reason: z.string().nullable(),
});
export type HubVote = z.infer<typeof ZHubVote>;

export async function fetchSpace(config: SnapshotConfig): Promise<HubSpace | null> {
  const data = await queryHub(
    config,
    "query Space($id: String) { space(id: $id) { id network voting { delay period type quorum } } }",
    { id: config.space },
    z.object({ space: ZHubSpace.nullable() }),
  );
  if (data.space && data.space.id !== config.space)
    throw garbled("hub", config.hubUrl, `answered for space ${data.space.id}`);
  return data.space;
}

const PROPOSAL_FIELDS =
  "id ipfs author state start end snapshot choices scores scores_total scores_state quorum votes link space { id }";

export async function fetchProposal(config: SnapshotConfig, id: string): Promise<HubProposal | null> {
  const data = await queryHub(
    config,
    `query Proposal($id: String) { proposal(id: $id) { ${PROPOSAL_FIELDS} } }`,
    { id },
    z.object({ proposal: ZHubProposal.nullable() }),
  );
  const p = data.proposal;
  // A proposal other than the one asked for, or from another space, must not move ours.
  if (p && p.id.toLowerCase() !== id.toLowerCase())
    throw garbled("hub", config.hubUrl, `answered with proposal ${p.id}`);
  if (p?.space && p.space.id !== config.space)
    throw garbled("hub", config.hubUrl, `answered from space ${p.space.id}`);
  return p;
}

/** A member's vote on a proposal (the latest; Snapshot keeps one per voter). */
export async function fetchVote(
  config: SnapshotConfig,
  proposal: string,
  voter: string,
): Promise<HubVote | null> {
  const data = await queryHub(
    config,
    `query Vote($proposal: String, $voter: String) {
      votes(first: 1, where: { proposal: $proposal, voter: $voter }, orderBy: "created", orderDirection: desc) {
        id voter choice vp created reason
      }
    }`,
    { proposal, voter },
    z.object({ votes: z.array(ZHubVote) }),
  );
  return data.votes[0] ?? null;
}

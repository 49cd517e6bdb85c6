// What the sequencer does with a posted message (snapshot-sequencer src/ingestor.ts and src/writer/*.ts): check the
// envelope, the timestamp, the domain and the exact types, verify the EIP-712 signature, refuse duplicates, apply
// the space's rules, "pin" the message and answer with `{ id, ipfs, relayer: { address, receipt } }`.
// Rejections are the sequencer's own reason strings, with the limit that was exceeded named after a colon.
import { createHash } from "node:crypto";
import type { PublicClient } from "viem";
import { hashTypedData, isAddress, type TypedDataDefinition, verifyTypedData } from "viem";
import type { PrivateKeyAccount } from "viem/accounts";
import {
  type ProposalMessage,
  proposalTypedData,
  proposalTypes,
  SNAPSHOT_DOMAIN,
  type SnapshotReceipt,
  type VoteMessage,
  voteTypedData,
  voteTypes,
} from "../../server/services/snapshot/typed-data.ts";
import { cidOf } from "./cid.ts";
import { ACTIVE_PROPOSALS_PER_AUTHOR, isAuthor, type SpaceSettings, votingPower } from "./space.ts";
import type { HubStore, StoredProposal, StoredVote } from "./store.ts";

/** A refused message: the HTTP status and the sequencer's `error_description`. */
export class Rejected extends Error {
  constructor(
    readonly description: string,
    readonly status = 400,
  ) {
    super(description);
  }
}

export type IngestDeps = {
  store: HubStore;
  spaces: Map<string, SpaceSettings>;
  relayer: PrivateKeyAccount;
  /** Unix seconds. */
  now: () => number;
  /** The chain head (the latest block a snapshot may name). */
  blockNumber: () => number | Promise<number>;
  /** The space's chain, for on-chain strategies (erc20-votes); null without one. */
  chain: PublicClient | null;
};

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
/** The sequencer recognises messages by the hash of their types; this hub accepts exactly these two. */
const KNOWN_TYPES: Record<string, "proposal" | "vote"> = {
  [sha256(JSON.stringify(proposalTypes))]: "proposal",
  [sha256(JSON.stringify(voteTypes))]: "vote",
};

const MAX_MESSAGE_CHARS = 100_000;
/** The sequencer accepts timestamps up to 5 minutes ahead and 3 days behind. */
const TIMESTAMP_AHEAD_S = 300;
const TIMESTAMP_BEHIND_S = 3 * 24 * 3600;
const DAY_S = 86_400;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const isUint = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;

export async function ingest(deps: IngestDeps, body: unknown): Promise<SnapshotReceipt> {
  if (
    !isRecord(body) ||
    typeof body.address !== "string" ||
    typeof body.sig !== "string" ||
    !/^0x[0-9a-fA-F]*$/.test(body.sig) ||
    !isRecord(body.data) ||
    !isRecord(body.data.domain) ||
    !isRecord(body.data.types) ||
    !isRecord(body.data.message)
  ) {
    throw new Rejected("wrong envelope format");
  }
  if (JSON.stringify(body).length > MAX_MESSAGE_CHARS)
    throw new Rejected(`too large message: over ${MAX_MESSAGE_CHARS} characters`);
  const { domain, message } = body.data;
  const types = { ...body.data.types };
  const now = deps.now();
  const timestamp = message.timestamp;
  if (!isUint(timestamp) || timestamp > now + TIMESTAMP_AHEAD_S || timestamp < now - TIMESTAMP_BEHIND_S) {
    throw new Rejected("wrong timestamp");
  }
  if (
    domain.name !== SNAPSHOT_DOMAIN.name ||
    domain.version !== SNAPSHOT_DOMAIN.version ||
    Object.keys(domain).length !== 2
  ) {
    throw new Rejected("wrong domain");
  }
  delete types.EIP712Domain;
  const kind = KNOWN_TYPES[sha256(JSON.stringify(types))];
  if (!kind) throw new Rejected("wrong types");
  if (typeof message.space !== "string") throw new Rejected("unknown space");
  const space = deps.spaces.get(message.space);
  if (!space) throw new Rejected("unknown space");
  if (
    typeof message.from !== "string" ||
    !isAddress(body.address) ||
    message.from.toLowerCase() !== body.address.toLowerCase()
  ) {
    throw new Rejected("wrong from");
  }

  const shapeProblem =
    kind === "proposal" ? fieldProblem(message, PROPOSAL_FIELDS) : fieldProblem(message, VOTE_FIELDS);
  if (shapeProblem) throw new Rejected(`wrong ${kind} format: ${shapeProblem}`);

  const typedData = (
    kind === "proposal"
      ? proposalTypedData(message as ProposalMessage)
      : voteTypedData(message as VoteMessage)
  ) as TypedDataDefinition;
  let id: `0x${string}`;
  try {
    // Both throw on a message whose values do not fit the types (a string where a uint64 belongs, ...).
    id = hashTypedData(typedData);
    const valid = await verifyTypedData({
      ...typedData,
      address: body.address,
      signature: body.sig as `0x${string}`,
    });
    if (!valid) throw new Error("invalid signature");
  } catch {
    throw new Rejected("signature validation failed");
  }
  if (deps.store.data.messages[id]) throw new Rejected("duplicate message");

  // Voting power at the proposal's snapshot block (a vote is weighed at its proposal's block).
  const snapshot =
    kind === "proposal"
      ? (message as ProposalMessage).snapshot
      : deps.store.data.proposals[(message as VoteMessage).proposal]?.snapshot;
  if (kind === "proposal" && snapshot !== undefined && snapshot > (await deps.blockNumber())) {
    throw new Rejected("proposal snapshot must be in past");
  }
  let vp = 0;
  if (snapshot !== undefined) {
    try {
      vp = await votingPower(space, body.address, { snapshot, chain: deps.chain });
    } catch (e) {
      throw new Rejected(
        `voting power unavailable: ${(e as { shortMessage?: string }).shortMessage ?? (e as Error).message}`,
        503,
      );
    }
  }
  const apply =
    kind === "proposal"
      ? checkProposal(deps, space, body.address, message as ProposalMessage, now, vp)
      : checkVote(deps, space, body.address, message as VoteMessage, now, vp);

  // "Pinning": the JSON the sequencer pins to IPFS, named by its content id.
  const pinned = JSON.stringify({ address: body.address, sig: body.sig, hash: id, data: body.data });
  const ipfs = cidOf(pinned);
  const receipt = await deps.relayer.signMessage({ message: body.sig });
  apply(id, ipfs);
  deps.store.data.messages[id] = {
    id,
    ipfs,
    address: body.address,
    type: kind,
    timestamp,
    space: space.id,
    sig: body.sig,
    receipt,
    pinned,
  };
  deps.store.save();
  return { id, ipfs, relayer: { address: deps.relayer.address, receipt } };
}

type FieldKind = "string" | "uint" | "strings";
const PROPOSAL_FIELDS: Record<keyof ProposalMessage, FieldKind> = {
  from: "string",
  space: "string",
  timestamp: "uint",
  type: "string",
  title: "string",
  body: "string",
  discussion: "string",
  choices: "strings",
  labels: "strings",
  start: "uint",
  end: "uint",
  snapshot: "uint",
  plugins: "string",
  privacy: "string",
  app: "string",
};
const VOTE_FIELDS: Record<keyof VoteMessage, FieldKind> = {
  from: "string",
  space: "string",
  timestamp: "uint",
  proposal: "string",
  choice: "uint",
  reason: "string",
  app: "string",
  metadata: "string",
};

/** Every typed field present with a value of its type (EIP-712 hashing alone would coerce some). */
function fieldProblem(message: Record<string, unknown>, fields: Record<string, FieldKind>): string | null {
  for (const [name, kind] of Object.entries(fields)) {
    const v = message[name];
    const ok =
      kind === "string"
        ? typeof v === "string"
        : kind === "uint"
          ? isUint(v)
          : Array.isArray(v) && v.every((x) => typeof x === "string");
    if (!ok)
      return `${name} must be ${kind === "strings" ? "a list of strings" : kind === "uint" ? "a whole number" : "a string"}`;
  }
  return null;
}

/** The proposal schema of snapshot.js (src/schemas/proposal.json) plus the space's own limits. */
export function proposalFormatProblem(space: SpaceSettings, m: ProposalMessage): string | null {
  if (m.title.length < 1 || m.title.length > 256) return "title must be 1 to 256 characters";
  if (m.body.length > space.bodyLimit) return `body is longer than ${space.bodyLimit} characters`;
  if (m.discussion.length > 256) return "discussion URL is longer than 256 characters";
  if (m.discussion && !/^(https?|ipfs|ipns|snapshot):\/\//.test(m.discussion))
    return "discussion must be a URL";
  if (m.choices.length < 1) return "at least one choice";
  if (m.choices.length > space.choicesLimit) return `at most ${space.choicesLimit} choices`;
  if (m.choices.some((c) => c.length < 1 || c.length > 256)) return "each choice must be 1 to 256 characters";
  if (
    m.labels.length > 10 ||
    new Set(m.labels).size !== m.labels.length ||
    m.labels.some((l) => !/^[a-zA-Z0-9]{1,8}$/.test(l))
  ) {
    return "labels: at most 10 distinct, 1 to 8 letters or digits each";
  }
  const types = [
    "single-choice",
    "approval",
    "ranked-choice",
    "quadratic",
    "copeland",
    "weighted",
    "custom",
    "basic",
  ];
  if (!types.includes(m.type)) return `type must be one of ${types.join(", ")}`;
  for (const f of ["start", "end"] as const) {
    if (m[f] < 1_000_000_000 || m[f] > 2_000_000_000) return `${f} must be between 1000000000 and 2000000000`;
  }
  if (m.app.length > 24) return "app is longer than 24 characters";
  if (m.privacy !== "" && m.privacy !== "shutter") return "privacy must be empty or shutter";
  try {
    JSON.parse(m.plugins);
  } catch {
    return "plugins must be JSON";
  }
  return null;
}

function checkProposal(
  deps: IngestDeps,
  space: SpaceSettings,
  address: string,
  m: ProposalMessage,
  now: number,
  /** The author's voting power at the proposal's snapshot block. */
  vp: number,
) {
  const problem = proposalFormatProblem(space, m);
  if (problem) throw new Rejected(`wrong proposal format: ${problem}`);
  if (m.end <= now) throw new Rejected("proposal end date must be in the future");
  if (m.type === "basic" && m.choices.length !== 2 && m.choices.length !== 3)
    throw new Rejected("wrong choices for basic type voting");
  if (space.voting.delay && m.start !== m.timestamp + space.voting.delay) {
    throw new Rejected(`invalid voting delay: start must be timestamp + ${space.voting.delay}`);
  }
  if (space.voting.period && m.end - m.start !== space.voting.period) {
    throw new Rejected(`invalid voting period: end - start must be ${space.voting.period}`);
  }
  if (m.end < m.start) throw new Rejected("proposal end must not be before its start");
  if (space.voting.type && m.type !== space.voting.type)
    throw new Rejected(`invalid voting type: the space votes ${space.voting.type}`);
  if (m.privacy === "shutter") throw new Rejected("shutter privacy is not supported by this hub");

  const author = isAuthor(space, address);
  if (space.filters.onlyMembers && !author) throw new Rejected("only space authors can propose");
  if (!author && vp < space.validation.params.minScore) {
    throw new Rejected(
      `validation failed: proposing needs ${space.validation.params.minScore} ${space.symbol}`,
    );
  }

  const ofSpace = Object.values(deps.store.data.proposals).filter((p) => p.space === space.id);
  const day = ofSpace.filter((p) => p.created > now - DAY_S).length;
  const month = ofSpace.filter((p) => p.created > now - 30 * DAY_S).length;
  if (day >= space.proposalsPerDay || month >= space.proposalsPerMonth) {
    throw new Rejected(
      `proposal limit reached: ${space.proposalsPerDay} a day, ${space.proposalsPerMonth} in 30 days`,
    );
  }
  const activeByAuthor = ofSpace.filter(
    (p) => p.author.toLowerCase() === address.toLowerCase() && p.end > now,
  ).length;
  if (!author && activeByAuthor >= ACTIVE_PROPOSALS_PER_AUTHOR) {
    throw new Rejected(`active proposal limit reached for author: ${ACTIVE_PROPOSALS_PER_AUTHOR}`);
  }

  return (id: string, ipfs: string) => {
    const proposal: StoredProposal = {
      id,
      ipfs,
      author: address,
      created: m.timestamp,
      space: space.id,
      network: space.network,
      symbol: space.symbol,
      type: m.type,
      title: m.title,
      body: m.body,
      discussion: m.discussion,
      choices: m.choices,
      labels: m.labels,
      start: m.start,
      end: m.end,
      snapshot: m.snapshot,
      quorum: space.voting.quorum,
      privacy: m.privacy,
      app: m.app,
      plugins: m.plugins,
      scores: m.choices.map(() => 0),
      scores_total: 0,
      scores_updated: now,
      votes: 0,
    };
    deps.store.data.proposals[id] = proposal;
  };
}

function checkVote(
  deps: IngestDeps,
  space: SpaceSettings,
  address: string,
  m: VoteMessage,
  now: number,
  /** The voter's power at the proposal's snapshot block. */
  vp: number,
) {
  if (m.reason.length > 5000) throw new Rejected("wrong vote format: reason is longer than 5000 characters");
  if (m.app.length > 24) throw new Rejected("wrong vote format: app is longer than 24 characters");
  if (m.metadata.length > 2000) throw new Rejected("too large metadata");
  const proposal = deps.store.data.proposals[m.proposal];
  if (!proposal || proposal.space !== space.id) throw new Rejected("unknown proposal");
  if (
    m.timestamp > proposal.end ||
    proposal.start > m.timestamp ||
    now > proposal.end ||
    proposal.start > now
  ) {
    throw new Rejected("not in voting window");
  }
  if (proposal.type !== "single-choice" && proposal.type !== "basic") throw new Rejected("invalid choice");
  if (!Number.isInteger(m.choice) || m.choice < 1 || m.choice > proposal.choices.length)
    throw new Rejected("invalid choice");
  if (vp === 0) throw new Rejected("no voting power");
  const votes = deps.store.data.votes;
  const previous = votes.find(
    (v) => v.proposal === proposal.id && v.voter.toLowerCase() === address.toLowerCase(),
  );
  if (previous && previous.created > m.timestamp) throw new Rejected("already voted at later time");

  return (id: string, ipfs: string) => {
    if (previous && previous.created === m.timestamp && id.localeCompare(previous.id) <= 0) {
      throw new Rejected("already voted same time with lower index");
    }
    const vote: StoredVote = {
      id,
      ipfs,
      voter: address,
      created: m.timestamp,
      space: space.id,
      proposal: proposal.id,
      choice: m.choice,
      reason: m.reason,
      app: m.app,
      metadata: m.metadata,
      vp,
    };
    // A later vote replaces the voter's earlier one, as on Snapshot.
    if (previous) votes.splice(votes.indexOf(previous), 1, vote);
    else votes.push(vote);
    const forProposal = votes.filter((v) => v.proposal === proposal.id);
    proposal.scores = proposal.choices.map((_, i) =>
      forProposal.filter((v) => v.choice === i + 1).reduce((s, v) => s + v.vp, 0),
    );
    proposal.scores_total = proposal.scores.reduce((s, x) => s + x, 0);
    proposal.votes = forProposal.length;
    proposal.scores_updated = now;
  };
}

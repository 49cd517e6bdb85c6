// The EIP-712 messages Snapshot accepts, exactly as @snapshot-labs/snapshot.js 0.17.5 signs them
// (src/sign/types.ts and src/sign/index.ts). The sequencer recognises a message by the sha256 of
// JSON.stringify(types) (src/sign/hashedTypes.json), so the field order here is part of the contract; a unit test
// checks these against the installed snapshot.js.
import { hashTypedData, type TypedDataDefinition, type TypedDataDomain } from "viem";

export const SNAPSHOT_DOMAIN = { name: "snapshot", version: "0.1.4" } as const satisfies TypedDataDomain;

export const proposalTypes = {
  Proposal: [
    { name: "from", type: "string" },
    { name: "space", type: "string" },
    { name: "timestamp", type: "uint64" },
    { name: "type", type: "string" },
    { name: "title", type: "string" },
    { name: "body", type: "string" },
    { name: "discussion", type: "string" },
    { name: "choices", type: "string[]" },
    { name: "labels", type: "string[]" },
    { name: "start", type: "uint64" },
    { name: "end", type: "uint64" },
    { name: "snapshot", type: "uint64" },
    { name: "plugins", type: "string" },
    { name: "privacy", type: "string" },
    { name: "app", type: "string" },
  ],
} as const;

/** A single-choice vote (choice is the 1-based index of the chosen option). */
export const voteTypes = {
  Vote: [
    { name: "from", type: "string" },
    { name: "space", type: "string" },
    { name: "timestamp", type: "uint64" },
    { name: "proposal", type: "string" },
    { name: "choice", type: "uint32" },
    { name: "reason", type: "string" },
    { name: "app", type: "string" },
    { name: "metadata", type: "string" },
  ],
} as const;

/** Plain numbers, not bigints: snapshot.js JSON.stringifies the envelope after signing, and a bigint throws there. */
export type ProposalMessage = {
  from: string;
  space: string;
  timestamp: number;
  type: string;
  title: string;
  body: string;
  discussion: string;
  choices: string[];
  labels: string[];
  start: number;
  end: number;
  snapshot: number;
  plugins: string;
  privacy: string;
  app: string;
};

export type VoteMessage = {
  from: string;
  space: string;
  timestamp: number;
  proposal: string;
  choice: number;
  reason: string;
  app: string;
  metadata: string;
};

/** What snapshot.js posts: `{ address, sig, data: { domain, types, message } }`. */
export type SnapshotEnvelope = {
  address: string;
  sig: `0x${string}`;
  data: { domain: Record<string, unknown>; types: Record<string, unknown>; message: Record<string, unknown> };
};

/** The sequencer's answer to an accepted message. */
export type SnapshotReceipt = { id: string; ipfs: string; relayer: { address: string; receipt: string } };

// viem types uint64 fields as bigint; at run time it encodes plain numbers the same way, and numbers are what
// snapshot.js must be given. The casts below only bridge that typing difference.
export type ProposalTypedData = TypedDataDefinition<typeof proposalTypes, "Proposal">;
export type VoteTypedData = TypedDataDefinition<typeof voteTypes, "Vote">;

export function proposalTypedData(
  message: ProposalMessage,
): ProposalTypedData & { message: ProposalMessage } {
  return { domain: SNAPSHOT_DOMAIN, types: proposalTypes, primaryType: "Proposal", message } as never;
}

export function voteTypedData(message: VoteMessage): VoteTypedData & { message: VoteMessage } {
  return { domain: SNAPSHOT_DOMAIN, types: voteTypes, primaryType: "Vote", message } as never;
}

/** Snapshot's id of a message: the EIP-712 digest of its typed data (snapshot.js `utils.getHash`). */
export function proposalMessageId(message: ProposalMessage): `0x${string}` {
  return hashTypedData(proposalTypedData(message));
}

export function voteMessageId(message: VoteMessage): `0x${string}` {
  return hashTypedData(voteTypedData(message));
}

/** The fixed choices of a MarginLab vote, in Snapshot's order (choice 1 = For). */
export const VOTE_CHOICES = ["For", "Against", "Abstain"] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];

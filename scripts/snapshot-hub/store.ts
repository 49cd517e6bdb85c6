import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** A proposal as the hub stores it; the GraphQL API adds state, scores_state and link on read. */
export type StoredProposal = {
  id: string;
  ipfs: string;
  author: string;
  created: number;
  space: string;
  network: string;
  symbol: string;
  type: string;
  title: string;
  body: string;
  discussion: string;
  choices: string[];
  labels: string[];
  start: number;
  end: number;
  snapshot: number;
  quorum: number;
  privacy: string;
  app: string;
  plugins: string;
  scores: number[];
  scores_total: number;
  scores_updated: number;
  votes: number;
};

export type StoredVote = {
  id: string;
  ipfs: string;
  voter: string;
  created: number;
  space: string;
  proposal: string;
  choice: number;
  reason: string;
  app: string;
  metadata: string;
  vp: number;
};

/** Every accepted message, like the sequencer's `messages` table: the duplicate check reads it. */
export type StoredMessage = {
  id: string;
  ipfs: string;
  address: string;
  type: "proposal" | "vote";
  timestamp: number;
  space: string;
  sig: string;
  receipt: string;
  /** The pinned JSON (what the CID names). */
  pinned: string;
};

export type HubData = {
  /** The relayer's key: it signs receipts. A throwaway local key that never holds funds. */
  relayerKey: `0x${string}`;
  proposals: Record<string, StoredProposal>;
  votes: StoredVote[];
  messages: Record<string, StoredMessage>;
};

export type HubStore = {
  data: HubData;
  /** Persists after a change (atomically: a crash mid-write leaves the previous file). */
  save: () => void;
};

/** Opens the hub's data: a JSON file when a path is given (kept across restarts), else memory only. */
export function openHubStore(file: string | null, fresh: () => HubData): HubStore {
  let data: HubData;
  if (file && existsSync(file)) {
    data = JSON.parse(readFileSync(file, "utf8")) as HubData;
  } else {
    data = fresh();
  }
  const save = () => {
    if (!file) return;
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(data));
    renameSync(tmp, file);
  };
  save();
  return { data, save };
}

// The part of Snapshot's hub GraphQL API (snapshot-hub src/graphql/schema.gql) that MarginLab reads: space
// settings, proposals with state/scores/quorum, and votes. Field names and meanings follow the hub's.
import { buildSchema, type ExecutionResult, graphql } from "graphql";
import type { SpaceSettings } from "./space.ts";
import type { HubStore, StoredProposal, StoredVote } from "./store.ts";

const schema = buildSchema(`
  scalar Any

  enum OrderDirection { asc desc }

  type Query {
    space(id: String): Space
    spaces(first: Int, skip: Int, where: SpaceWhere): [Space]
    proposal(id: String): Proposal
    proposals(first: Int, skip: Int, where: ProposalWhere, orderBy: String, orderDirection: OrderDirection): [Proposal]
    vote(id: String): Vote
    votes(first: Int, skip: Int, where: VoteWhere, orderBy: String, orderDirection: OrderDirection): [Vote]
  }

  input SpaceWhere { id: String, id_in: [String] }
  input ProposalWhere {
    id: String, id_in: [String], space: String, space_in: [String], author: String, author_in: [String],
    state: String, created_gte: Int, created_lte: Int, end_gte: Int, end_lte: Int
  }
  input VoteWhere {
    id: String, id_in: [String], space: String, space_in: [String], voter: String, voter_in: [String],
    proposal: String, proposal_in: [String], created_gte: Int, created_lte: Int
  }

  type Strategy { name: String!, network: String, params: Any }
  type SpaceFilters { minScore: Float, onlyMembers: Boolean }
  type Validation { name: String!, params: Any }
  type SpaceVoting { delay: Int, period: Int, type: String, quorum: Float, blind: Boolean, hideAbstain: Boolean, privacy: String, aliased: Boolean }

  type Space {
    id: String!
    name: String
    network: String
    symbol: String
    admins: [String]
    moderators: [String]
    members: [String]
    filters: SpaceFilters
    validation: Validation
    voting: SpaceVoting
    strategies: [Strategy]
    proposalsCount: Int
  }

  type Proposal {
    id: String!
    ipfs: String
    author: String!
    created: Int!
    space: Space
    network: String!
    symbol: String!
    type: String
    strategies: [Strategy]!
    title: String!
    body: String
    discussion: String!
    choices: [String]!
    labels: [String]
    start: Int!
    end: Int!
    quorum: Float!
    privacy: String
    snapshot: String
    state: String
    link: String
    app: String
    scores: [Float]
    scores_state: String
    scores_total: Float
    scores_updated: Int
    votes: Int
  }

  type Vote {
    id: String!
    ipfs: String
    voter: String!
    created: Int!
    space: Space!
    proposal: Proposal
    choice: Any!
    metadata: Any
    reason: String
    app: String
    vp: Float
    vp_state: String
  }
`);

type Where = Record<string, unknown>;
type ListArgs = {
  first?: number;
  skip?: number;
  where?: Where;
  orderBy?: string;
  orderDirection?: "asc" | "desc";
};

export type GraphqlDeps = {
  store: HubStore;
  spaces: Map<string, SpaceSettings>;
  now: () => number;
  baseUrl: () => string;
};

/** Filters like the hub's: `field`, `field_in`, `field_gte`, `field_lte`; addresses compare case-insensitively. */
function matches(row: Record<string, unknown>, where: Where = {}): boolean {
  const eq = (a: unknown, b: unknown) =>
    typeof a === "string" && typeof b === "string" ? a.toLowerCase() === b.toLowerCase() : a === b;
  for (const [key, want] of Object.entries(where)) {
    if (want === undefined || want === null) continue;
    if (key.endsWith("_in")) {
      if (!(want as unknown[]).some((w) => eq(row[key.slice(0, -3)], w))) return false;
    } else if (key.endsWith("_gte")) {
      if (!((row[key.slice(0, -4)] as number) >= (want as number))) return false;
    } else if (key.endsWith("_lte")) {
      if (!((row[key.slice(0, -4)] as number) <= (want as number))) return false;
    } else if (!eq(row[key], want)) return false;
  }
  return true;
}

function page<T extends Record<string, unknown>>(rows: T[], args: ListArgs): T[] {
  const orderBy = args.orderBy ?? "created";
  const dir = args.orderDirection === "asc" ? 1 : -1;
  const sorted = [...rows].sort((a, b) => ((a[orderBy] as number) - (b[orderBy] as number)) * dir);
  const skip = args.skip ?? 0;
  return sorted.slice(skip, skip + Math.min(args.first ?? 20, 1000));
}

export function createGraphqlApi(deps: GraphqlDeps) {
  const spaceView = (s: SpaceSettings) => ({
    ...s,
    filters: { onlyMembers: s.filters.onlyMembers, minScore: s.validation.params.minScore },
    strategies: s.strategies.map((st) => ({ ...st, network: s.network })),
    proposalsCount: Object.values(deps.store.data.proposals).filter((p) => p.space === s.id).length,
  });
  const stateOf = (p: StoredProposal) => {
    const now = deps.now();
    return now < p.start ? "pending" : now < p.end ? "active" : "closed";
  };
  const proposalView = (p: StoredProposal) => {
    const space = deps.spaces.get(p.space);
    const state = stateOf(p);
    return {
      ...p,
      snapshot: String(p.snapshot),
      state,
      // Scores are final once the vote has closed (this hub computes them as votes arrive).
      scores_state: state === "closed" ? "final" : "pending",
      // Snapshot's own link is its UI; this hub has none, so the link shows the stored proposal and its votes.
      link: `${deps.baseUrl()}/proposal/${p.id}`,
      strategies: space ? spaceView(space).strategies : [],
      space: () => (space ? spaceView(space) : null),
    };
  };
  const voteView = (v: StoredVote) => {
    const space = deps.spaces.get(v.space);
    const proposal = deps.store.data.proposals[v.proposal];
    return {
      ...v,
      metadata: JSON.parse(v.metadata || "{}") as unknown,
      vp_state: proposal && stateOf(proposal) === "closed" ? "final" : "pending",
      space: () => (space ? spaceView(space) : null),
      proposal: () => (proposal ? proposalView(proposal) : null),
    };
  };

  const rootValue = {
    space: ({ id }: { id?: string }) => {
      const s = id ? deps.spaces.get(id) : undefined;
      return s ? spaceView(s) : null;
    },
    spaces: (args: ListArgs) =>
      [...deps.spaces.values()].filter((s) => matches({ id: s.id }, args.where)).map(spaceView),
    proposal: ({ id }: { id?: string }) => {
      const p = id ? deps.store.data.proposals[id] : undefined;
      return p ? proposalView(p) : null;
    },
    proposals: (args: ListArgs) => {
      const { state, ...where } = args.where ?? {};
      const rows = Object.values(deps.store.data.proposals).filter(
        (p) => matches(p, where) && (state === undefined || state === "all" || stateOf(p) === state),
      );
      return page(rows, args).map(proposalView);
    },
    vote: ({ id }: { id?: string }) => {
      const v = deps.store.data.votes.find((x) => x.id === id);
      return v ? voteView(v) : null;
    },
    votes: (args: ListArgs) =>
      page(
        deps.store.data.votes.filter((v) => matches(v, args.where)),
        args,
      ).map(voteView),
  };

  return {
    execute: (
      query: string,
      variables?: Record<string, unknown>,
      operationName?: string,
    ): Promise<ExecutionResult> =>
      graphql({ schema, source: query, rootValue, variableValues: variables, operationName }),
  };
}

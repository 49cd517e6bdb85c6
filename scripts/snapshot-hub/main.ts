// `npm run snapshot:local`: a Snapshot-compatible hub on this machine, so the whole vote (propose, vote, close,
// sync, enact) runs offline. Point the app at it with SNAPSHOT_HUB_URL (the default is this hub's default URL).
//
//   npm run snapshot:local -- [--port 3100] [--data .data/snapshot-hub.json | --memory] [--space marginlab.eth]
//     [--network 1] [--voting-delay 0] [--voting-period 300] [--quorum 2] [--min-score 1]
//     [--members 0xabc,0xdef] [--only-members] [--voters 0xabc=10,0xdef=5] [--no-dev-controls]
//     [--rpc-url http://127.0.0.1:8545 --token 0x...]   (erc20-votes: votes of an ERC20Votes token on that chain)
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { startSnapshotHub } from "./hub.ts";
import { defaultSpace, LOCAL_VOTING_PERIOD_S, type Strategy } from "./space.ts";

function fail(message: string): never {
  console.error(`snapshot:local: ${message}`);
  process.exit(2);
}

let parsed: ReturnType<typeof parseOptions>;
try {
  parsed = parseOptions();
} catch (e) {
  fail(`${(e as Error).message} (options are listed at the top of scripts/snapshot-hub/main.ts)`);
}
const { values } = parsed;

function parseOptions() {
  return parseArgs({
    options: {
      port: { type: "string", default: process.env.SNAPSHOT_HUB_PORT ?? "3100" },
      host: { type: "string", default: "127.0.0.1" },
      data: { type: "string", default: ".data/snapshot-hub.json" },
      memory: { type: "boolean", default: false },
      space: { type: "string", default: process.env.SNAPSHOT_SPACE || "marginlab.eth" },
      network: { type: "string", default: process.env.SNAPSHOT_NETWORK || "1" },
      "voting-delay": { type: "string", default: "0" },
      // A demo vote should end while someone watches: minutes, not Snapshot's usual days.
      "voting-period": {
        type: "string",
        default: process.env.SNAPSHOT_LOCAL_VOTING_PERIOD || String(LOCAL_VOTING_PERIOD_S),
      },
      quorum: { type: "string", default: "2" },
      "min-score": { type: "string", default: "1" },
      members: { type: "string", default: "" },
      "only-members": { type: "boolean", default: false },
      voters: { type: "string", default: "" },
      "no-dev-controls": { type: "boolean", default: false },
      "rpc-url": { type: "string", default: "" },
      token: { type: "string", default: "" },
    },
  });
}

const int = (name: string, value: string, min: number) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) fail(`--${name} must be a whole number >= ${min}, not "${value}"`);
  return n;
};
const addresses = (list: string) =>
  list
    .split(",")
    .map((a) => a.trim())
    .filter(Boolean)
    .map((a) => (/^0x[0-9a-fA-F]{40}$/.test(a) ? a.toLowerCase() : fail(`"${a}" is not an address`)));

let strategy: Strategy = { name: "ticket", params: { symbol: "VOTE" } };
if (values.voters) {
  const weights: Record<string, number> = {};
  for (const pair of values.voters.split(",")) {
    const [address = "", weight = ""] = pair.split("=");
    const [a] = addresses(address);
    const w = Number(weight);
    if (!a || !(w > 0)) fail(`--voters takes address=weight pairs, not "${pair}"`);
    weights[a] = w;
  }
  strategy = { name: "whitelist-weighted", params: { symbol: "VOTE", addresses: weights } };
}

if (values.token) {
  if (!values["rpc-url"]) fail("--token needs --rpc-url (the chain the token is on)");
  const [token] = addresses(values.token);
  strategy = {
    name: "erc20-votes",
    params: { symbol: "MLG", address: token as `0x${string}`, decimals: 18 },
  };
}

const space = defaultSpace({
  id: values.space,
  symbol: strategy.params.symbol,
  network: values.network,
  members: addresses(values.members),
  filters: { onlyMembers: values["only-members"] },
  validation: { name: "basic", params: { minScore: Number(values["min-score"]) } },
  voting: {
    delay: int("voting-delay", values["voting-delay"], 0),
    period: int("voting-period", values["voting-period"], 1),
    type: "single-choice",
    quorum: int("quorum", values.quorum, 0),
  },
  strategies: [strategy],
});

const hub = await startSnapshotHub({
  spaces: [space],
  dataFile: values.memory ? null : resolve(values.data),
  port: int("port", values.port, 0),
  host: values.host,
  devControls: !values["no-dev-controls"],
  chainRpcUrl: values["rpc-url"] || undefined,
  log: (line) => console.log(`[snapshot-hub] ${line}`),
}).catch((e: Error) => fail(e.message));

console.log(
  `Snapshot hub for space ${space.id} (network ${space.network}) at ${hub.url}: POST / (messages), /graphql, /rpc (chain head)` +
    `${values.memory ? ", in memory" : `, data in ${resolve(values.data)}`}. Voting period ${space.voting.period} s, quorum ${space.voting.quorum}, strategy ${strategy.name}${values["rpc-url"] ? ` on ${values["rpc-url"]}` : ""}.`,
);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void hub.close().then(() => process.exit(0));
  });
}

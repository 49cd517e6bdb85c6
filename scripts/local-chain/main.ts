// `npm run chain:local`: the local EVM chain (Hardhat 2's EDR) on http://127.0.0.1:8545, chain id 31337.
//
//   npm run chain:local -- [--port 8545] [--host 127.0.0.1] [--block-interval-ms 2000]
import { parseArgs } from "node:util";
import { startLocalChain } from "./chain.ts";

function fail(message: string): never {
  console.error(`chain:local: ${message}`);
  process.exit(2);
}

let values: { port: string; host: string; "block-interval-ms": string };
try {
  ({ values } = parseArgs({
    options: {
      port: { type: "string", default: "8545" },
      host: { type: "string", default: "127.0.0.1" },
      "block-interval-ms": { type: "string", default: "2000" },
    },
  }));
} catch (e) {
  fail(`${(e as Error).message} (options are listed at the top of scripts/local-chain/main.ts)`);
}
const int = (name: string, value: string, min: number) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) fail(`--${name} must be a whole number >= ${min}, not "${value}"`);
  return n;
};

const started = performance.now();
const chain = await startLocalChain({
  port: int("port", values.port, 0),
  host: values.host,
  blockIntervalMs: int("block-interval-ms", values["block-interval-ms"], 0),
}).catch((e: Error) => fail(e.message));
console.log(
  `Local chain ${chain.chainId} at ${chain.url} (ready in ${Math.round(performance.now() - started)} ms). ` +
    "Accounts: Hardhat's public test keys, never to be used on a real chain.",
);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void chain.close().then(() => process.exit(0));
  });
}

// A chain head for offline use: Ethereum JSON-RPC `eth_chainId`, `net_version`, `eth_blockNumber` and
// `eth_getBlockByNumber`, enough for a viem public client's getBlockNumber()/getBlock(). Blocks follow the clock
// at 12 s from Ethereum's genesis time, so numbers look like mainnet's and always move forward.
import { keccak256, numberToHex, toHex } from "viem";

const GENESIS_TIMESTAMP = 1_438_269_973; // 2015-07-30T15:26:13Z, Ethereum mainnet's genesis block
const BLOCK_SECONDS = 12;

export function blockNumberAt(unixSeconds: number): number {
  return Math.floor((unixSeconds - GENESIS_TIMESTAMP) / BLOCK_SECONDS);
}

const hashOf = (chainId: number, n: number) => keccak256(toHex(`marginlab-local-chain:${chainId}:${n}`));
const ZERO32 = `0x${"0".repeat(64)}`;

function block(chainId: number, n: number) {
  return {
    number: numberToHex(n),
    hash: hashOf(chainId, n),
    parentHash: n > 0 ? hashOf(chainId, n - 1) : ZERO32,
    timestamp: numberToHex(GENESIS_TIMESTAMP + n * BLOCK_SECONDS),
    nonce: "0x0000000000000000",
    sha3Uncles: ZERO32,
    logsBloom: `0x${"0".repeat(512)}`,
    transactionsRoot: ZERO32,
    stateRoot: ZERO32,
    receiptsRoot: ZERO32,
    miner: `0x${"0".repeat(40)}`,
    difficulty: "0x0",
    totalDifficulty: "0x0",
    extraData: "0x",
    size: "0x0",
    gasLimit: numberToHex(30_000_000),
    gasUsed: "0x0",
    baseFeePerGas: numberToHex(1_000_000_000),
    mixHash: ZERO32,
    transactions: [],
    uncles: [],
  };
}

type RpcRequest = { jsonrpc?: string; id?: unknown; method?: unknown; params?: unknown };

/** Answers one JSON-RPC request (or a batch) against the clock. */
export function answerRpc(request: unknown, opts: { chainId: number; now: () => number }): unknown {
  if (Array.isArray(request)) return request.map((r) => answerRpc(r, opts));
  const { id = null, method, params } = (request ?? {}) as RpcRequest;
  const ok = (result: unknown) => ({ jsonrpc: "2.0", id, result });
  const head = blockNumberAt(opts.now());
  switch (method) {
    case "eth_chainId":
      return ok(numberToHex(opts.chainId));
    case "net_version":
      return ok(String(opts.chainId));
    case "eth_blockNumber":
      return ok(numberToHex(head));
    case "eth_getBlockByNumber": {
      const tag = Array.isArray(params) ? params[0] : undefined;
      const n =
        tag === "latest" || tag === "safe" || tag === "finalized" || tag === "pending" || tag === undefined
          ? head
          : tag === "earliest"
            ? 0
            : typeof tag === "string" && /^0x[0-9a-f]+$/i.test(tag)
              ? Number.parseInt(tag, 16)
              : Number.NaN;
      if (Number.isNaN(n))
        return { jsonrpc: "2.0", id, error: { code: -32602, message: "invalid block tag" } };
      return ok(n > head ? null : block(opts.chainId, n));
    }
    default:
      // Anything needing state (balances, calls, transactions) is not served by a chain head.
      return {
        jsonrpc: "2.0",
        id,
        error: { code: -32601, message: `method ${String(method)} is not available` },
      };
  }
}

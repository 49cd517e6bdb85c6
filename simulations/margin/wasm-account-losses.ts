/**
 * Account loss vectors of a whole book with WebAssembly SIMD (weighted-row-sum.wat): the risk array is
 * copied once into the module's memory (rows padded to an even length, so every f64x2 load is 16-byte
 * aligned), then each account's loss vector is summed there, two scenarios per instruction. The sums are
 * bit-identical to `accountScenarioLosses` (same order of additions; a test keeps them so), which stays
 * the kernel for one-off accounts where copying the array would cost more than it saves.
 */
import { WEIGHTED_ROW_SUM_WASM } from "../wasm/weighted-row-sum.wasm.ts";
import type { AccountBook } from "./account-book.ts";
import type { RiskArray } from "./risk-array.ts";

type Exports = {
  memory: WebAssembly.Memory;
  weightedRowSum(rows: number, qtys: number, n: number, width: number, out: number): void;
};

let compiled: WebAssembly.Module | null = null;
function wasmModule(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(Uint8Array.from(atob(WEIGHTED_ROW_SUM_WASM), (c) => c.charCodeAt(0)));
  return compiled;
}

const PAGE = 65_536;

/** Returns a function giving account a's losses (a view valid until the next call). */
export function wasmAccountLosses(
  book: AccountBook,
  riskArray: RiskArray,
): (account: number) => Float64Array {
  const S = riskArray.scenarios;
  const width = S + (S & 1);
  let maxPositions = 0;
  for (let a = 0; a < book.accounts; a++)
    maxPositions = Math.max(maxPositions, book.offsets[a + 1]! - book.offsets[a]!);
  const matrixBytes = riskArray.instruments * width * 8;
  const outAt = matrixBytes;
  const qtysAt = outAt + width * 8;
  const rowsAt = qtysAt + maxPositions * 8;
  const bytes = rowsAt + maxPositions * 4;

  const { exports } = new WebAssembly.Instance(wasmModule()) as unknown as { exports: Exports };
  const { memory } = exports;
  const pages = Math.ceil(bytes / PAGE) - memory.buffer.byteLength / PAGE;
  if (pages > 0) memory.grow(pages);
  const matrix = new Float64Array(memory.buffer);
  if (width === S) matrix.set(riskArray.loss);
  else
    for (let i = 0; i < riskArray.instruments; i++)
      matrix.set(riskArray.loss.subarray(i * S, (i + 1) * S), i * width);
  const out = new Float64Array(memory.buffer, outAt, S);
  const qtys = new Float64Array(memory.buffer, qtysAt, maxPositions);
  const rows = new Int32Array(memory.buffer, rowsAt, maxPositions);
  const rowBytes = width * 8;

  return (account) => {
    const begin = book.offsets[account]!;
    const n = book.offsets[account + 1]! - begin;
    for (let j = 0; j < n; j++) {
      rows[j] = book.instrument[begin + j]! * rowBytes;
      qtys[j] = book.qty[begin + j]!;
    }
    exports.weightedRowSum(rowsAt, qtysAt, n, width, outAt);
    return out;
  };
}

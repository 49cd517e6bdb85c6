/** One line of the benchmark table: a measure, its value with units, and the target it is held to. */
export type BenchRow = { measure: string; value: string; target?: string; ok?: boolean };

/** A benchmark suite: a file `scripts/bench/<name>.bench.ts` whose default export runs it. */
export type BenchSuite = { title: string; run: () => Promise<BenchRow[]> };

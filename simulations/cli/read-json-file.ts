/** Read and parse a JSON input file; every failure is an EngineError naming the file. */
import { readFileSync, statSync } from "node:fs";
import { EngineError } from "../errors.ts";
import { parseJsonText } from "../input/read-json.ts";

/**
 * Largest input file read by default (parameter sets, market snapshots, reports to verify: a default report is
 * well under 1 MiB). Checked before reading: a file's text costs several times its size once parsed.
 */
export const MAX_JSON_FILE_BYTES = 32 * 1024 * 1024;

const mib = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;

/** Refuses a file larger than `maxBytes` (what: e.g. "a portfolio file") before reading any of it. */
export function checkFileSize(path: string, maxBytes: number, what: string) {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return; // the read that follows names the reason (not found, a directory...)
  }
  if (size > maxBytes)
    throw new EngineError({
      code: "INVALID_INPUT",
      reason: `the file is ${mib(size)}; ${what} may be at most ${mib(maxBytes)}`,
      source: path,
    });
}

export function readJsonFile(
  path: string,
  limit = { maxBytes: MAX_JSON_FILE_BYTES, what: "an input file" },
): unknown {
  checkFileSize(path, limit.maxBytes, limit.what);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? "file not found"
        : code === "EISDIR"
          ? "is a directory"
          : `cannot read file (${code ?? "error"})`;
    throw new EngineError({ code: "INVALID_INPUT", reason, source: path });
  }
  try {
    return parseJsonText(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw e instanceof EngineError ? e.withSource(path) : e;
  }
}

/** Run a parse step, attributing its EngineError to `path` unless it already names a file. */
export function inFile<T>(path: string, step: () => T): T {
  try {
    return step();
  } catch (e) {
    if (e instanceof EngineError && e.source === undefined) throw e.withSource(path);
    throw e;
  }
}

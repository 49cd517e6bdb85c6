/** Read and parse a JSON input file; every failure is an EngineError naming the file. */
import { readFileSync } from "node:fs";
import { EngineError } from "../errors.ts";
import { parseJsonText } from "../input/read-json.ts";

export function readJsonFile(path: string): unknown {
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

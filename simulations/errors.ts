/**
 * The engine's one error type. Every bad input becomes an `EngineError` carrying a stable `code`,
 * the JSON path of the offending field and a reason, so callers (CLI, server) can print one line
 * (`file: field: reason`) or map the code to a transport status without parsing messages.
 */
export type EngineErrorCode =
  | "INVALID_JSON"
  | "INVALID_INPUT"
  | "UNKNOWN_INSTRUMENT"
  | "EXPIRED_INSTRUMENT"
  | "MISSING_UNDERLYING"
  | "UNKNOWN_MODEL"
  | "INVALID_PARAMS"
  | "MISSING_HISTORY";

export type FieldPath = ReadonlyArray<string | number>;

export class EngineError extends Error {
  readonly code: EngineErrorCode;
  readonly path: FieldPath;
  readonly reason: string;
  /** The input file (or other source name) the field belongs to, when known. */
  readonly source: string | undefined;

  constructor(args: { code: EngineErrorCode; path?: FieldPath; reason: string; source?: string }) {
    const path = args.path ?? [];
    super(describe(args.source, path, args.reason));
    this.name = "EngineError";
    this.code = args.code;
    this.path = path;
    this.reason = args.reason;
    this.source = args.source;
  }

  /** The same error attributed to a source (file name), keeping code, path and reason. */
  withSource(source: string): EngineError {
    return new EngineError({ code: this.code, path: this.path, reason: this.reason, source });
  }

  /** The same error with a path prefix (e.g. when a nested validator does not know where it sits). */
  under(prefix: FieldPath): EngineError {
    return new EngineError({
      code: this.code,
      path: [...prefix, ...this.path],
      reason: this.reason,
      source: this.source,
    });
  }
}

/** `positions[3].instrument`, `underlyings.BTC.spot`, or `(root)` for the document itself. */
export function formatPath(path: FieldPath): string {
  if (path.length === 0) return "(root)";
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(part)) out += out === "" ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

function describe(source: string | undefined, path: FieldPath, reason: string): string {
  // A whole-file problem (unreadable, malformed JSON) has no field to name.
  if (source && path.length === 0) return `${source}: ${reason}`;
  const where = formatPath(path);
  return source ? `${source}: ${where}: ${reason}` : `${where}: ${reason}`;
}

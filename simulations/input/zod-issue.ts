/** Turn the first zod issue into an EngineError naming the JSON path of the field and the reason. */
import type { z } from "zod";
import { EngineError, type EngineErrorCode, type FieldPath } from "../errors.ts";

export function issueToError(error: z.ZodError, code: EngineErrorCode, prefix: FieldPath = []): EngineError {
  const issue = error.issues[0];
  if (!issue) return new EngineError({ code, path: prefix, reason: "invalid input" });
  const path: (string | number)[] = [
    ...prefix,
    ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p)),
  ];
  if (issue.code === "unrecognized_keys") {
    const keys = (issue as { keys: string[] }).keys;
    const first = keys[0] ?? "?";
    return new EngineError({ code, path: [...path, first], reason: "unknown field" });
  }
  return new EngineError({ code, path, reason: issue.message });
}

/** Parse with a schema or throw the EngineError for its first issue. */
export function parseWith<T>(
  schema: z.ZodType<T>,
  value: unknown,
  code: EngineErrorCode,
  prefix?: FieldPath,
): T {
  const result = schema.safeParse(value);
  if (!result.success) throw issueToError(result.error, code, prefix);
  return result.data;
}

/** Turns the first zod issue into the engine's error, keeping the field path and zod's reason. */
import type { z } from "zod";
import { EngineError, type EngineErrorCode } from "../../errors.ts";

export function zodIssueToEngineError(issue: z.core.$ZodIssue, code: EngineErrorCode): EngineError {
  const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
  return new EngineError({ code, path, reason: issue.message });
}

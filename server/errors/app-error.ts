/** The domain's error codes; each maps to one tRPC/HTTP code in the API's error formatter. */
export type AppErrorCode =
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "UNAUTHORIZED"
  | "CONFLICT"
  | "INVALID_INPUT"
  | "RATE_LIMITED"
  | "UNAVAILABLE";

/** An expected failure with a stable code and, for invalid input, the field it is about. */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly field?: string;

  constructor(code: AppErrorCode, message: string, opts: { field?: string; cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = "AppError";
    this.code = code;
    this.field = opts.field;
  }
}

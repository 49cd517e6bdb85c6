/**
 * What went wrong, in words for the person at the screen: the server's message and per-field errors (tRPC errors
 * carry `data.fieldErrors`, field path -> message, and `data.appCode`), or a wallet's refusal.
 */
export type ErrorInfo = { message: string; fieldErrors: Record<string, string>; code: string | null };

type MaybeTrpcError = {
  message?: unknown;
  shortMessage?: unknown;
  code?: unknown;
  name?: unknown;
  data?: { fieldErrors?: Record<string, string> | null; appCode?: string | null; code?: string } | null;
  cause?: unknown;
};

function isUserRejection(e: MaybeTrpcError): boolean {
  if (e.code === 4001 || e.name === "UserRejectedRequestError") return true;
  const cause = e.cause as MaybeTrpcError | undefined;
  return cause ? isUserRejection(cause) : false;
}

export function errorInfo(error: unknown): ErrorInfo {
  if (!error || typeof error !== "object") {
    return { message: String(error ?? "Something went wrong."), fieldErrors: {}, code: null };
  }
  const e = error as MaybeTrpcError;
  if (isUserRejection(e)) {
    return { message: "The request was rejected in the wallet.", fieldErrors: {}, code: "USER_REJECTED" };
  }
  const fieldErrors = e.data?.fieldErrors ?? {};
  const raw =
    typeof e.shortMessage === "string"
      ? e.shortMessage
      : typeof e.message === "string"
        ? e.message
        : "Something went wrong.";
  // Zod errors arrive as a JSON list when a procedure's input fails validation: the field errors say it better.
  const message =
    raw.trim().startsWith("[") && Object.keys(fieldErrors).length > 0 ? "Some fields need attention." : raw;
  return { message, fieldErrors, code: e.data?.appCode ?? e.data?.code ?? null };
}

/**
 * Field errors as shown next to their inputs: the server's messages start with the field's path
 * (`changes.scenarios[3].spotShock: must be >= 0`), which the input's place already says (and which counts rows
 * from 0 where the form counts from 1).
 */
export function withoutFieldPaths(fieldErrors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fieldErrors).map(([field, message]) => [
      field,
      message.replace(/^changes[\w.[\]"]*: /, ""),
    ]),
  );
}

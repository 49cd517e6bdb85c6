/**
 * The one error type for market-history problems (missing symbol, malformed CSV, too little history).
 * `code` is stable so callers (CLI, API) can map it without parsing the message.
 */
export type MarketDataErrorCode = "UNKNOWN_SYMBOL" | "BAD_CSV" | "INSUFFICIENT_HISTORY" | "BAD_ARGUMENT";

export class MarketDataError extends Error {
  readonly code: MarketDataErrorCode;

  constructor(code: MarketDataErrorCode, message: string) {
    super(message);
    this.name = "MarketDataError";
    this.code = code;
  }
}

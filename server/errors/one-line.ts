/**
 * An error as one line for a process that stops on it (`npm start`, `npm run worker`): driver messages can span
 * lines, and a connection refused on every address of a host arrives as an AggregateError with no message.
 */
export function oneLine(e: unknown): string {
  const error = e instanceof AggregateError && !e.message && e.errors[0] ? e.errors[0] : e;
  const text =
    error instanceof Error ? error.message || (error as { code?: string }).code || error.name : String(error);
  return text.replace(/\s*\n\s*/g, " ").trim();
}

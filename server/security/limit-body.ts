/** Largest request body the API accepts; a proposal with a long rationale is a few kilobytes. */
export const MAX_BODY_BYTES = 256 * 1024;

/**
 * Reads a request body up to a byte limit. Returns the request (re-created with the bytes read) or a 413
 * response; a lying or missing Content-Length does not help a client past the limit, since the stream is counted.
 */
export async function limitBody(req: Request, maxBytes = MAX_BODY_BYTES): Promise<Request | Response> {
  if (!req.body) return req;
  const tooLarge = () =>
    Response.json(
      { error: { message: `request body larger than ${maxBytes} bytes`, code: "PAYLOAD_TOO_LARGE" } },
      { status: 413 },
    );
  const declared = Number(req.headers.get("content-length") ?? Number.NaN);
  if (declared > maxBytes) return tooLarge();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return tooLarge();
    }
    chunks.push(value);
  }
  return new Request(req.url, { method: req.method, headers: req.headers, body: Buffer.concat(chunks) });
}

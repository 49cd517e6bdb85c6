/** Largest request body the API accepts; a proposal with a long rationale is a few kilobytes. */
export const MAX_BODY_BYTES = 256 * 1024;

/**
 * Deepest nesting of arrays and objects the API accepts. Real inputs reach about 8 (a derive-pm2 scenario list in
 * a batched superjson call); 20,000 nested arrays overflowed the stack of the code that walks the input (a 500).
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether JSON text nests arrays/objects deeper than `max`: one pass over the characters, brackets inside strings
 * not counted, no parsing (so no recursion whatever the input).
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \\ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > max) return true;
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth--;
  }
  return false;
}

const tooDeep = (where: string, max: number) =>
  Response.json(
    { error: { message: `${where} nests arrays or objects deeper than ${max} levels`, code: "BAD_REQUEST" } },
    { status: 400 },
  );

/**
 * Reads a request body up to a byte limit and a nesting depth (the `input` of a GET too). Returns the request
 * (re-created with the bytes read), a 413 response for size, or a 400 for depth; a lying or missing Content-Length
 * does not help a client past the limit, since the stream is counted.
 */
export async function limitBody(
  req: Request,
  maxBytes = MAX_BODY_BYTES,
  maxDepth = MAX_JSON_DEPTH,
): Promise<Request | Response> {
  const input = new URL(req.url).searchParams.get("input");
  if (input !== null && nestsDeeperThan(input, maxDepth)) return tooDeep("the input", maxDepth);
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
  const body = Buffer.concat(chunks);
  if (nestsDeeperThan(body.toString("utf8"), maxDepth)) return tooDeep("the request body", maxDepth);
  return new Request(req.url, { method: req.method, headers: req.headers, body });
}

/**
 * Typed arrays for kernels that refill their output at every step of a simulated path. Passing the
 * array of an earlier step returns it (same length), a view on its buffer (shorter), or a new buffer
 * with a quarter to spare (longer: a path's instrument list grows as options are rolled), so a path
 * allocates a handful of buffers instead of a few per step. The caller writes every element.
 */
type TypedArrayType<A> = {
  new (length: number): A;
  new (buffer: ArrayBuffer, byteOffset: number, length: number): A;
  readonly BYTES_PER_ELEMENT: number;
};

export function refillableArray<A extends Float64Array | Int32Array | Uint8Array>(
  Type: TypedArrayType<A>,
  length: number,
  previous?: A | null,
): A {
  if (!previous) return new Type(length);
  if (previous.length === length) return previous;
  const buffer = previous.buffer as ArrayBuffer;
  if (buffer.byteLength >= length * Type.BYTES_PER_ELEMENT) return new Type(buffer, 0, length);
  return new Type(new ArrayBuffer(Math.ceil(length * 1.25) * Type.BYTES_PER_ELEMENT), 0, length);
}

import { createHash } from "node:crypto";

const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

/** RFC 4648 base32, lowercase, no padding: the multibase "b" encoding IPFS uses for CIDv1. */
function base32(bytes: Uint8Array): string {
  let out = "";
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/**
 * The CIDv1 (raw codec 0x55, sha2-256 multihash) of some bytes, as `ipfs add --cid-version 1 --raw-leaves` gives
 * for a small file: anyone holding the pinned JSON can recompute it, so the receipt names the content.
 */
export function cidOf(content: string | Uint8Array): string {
  const digest = createHash("sha256").update(content).digest();
  return `b${base32(Uint8Array.from([0x01, 0x55, 0x12, 0x20, ...digest]))}`;
}

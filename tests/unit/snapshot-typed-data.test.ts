import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { proposalTypes, voteTypes } from "../../server/services/snapshot/typed-data.ts";

// The sequencer identifies a message by sha256(JSON.stringify(types)) looked up in snapshot.js's
// src/sign/hashedTypes.json; types that are not there are refused as "wrong types".
const require = createRequire(import.meta.url);
const pkgDir = dirname(require.resolve("@snapshot-labs/snapshot.js/package.json"));
const hashedTypes = JSON.parse(readFileSync(join(pkgDir, "src/sign/hashedTypes.json"), "utf8")) as Record<
  string,
  string
>;
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

describe("Snapshot EIP-712 types", () => {
  it("are snapshot.js 0.17.5's proposal and single-choice vote types, field for field", () => {
    expect(hashedTypes[sha256(JSON.stringify(proposalTypes))]).toBe("proposal");
    expect(hashedTypes[sha256(JSON.stringify(voteTypes))]).toBe("vote");
    // And the source the package ships says the same (the order of fields is part of the hash).
    const source = readFileSync(join(pkgDir, "src/sign/types.ts"), "utf8");
    for (const [name, fields] of [
      ["proposalTypes", proposalTypes.Proposal],
      ["voteTypes", voteTypes.Vote],
    ] as const) {
      const block =
        new RegExp(`export const ${name} = \\{[^}]*?\\[([\\s\\S]*?)\\]\\s*\\};`).exec(source)?.[1] ?? "";
      const parsed = [...block.matchAll(/\{ name: '(\w+)', type: '([\w[\]]+)' \}/g)].map((m) => ({
        name: m[1],
        type: m[2],
      }));
      expect(parsed).toEqual(fields);
    }
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileWat, moduleSourceOf, watFiles } from "../../scripts/wasm/compile-wat.ts";

describe("committed WebAssembly modules", () => {
  it("are exactly what their .wat sources compile to (run `npm run build:wasm` after editing one)", async () => {
    const files = watFiles();
    expect(files.length).toBeGreaterThan(0);
    for (const wat of files) {
      const committed = readFileSync(wat.replace(/\.wat$/, ".wasm.ts"), "utf8");
      expect(committed, wat).toBe(moduleSourceOf(wat, await compileWat(wat)));
    }
  });
});

// Regenerates simulations/wasm/*.wasm.ts from the .wat sources beside them.
import { writeFileSync } from "node:fs";
import { compileWat, moduleSourceOf, watFiles } from "./wasm/compile-wat.ts";

for (const wat of watFiles()) {
  const bytes = await compileWat(wat);
  const out = wat.replace(/\.wat$/, ".wasm.ts");
  writeFileSync(out, moduleSourceOf(wat, bytes));
  console.log(`${out}: ${bytes.length} bytes`);
}

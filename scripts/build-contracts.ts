// Regenerates server/chain/artifacts/*.ts from the Solidity sources in server/chain/contracts.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  ARTIFACTS_DIR,
  artifactFileName,
  artifactSource,
  compileContracts,
} from "./chain/compile-contracts.ts";

mkdirSync(ARTIFACTS_DIR, { recursive: true });
for (const contract of compileContracts()) {
  const out = join(ARTIFACTS_DIR, artifactFileName(contract.name));
  writeFileSync(out, artifactSource(contract));
  console.log(`${out}: ${(contract.bytecode.length - 2) / 2} bytes of creation code`);
}

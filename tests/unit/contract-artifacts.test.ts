import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  ARTIFACTS_DIR,
  artifactFileName,
  artifactSource,
  compileContracts,
} from "../../scripts/chain/compile-contracts.ts";

describe("committed contract artifacts", () => {
  it("are exactly what solc-js makes of the Solidity sources (run `npm run build:contracts` after editing one)", () => {
    const contracts = compileContracts();
    expect(contracts.map((c) => c.name).sort()).toEqual(["GovernanceToken", "RiskParameterRegistry"]);
    for (const contract of contracts) {
      const file = join(ARTIFACTS_DIR, artifactFileName(contract.name));
      expect(readFileSync(file, "utf8"), file).toBe(artifactSource(contract));
    }
  });
});

// The README's layer rules are enforced by lint (biome.json, noRestrictedImports per folder): a planted
// violation in each layer must fail `biome lint`, and an allowed import must pass, so the rules are neither
// missing nor so broad that they forbid everything.
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

function lint(folder: string, source: string): { ok: boolean; output: string } {
  // Inside the folder whose rules apply; a unique name so parallel runs never collide.
  const file = `${folder}/layer-probe-${process.pid}-${Math.random().toString(36).slice(2)}.ts`;
  writeFileSync(file, source);
  try {
    const run = spawnSync("npx", ["biome", "lint", file], { encoding: "utf8" });
    return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(file, { force: true });
  }
}

describe("layer rules", () => {
  it("the engine imports no database, framework or server code", () => {
    for (const specifier of [
      "@prisma/client",
      "next/server",
      "react",
      "../../server/db.ts",
      "@/app/lib/format.ts",
    ]) {
      const { ok, output } = lint(
        "simulations/margin",
        `import * as m from "${specifier}";\nexport const a = m;\n`,
      );
      expect(ok, specifier).toBe(false);
      expect(output).toContain("noRestrictedImports");
    }
  });

  it("the engine may import its own modules and zod", () => {
    const { ok, output } = lint(
      "simulations/margin",
      'import { z } from "zod";\nimport { ENGINE_VERSION } from "../report/engine-version.ts";\nexport const a = [z, ENGINE_VERSION];\n',
    );
    expect(ok, output).toBe(true);
  });

  it("the server never imports the app", () => {
    for (const specifier of ["@/app/lib/format.ts", "../../app/lib/format.ts", "react"]) {
      const { ok, output } = lint(
        "server/services",
        `import * as m from "${specifier}";\nexport const a = m;\n`,
      );
      expect(ok, specifier).toBe(false);
      expect(output).toContain("noRestrictedImports");
    }
  });

  it("the server may import the engine", () => {
    const { ok, output } = lint(
      "server/services",
      'import { ENGINE_VERSION } from "../../simulations/report/engine-version.ts";\nexport const a = ENGINE_VERSION;\n',
    );
    expect(ok, output).toBe(true);
  });
});

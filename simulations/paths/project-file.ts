import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const SIMULATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * A file of this package (e.g. `data/btc-usd-daily.csv`), found beside the sources; inside a bundle (Next's server
 * build) the module has moved, so it falls back to the project's `simulations/` folder under the working directory.
 * (A `new URL("../data/", import.meta.url)` would make the bundler try to bundle the folder.)
 */
export function simulationsFile(relative: string): string {
  const beside = join(SIMULATIONS_DIR, relative);
  return existsSync(/* turbopackIgnore: true */ beside)
    ? beside
    : join(/* turbopackIgnore: true */ process.cwd(), "simulations", relative);
}

/** A file at the project root (e.g. `package.json`), by the same rule. */
export function projectFile(relative: string): string {
  const beside = join(SIMULATIONS_DIR, "..", relative);
  return existsSync(/* turbopackIgnore: true */ beside)
    ? beside
    : join(/* turbopackIgnore: true */ process.cwd(), relative);
}

// Which chromium the end-to-end tests drive, so `npm test` passes on a machine where nothing was installed by hand.
// In order: CHROMIUM_PATH (a path, or "bundled"), Debian's /usr/bin/chromium, else the headless chromium shipped
// inside the npm package @sparticuz/chromium (a devDependency: it installs with `npm ci` like any package and
// downloads nothing). That package is built for AWS Lambda; unpacked here with its own NSS/NSPR/expat libraries
// (its al2023 pack) on LD_LIBRARY_PATH, it runs on a bare Debian x64 without any system package.
import { spawnSync } from "node:child_process";
import {
  accessSync,
  constants,
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { createBrotliDecompress } from "node:zlib";

export const SYSTEM_CHROMIUM = "/usr/bin/chromium";

export type Chromium = {
  executablePath: string;
  /** Extra environment the browser needs (the bundled one's libraries). */
  env: Record<string, string>;
  /** One line for the test log: which browser and why. */
  description: string;
};

const PACKAGE = "@sparticuz/chromium";

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function untarBrotli(archive: string, into: string): Promise<void> {
  // Through a file: tar stops reading at the end-of-archive marker, which would cut a pipe short.
  const tarFile = `${into}.tar`;
  await pipeline(createReadStream(archive), createBrotliDecompress(), createWriteStream(tarFile));
  mkdirSync(into, { recursive: true });
  const tar = spawnSync("tar", ["-x", "-f", tarFile, "-C", into], { stdio: "inherit" });
  rmSync(tarFile);
  if (tar.status !== 0)
    throw new Error(`tar -x ${archive}: ${tar.error?.message ?? `exit code ${tar.status}`}`);
}

/**
 * Unpacks the package's browser once into node_modules/.cache (about 2 s, 180 MB). Unpacked into a temporary
 * folder renamed at the end, so a process never sees half a browser and concurrent runs cannot clash.
 */
async function unpackBundled(): Promise<Chromium> {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(dirname(dirname(require.resolve(PACKAGE))));
  // The package exports no ./package.json: read it from its folder (main is build/cjs/index.cjs).
  const { version } = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as {
    version: string;
  };
  const bin = join(packageDir, "bin");
  const target = join(process.cwd(), "node_modules", ".cache", "marginlab-chromium", version);
  if (!existsSync(join(target, "chromium"))) {
    const staging = `${target}.${process.pid}.partial`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    await pipeline(
      createReadStream(join(bin, "chromium.br")),
      createBrotliDecompress(),
      createWriteStream(join(staging, "chromium"), { mode: 0o755 }),
    );
    // swiftshader: the GL libraries chromium loads from its own folder; al2023: NSS, NSPR and expat; fonts.
    await untarBrotli(join(bin, "swiftshader.tar.br"), staging);
    await untarBrotli(join(bin, "al2023.tar.br"), staging);
    await untarBrotli(join(bin, "fonts.tar.br"), join(staging, "fonts"));
    try {
      renameSync(staging, target);
    } catch (e) {
      // Another process finished first: its copy is complete, use it.
      rmSync(staging, { recursive: true, force: true });
      if (!existsSync(join(target, "chromium"))) throw e;
    }
  }
  const env: Record<string, string> = {
    LD_LIBRARY_PATH: [join(target, "lib"), process.env.LD_LIBRARY_PATH].filter(Boolean).join(":"),
  };
  // Without a system fontconfig the page text would have no font at all.
  if (!existsSync("/etc/fonts/fonts.conf")) env.FONTCONFIG_PATH = join(target, "fonts");
  return {
    executablePath: join(target, "chromium"),
    env,
    description: `the headless chromium shipped in the npm package ${PACKAGE}@${version} (unpacked in ${target})`,
  };
}

/** The browser to drive: explicit configuration, then the system's, then the one shipped in node_modules. */
export async function findChromium(
  config: { chromiumPath?: string; systemPath?: string } = {
    chromiumPath: process.env.CHROMIUM_PATH,
    systemPath: SYSTEM_CHROMIUM,
  },
): Promise<Chromium> {
  const wanted = config.chromiumPath?.trim();
  if (wanted === "bundled") return unpackBundled();
  if (wanted) {
    if (!isExecutable(wanted))
      throw new Error(
        `CHROMIUM_PATH=${wanted}: no executable there (unset it to use the system or bundled browser)`,
      );
    return { executablePath: wanted, env: {}, description: `${wanted} (CHROMIUM_PATH)` };
  }
  if (config.systemPath && isExecutable(config.systemPath))
    return {
      executablePath: config.systemPath,
      env: {},
      description: `the system chromium at ${config.systemPath}`,
    };
  const bundled = await unpackBundled();
  return {
    ...bundled,
    description: `no chromium at ${config.systemPath ?? "(none)"}: ${bundled.description}`,
  };
}

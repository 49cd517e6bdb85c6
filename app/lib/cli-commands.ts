/**
 * The commands that reproduce a run with the MarginLab CLI from a clone of the repository: recompute the report
 * from the same parameter sets and run options, and verify a downloaded report (which re-runs it from its own
 * inputs and compares hashes).
 */
export type RunInputsForCli = {
  accounts?: unknown;
  paths?: unknown;
  seed?: unknown;
  horizonDays?: unknown;
  windows?: unknown;
};

const SAFE = /^[A-Za-z0-9._-]+$/;

function flag(name: string, value: unknown): string[] {
  return typeof value === "number" && Number.isFinite(value) ? [`--${name}`, String(value)] : [];
}

export function cliCommands(args: {
  inputs: RunInputsForCli | null;
  liveFile: string;
  proposedFile: string;
  reportFile: string;
}) {
  const i = args.inputs ?? {};
  const windows =
    Array.isArray(i.windows) &&
    i.windows.length > 0 &&
    i.windows.every((w) => typeof w === "string" && SAFE.test(w))
      ? ["--windows", ...(i.windows as string[])]
      : [];
  const simulate = [
    "npm run -s marginlab -- simulate",
    `--live ${args.liveFile}`,
    `--proposed ${args.proposedFile}`,
    ...[
      flag("accounts", i.accounts),
      flag("paths", i.paths),
      flag("seed", i.seed),
      flag("horizon-days", i.horizonDays),
      windows,
    ]
      .filter((f) => f.length > 0)
      .map((f) => f.join(" ")),
    "--out report.json",
  ].join(" ");
  return {
    simulate,
    verify: `npm run -s marginlab -- verify ${args.reportFile}`,
  };
}

export function reportFileName(proposalNumber: number, reportHash: string) {
  return `marginlab-proposal-${proposalNumber}-report-${reportHash.slice(0, 12)}.json`;
}

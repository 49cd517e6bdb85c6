/** A `marginlab` subcommand: one file under cli/commands/ registers itself on the program. */
import type { Command } from "commander";

export type CliCommand = { name: string; register: (program: Command) => void };

/** Thrown by commands for a usage problem that is not tied to a file (exit code 2). */
export class UsageError extends Error {}

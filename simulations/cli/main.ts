#!/usr/bin/env node
/**
 * `marginlab`: the engine's command line, a thin shell over `simulations/index.ts`.
 * Every failure is one line on stderr and a non-zero exit code, never a stack trace:
 * 1 for bad input (file: field: reason), 2 for usage, 70 for an internal error.
 */
import { Command, CommanderError } from "commander";
import { EngineError } from "../errors.ts";
import { UsageError } from "./command.ts";
import { commands } from "./commands/index.ts";

function fail(line: string, code: number): never {
  process.stderr.write(`marginlab: ${line.replace(/\s*\n\s*/g, " ")}\n`);
  process.exit(code);
}

const program = new Command()
  .name("marginlab")
  .description(
    "MarginLab risk engine: portfolio margin, scenario risk and VaR/ES for crypto options and perps",
  )
  .configureOutput({
    outputError: (text, write) =>
      write(`marginlab: ${text.replace(/^error: /, "").trim()} (see marginlab --help)\n`),
  })
  .exitOverride();

for (const command of commands) command.register(program);
for (const sub of program.commands) {
  sub.exitOverride().configureOutput({
    outputError: (text, write) =>
      write(
        `marginlab ${sub.name()}: ${text.replace(/^error: /, "").trim()} (see marginlab ${sub.name()} --help)\n`,
      ),
  });
}

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    // Help and version are printed by commander itself and exit 0; its usage errors are already printed.
    process.exit(e.exitCode === 0 ? 0 : 2);
  }
  if (e instanceof EngineError) fail(e.message, 1);
  if (e instanceof UsageError) fail(e.message, 2);
  fail(`internal error: ${e instanceof Error ? e.message : String(e)}`, 70);
}

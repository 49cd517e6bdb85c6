/** Every `marginlab` subcommand. A new command is one file under cli/commands/ and one line here. */
import type { CliCommand } from "../command.ts";
import { marginCommand } from "./margin.ts";
import { recommendCommand } from "./recommend.ts";
import { simulateCommand } from "./simulate.ts";
import { verifyCommand } from "./verify.ts";

export const commands: CliCommand[] = [marginCommand, simulateCommand, verifyCommand, recommendCommand];

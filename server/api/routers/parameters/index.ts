import { createTRPCRouter } from "../../trpc.ts";
import { diff } from "./diff.ts";
import { history } from "./history.ts";
import { live } from "./live.ts";
import { model } from "./model.ts";
import { version } from "./version.ts";

export const parametersRouter = createTRPCRouter({ live, history, version, diff, model });

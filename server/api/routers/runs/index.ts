import { createTRPCRouter } from "../../trpc.ts";
import { cancel } from "./cancel.ts";
import { get } from "./get.ts";
import { list } from "./list.ts";
import { queueExtra } from "./queue-extra.ts";
import { report } from "./report.ts";
import { retry } from "./retry.ts";

export const runsRouter = createTRPCRouter({ list, get, report, queueExtra, cancel, retry });

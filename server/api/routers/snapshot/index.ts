import { createTRPCRouter } from "../../trpc.ts";
import { prepareSubmission } from "./prepare-submission.ts";
import { recordSubmission } from "./record-submission.ts";
import { status } from "./status.ts";
import { sync } from "./sync.ts";

export const snapshotRouter = createTRPCRouter({ prepareSubmission, recordSubmission, status, sync });

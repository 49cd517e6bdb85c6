import { createTRPCRouter } from "../../trpc.ts";
import { cancel } from "./cancel.ts";
import { draftProposal } from "./draft-proposal.ts";
import { get } from "./get.ts";
import { list } from "./list.ts";
import { report } from "./report.ts";
import { retry } from "./retry.ts";
import { start } from "./start.ts";

export const recommendationsRouter = createTRPCRouter({
  start,
  get,
  list,
  report,
  cancel,
  retry,
  draftProposal,
});

import { createTRPCRouter } from "../../trpc.ts";
import { cancel } from "./cancel.ts";
import { createDraft } from "./create-draft.ts";
import { enact } from "./enact.ts";
import { endorse } from "./endorse.ts";
import { endorsementRequest } from "./endorsement-request.ts";
import { get } from "./get.ts";
import { list } from "./list.ts";
import { preview } from "./preview.ts";
import { publish } from "./publish.ts";
import { rebase } from "./rebase.ts";
import { review } from "./review.ts";
import { updateDraft } from "./update-draft.ts";

export const proposalsRouter = createTRPCRouter({
  list,
  get,
  createDraft,
  updateDraft,
  preview,
  publish,
  rebase,
  cancel,
  enact,
  endorsementRequest,
  endorse,
  review,
});

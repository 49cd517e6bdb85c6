import { recordSubmission as record } from "../../../services/snapshot/submission.ts";
import { memberProcedure, rateLimit } from "../../trpc.ts";
import { ZRecordSubmissionInput } from "./snapshot.schema.ts";

/**
 * Records a submission once Snapshot has it (the proposal becomes "submitted" with its Snapshot id and IPFS hash).
 * Idempotent; without a receipt (the post failed or its answer was lost) the server checks the hub and, if needed,
 * sends the identical signed message itself.
 */
export const recordSubmission = memberProcedure
  .use(rateLimit("write"))
  .input(ZRecordSubmissionInput)
  .mutation(({ ctx, input }) =>
    record({ db: ctx.db, config: ctx.config }, { address: ctx.address, role: ctx.role }, input),
  );

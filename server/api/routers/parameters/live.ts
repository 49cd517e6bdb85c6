import { getLiveParameterSet } from "../../../services/parameters/live-parameter-set.ts";
import { publicProcedure } from "../../trpc.ts";
import { ZLiveOutput } from "./live.schema.ts";

/** The live margin parameter set (public: the community reads it without signing in). */
export const live = publicProcedure.output(ZLiveOutput).query(async ({ ctx }) => {
  return ZLiveOutput.parse(await getLiveParameterSet(ctx.db));
});

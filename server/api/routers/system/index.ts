import { createTRPCRouter } from "../../trpc.ts";
import { info } from "./info.ts";

export const systemRouter = createTRPCRouter({ info });

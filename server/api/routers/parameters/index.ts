import { createTRPCRouter } from "../../trpc.ts";
import { live } from "./live.ts";

export const parametersRouter = createTRPCRouter({ live });

import { createTRPCRouter } from "../../trpc.ts";
import { verify } from "./verify.ts";

export const reportsRouter = createTRPCRouter({ verify });

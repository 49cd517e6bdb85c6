import { createTRPCRouter } from "../../trpc.ts";
import { body } from "./body.ts";
import { verify } from "./verify.ts";

export const reportsRouter = createTRPCRouter({ body, verify });

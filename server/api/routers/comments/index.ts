import { createTRPCRouter } from "../../trpc.ts";
import { add } from "./add.ts";
import { list } from "./list.ts";

export const commentsRouter = createTRPCRouter({ add, list });

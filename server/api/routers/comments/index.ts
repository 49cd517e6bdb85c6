import { createTRPCRouter } from "../../trpc.ts";
import { add } from "./add.ts";

export const commentsRouter = createTRPCRouter({ add });

import { createTRPCRouter } from "../../trpc.ts";
import { listRoles } from "./list-roles.ts";
import { setSteward } from "./set-steward.ts";

export const usersRouter = createTRPCRouter({ setSteward, listRoles });

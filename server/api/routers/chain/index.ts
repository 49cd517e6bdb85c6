import { createTRPCRouter } from "../../trpc.ts";
import { power } from "./power.ts";
import { proposalPower } from "./proposal-power.ts";

export const chainRouter = createTRPCRouter({ power, proposalPower });

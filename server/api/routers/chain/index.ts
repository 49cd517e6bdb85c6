import { createTRPCRouter } from "../../trpc.ts";
import { enactment } from "./enactment.ts";
import { power } from "./power.ts";
import { proposalPower } from "./proposal-power.ts";
import { registryStatus } from "./registry-status.ts";

export const chainRouter = createTRPCRouter({ power, proposalPower, enactment, registryStatus });

import { authRouter } from "./routers/auth/index.ts";
import { chainRouter } from "./routers/chain/index.ts";
import { commentsRouter } from "./routers/comments/index.ts";
import { parametersRouter } from "./routers/parameters/index.ts";
import { proposalsRouter } from "./routers/proposals/index.ts";
import { recommendationsRouter } from "./routers/recommendations/index.ts";
import { reportsRouter } from "./routers/reports/index.ts";
import { runsRouter } from "./routers/runs/index.ts";
import { snapshotRouter } from "./routers/snapshot/index.ts";
import { systemRouter } from "./routers/system/index.ts";
import { usersRouter } from "./routers/users/index.ts";
import { createCallerFactory, createTRPCRouter } from "./trpc.ts";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  parameters: parametersRouter,
  proposals: proposalsRouter,
  recommendations: recommendationsRouter,
  reports: reportsRouter,
  runs: runsRouter,
  snapshot: snapshotRouter,
  comments: commentsRouter,
  system: systemRouter,
  users: usersRouter,
  chain: chainRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);

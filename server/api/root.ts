import { authRouter } from "./routers/auth/index.ts";
import { parametersRouter } from "./routers/parameters/index.ts";
import { usersRouter } from "./routers/users/index.ts";
import { createCallerFactory, createTRPCRouter } from "./trpc.ts";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  parameters: parametersRouter,
  users: usersRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);

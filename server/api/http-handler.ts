import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { limitBody } from "../security/limit-body.ts";
import { appRouter } from "./root.ts";
import type { Context } from "./trpc.ts";

/**
 * The tRPC API over HTTP (`/api/trpc`, app/api/trpc/[trpc]/route.ts): the body's size and nesting are bounded
 * before anything parses it, then the router answers.
 */
export async function handleTrpcRequest(
  incoming: Request,
  createContext: (req: Request, resHeaders: Headers) => Promise<Context>,
): Promise<Response> {
  const req = await limitBody(incoming);
  if (req instanceof Response) return req;
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: ({ resHeaders }) => createContext(req, resHeaders),
    onError: ({ error, path }) => {
      if (error.code === "INTERNAL_SERVER_ERROR")
        console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
    },
  });
}

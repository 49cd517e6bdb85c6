import { handleTrpcRequest } from "@/server/api/http-handler.ts";
import { createRequestContext } from "@/server/api/request-context.ts";

const handler = (req: Request) =>
  handleTrpcRequest(req, (r, resHeaders) => createRequestContext(r.headers, resHeaders));

export { handler as GET, handler as POST };

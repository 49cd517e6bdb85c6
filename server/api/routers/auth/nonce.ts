import { issueNonce } from "../../../services/auth/nonce.ts";
import { publicProcedure, rateLimit } from "../../trpc.ts";
import { ZNonceOutput } from "./auth.schema.ts";

/** A single-use nonce for the Sign-In with Ethereum message the wallet will sign. */
export const nonce = publicProcedure
  .use(rateLimit("auth"))
  .output(ZNonceOutput)
  .mutation(({ ctx }) => issueNonce(ctx.db));

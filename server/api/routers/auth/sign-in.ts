import { TRPCError } from "@trpc/server";
import { sessionCookie } from "../../../services/auth/session.ts";
import { signInWithEthereum } from "../../../services/auth/sign-in.ts";
import { expectedOrigin, publicProcedure, rateLimit } from "../../trpc.ts";
import { ZMeOutput, ZSignInInput } from "./auth.schema.ts";

/** Verifies a signed SIWE message and sets the httpOnly session cookie. */
export const signIn = publicProcedure
  .use(rateLimit("auth"))
  .input(ZSignInInput)
  .output(ZMeOutput)
  .mutation(async ({ ctx, input }) => {
    const origin = expectedOrigin(ctx);
    if (!origin)
      throw new TRPCError({ code: "BAD_REQUEST", message: "no Host header to check the message against" });
    const url = new URL(origin);
    const result = await signInWithEthereum(ctx.db, input, {
      domain: url.host,
      chainId: ctx.config.chainId,
      sessionTtlHours: ctx.config.sessionTtlHours,
      adminAddresses: ctx.config.adminAddresses,
      stewardAddresses: ctx.config.stewardAddresses,
      demoData: ctx.config.demoData,
    });
    ctx.resHeaders.append(
      "set-cookie",
      sessionCookie(result.token, { expiresAt: result.expiresAt, secure: url.protocol === "https:" }),
    );
    return { address: result.user.address, role: result.user.role };
  });

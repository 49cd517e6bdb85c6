import { createTRPCRouter } from "../../trpc.ts";
import { me } from "./me.ts";
import { nonce } from "./nonce.ts";
import { signIn } from "./sign-in.ts";
import { signOut } from "./sign-out.ts";

export const authRouter = createTRPCRouter({ nonce, signIn, signOut, me });

import { getAddress, verifyMessage } from "viem";
import { parseSiweMessage, validateSiweMessage } from "viem/siwe";
import type { Db } from "../../db/connect.ts";
import { AppError } from "../../errors/app-error.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { consumeNonce } from "./nonce.ts";
import { type RoleConfig, upsertUserOnSignIn } from "./roles.ts";
import { createSession } from "./session.ts";

export type SignInPolicy = RoleConfig & { domain: string; chainId: number; sessionTtlHours: number };

/**
 * Sign-In with Ethereum (EIP-4361): the message must name our domain and chain, carry a nonce we issued that is
 * unused and unexpired, be within its validity window, and be signed by the address it names. Only EOA signatures
 * are checked (offline ecrecover); smart-contract wallets (ERC-1271) would need a chain node.
 */
export async function signInWithEthereum(
  db: Db,
  input: { message: string; signature: `0x${string}` },
  policy: SignInPolicy,
  now = new Date(),
) {
  const fields = parseSiweMessage(input.message);
  if (!fields.address || !fields.nonce || !fields.domain) {
    throw new AppError("INVALID_INPUT", "not a Sign-In with Ethereum message", { field: "message" });
  }
  if (fields.domain !== policy.domain) {
    throw new AppError("UNAUTHORIZED", `the message is for ${fields.domain}, not ${policy.domain}`, {
      field: "message",
    });
  }
  if (fields.chainId !== policy.chainId) {
    throw new AppError(
      "UNAUTHORIZED",
      `the message is for chain ${fields.chainId}, expected ${policy.chainId}`,
      {
        field: "message",
      },
    );
  }
  if (!validateSiweMessage({ message: fields, domain: policy.domain, time: now })) {
    throw new AppError("UNAUTHORIZED", "the message is expired or not yet valid", { field: "message" });
  }
  const valid = await verifyMessage({
    address: fields.address,
    message: input.message,
    signature: input.signature,
  });
  if (!valid)
    throw new AppError("UNAUTHORIZED", "the signature does not match the address", { field: "signature" });
  // The nonce is spent only after the signature checks out, so a forged attempt cannot burn a user's nonce.
  if (!(await consumeNonce(db, fields.nonce, now))) {
    throw new AppError("UNAUTHORIZED", "the nonce is unknown, expired or already used", { field: "message" });
  }
  const address = getAddress(fields.address).toLowerCase();
  const user = await upsertUserOnSignIn(db, address, policy);
  const session = await createSession(db, address, policy.sessionTtlHours, now);
  await recordAuditEvent(db, {
    actor: address,
    action: "session.created",
    entity: "user",
    entityId: address,
  });
  return { user, ...session };
}

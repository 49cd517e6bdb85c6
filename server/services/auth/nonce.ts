import { generateSiweNonce } from "viem/siwe";
import type { Db } from "../../db/connect.ts";

export const NONCE_TTL_MS = 10 * 60 * 1000;

/** A fresh single-use nonce for a Sign-In with Ethereum message, valid for ten minutes. */
export async function issueNonce(db: Db, now = new Date()): Promise<{ nonce: string; expiresAt: Date }> {
  const nonce = generateSiweNonce();
  const expiresAt = new Date(now.getTime() + NONCE_TTL_MS);
  await db.authNonce.create({ data: { nonce, expiresAt } });
  // Expired nonces are of no use to anyone: drop them as new ones are issued.
  await db.authNonce.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - NONCE_TTL_MS) } } });
  return { nonce, expiresAt };
}

/**
 * Marks a nonce used. The conditional update is atomic, so of two concurrent sign-ins replaying one nonce at most
 * one succeeds. Returns false for an unknown, expired or already used nonce.
 */
export async function consumeNonce(db: Db, nonce: string, now = new Date()): Promise<boolean> {
  const { count } = await db.authNonce.updateMany({
    where: { nonce, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  return count === 1;
}

import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../../db/connect.ts";

export const SESSION_COOKIE = "marginlab_session";

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Creates a session and returns the token for the cookie (only its hash is stored). */
export async function createSession(db: Db, address: string, ttlHours: number, now = new Date()) {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + ttlHours * 3_600_000);
  await db.session.create({ data: { tokenHash: hashToken(token), address, expiresAt } });
  return { token, expiresAt };
}

/** The signed-in address for a session token, or null when unknown, expired or signed out. */
export async function resolveSession(
  db: Db,
  token: string | undefined,
  now = new Date(),
): Promise<string | null> {
  if (!token) return null;
  const session = await db.session.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!session || session.revokedAt || session.expiresAt <= now) return null;
  return session.address;
}

export async function revokeSession(db: Db, token: string | undefined, now = new Date()) {
  if (!token) return;
  await db.session.updateMany({
    where: { tokenHash: hashToken(token), revokedAt: null },
    data: { revokedAt: now },
  });
}

export function readCookie(headers: Headers, name: string): string | undefined {
  const cookie = headers.get("cookie");
  if (!cookie) return undefined;
  for (const part of cookie.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return undefined;
}

/** httpOnly (no script reads it), SameSite=Lax (no cross-site POST carries it), Secure on https. */
export function sessionCookie(token: string, opts: { expiresAt: Date; secure: boolean }): string {
  const maxAge = Math.max(0, Math.floor((opts.expiresAt.getTime() - Date.now()) / 1000));
  return [
    `${SESSION_COOKIE}=${encodeURIComponent(token)}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${maxAge}`,
    ...(opts.secure ? ["Secure"] : []),
  ].join("; ");
}

export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
}

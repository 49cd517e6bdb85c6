import type { Db } from "../../db/connect.ts";
import { AppError } from "../../errors/app-error.ts";
import type { Role } from "../../generated/prisma/client.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";

export type RoleConfig = { adminAddresses: string[]; stewardAddresses: string[] };

const RANK: Record<Role, number> = { member: 0, steward: 1, admin: 2 };
export function hasRole(actual: Role, needed: Role): boolean {
  return RANK[actual] >= RANK[needed];
}

/**
 * Records a signed-in address. Configured admins and stewards get their role from the environment on every
 * sign-in; anyone else keeps the role an admin gave them (member by default).
 */
export async function upsertUserOnSignIn(db: Db, address: string, config: RoleConfig) {
  const configured: Role | null = config.adminAddresses.includes(address)
    ? "admin"
    : config.stewardAddresses.includes(address)
      ? "steward"
      : null;
  return db.user.upsert({
    where: { address },
    create: { address, role: configured ?? "member", roleGrantedBy: configured ? "env" : null },
    update: configured ? { role: configured, roleGrantedBy: "env" } : {},
  });
}

export async function roleOf(db: Db, address: string): Promise<Role> {
  return (await db.user.findUnique({ where: { address }, select: { role: true } }))?.role ?? "member";
}

/** Admins appoint and remove stewards; admins themselves are configured, not granted. */
export async function setStewardRole(db: Db, admin: string, address: string, steward: boolean) {
  const target = address.toLowerCase();
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { address: target } });
    if (user?.role === "admin")
      throw new AppError("CONFLICT", "admins are configured by ADMIN_ADDRESSES, not granted");
    const role: Role = steward ? "steward" : "member";
    const saved = await tx.user.upsert({
      where: { address: target },
      create: { address: target, role, roleGrantedBy: admin },
      update: { role, roleGrantedBy: admin },
    });
    await recordAuditEvent(tx, {
      actor: admin,
      action: steward ? "steward.granted" : "steward.revoked",
      entity: "user",
      entityId: target,
    });
    return saved;
  });
}

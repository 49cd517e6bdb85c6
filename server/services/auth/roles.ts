import type { Db } from "../../db/connect.ts";
import { AppError } from "../../errors/app-error.ts";
import type { Role } from "../../generated/prisma/client.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { demoWallets } from "../demo/demo-wallets.ts";

export type RoleConfig = {
  adminAddresses: string[];
  stewardAddresses: string[];
  /** The database carries the demo data (SEED_DEMO_DATA): only then do the demo wallets hold their roles. */
  demoData: boolean;
};

const RANK: Record<Role, number> = { member: 0, steward: 1, admin: 2 };
export function hasRole(actual: Role, needed: Role): boolean {
  return RANK[actual] >= RANK[needed];
}

function configuredRole(address: string, config: RoleConfig): Role | null {
  if (config.adminAddresses.includes(address)) return "admin";
  if (config.stewardAddresses.includes(address)) return "steward";
  return null;
}

const isDemoWallet = (address: string) => demoWallets().some((w) => w.address === address);

/**
 * The role an address acts with. The demo wallets' private keys are public (Hardhat's development keys): on a
 * database without the demo data they are plain members whatever a row says (a database seeded before this rule,
 * an admin's grant), unless the operator names one in ADMIN_ADDRESSES or STEWARD_ADDRESSES.
 */
export function effectiveRole(address: string, stored: Role, config: RoleConfig): Role {
  const configured = configuredRole(address, config);
  if (configured) return configured;
  if (!config.demoData && isDemoWallet(address)) return "member";
  return stored;
}

/**
 * Records a signed-in address. Configured admins and stewards get their role from the environment on every
 * sign-in; anyone else keeps the role an admin gave them (member by default).
 */
export async function upsertUserOnSignIn(db: Db, address: string, config: RoleConfig) {
  const configured = configuredRole(address, config);
  const user = await db.user.upsert({
    where: { address },
    create: { address, role: configured ?? "member", roleGrantedBy: configured ? "env" : null },
    update: configured ? { role: configured, roleGrantedBy: "env" } : {},
  });
  return { ...user, role: effectiveRole(address, user.role, config) };
}

export async function roleOf(db: Db, address: string, config: RoleConfig): Promise<Role> {
  const stored = (await db.user.findUnique({ where: { address }, select: { role: true } }))?.role;
  return effectiveRole(address, stored ?? "member", config);
}

/** Admins appoint and remove stewards; admins themselves are configured, not granted. */
export async function setStewardRole(
  db: Db,
  config: RoleConfig,
  admin: string,
  address: string,
  steward: boolean,
) {
  const target = address.toLowerCase();
  if (steward && !config.demoData && isDemoWallet(target))
    throw new AppError("CONFLICT", "a demo wallet's key is public: it cannot be a steward here", {
      field: "address",
    });
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

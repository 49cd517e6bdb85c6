import type { Db, DbTx } from "../../db/connect.ts";
import type { Prisma } from "../../generated/prisma/client.ts";

/** Appends to the audit log; call it inside the transaction that makes the change, so both land or neither. */
export async function recordAuditEvent(
  db: Db | DbTx,
  event: { actor: string; action: string; entity: string; entityId: string; data?: Prisma.InputJsonValue },
) {
  await db.auditEvent.create({ data: event });
}

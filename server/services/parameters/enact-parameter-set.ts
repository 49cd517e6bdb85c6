import { hashCanonical } from "../../../simulations/hashing/canonical-json.ts";
import type { Db } from "../../db/connect.ts";
import type { Prisma } from "../../generated/prisma/client.ts";

export type EnactInput = {
  model: string;
  /** The complete, validated parameter set. */
  params: Record<string, unknown>;
  enactedBy: string;
  proposalId?: string;
  note?: string;
};

/**
 * Appends a new live version. Versions are immutable and numbered without gaps: the unique index on `version`
 * makes two concurrent enactments conflict instead of both becoming "the next" version.
 */
export async function enactParameterSet(db: Db | Prisma.TransactionClient, input: EnactInput) {
  const latest = await db.parameterSetVersion.findFirst({
    orderBy: { version: "desc" },
    select: { version: true },
  });
  return db.parameterSetVersion.create({
    data: {
      version: (latest?.version ?? 0) + 1,
      model: input.model,
      params: input.params as Prisma.InputJsonObject,
      paramsHash: hashCanonical(input.params),
      enactedBy: input.enactedBy,
      proposalId: input.proposalId ?? null,
      note: input.note ?? "",
    },
  });
}

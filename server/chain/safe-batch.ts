/**
 * A Safe Transaction Builder batch file (the JSON Safe's web app imports under Transaction Builder > Load), so
 * multisig signers see the registry method and its arguments rather than opaque bytes. Shape and checksum follow
 * the Transaction Builder's own (safe-react-apps, apps/tx-builder: typings/models.ts and lib/checksum.ts).
 */
import { keccak256, stringToHex } from "viem";
import { contractMethodOf, type EnactmentCall } from "./enactment-payload.ts";

export type SafeBatchFile = {
  version: "1.0";
  chainId: string;
  createdAt: number;
  meta: {
    name: string;
    description: string;
    txBuilderVersion: string;
    createdFromSafeAddress: string;
    createdFromOwnerAddress: string;
    checksum?: string;
  };
  transactions: {
    to: string;
    value: string;
    data: string | null;
    contractMethod: ReturnType<typeof contractMethodOf>;
    contractInputsValues: Record<string, string>;
  }[];
};

// The Transaction Builder's checksum serialization: at each object its sorted key list, then the values.
function serialize(json: unknown): string {
  if (Array.isArray(json)) return `[${json.map(serialize).join(",")}]`;
  if (typeof json === "object" && json !== null) {
    const keys = Object.keys(json).sort();
    return `{${JSON.stringify(keys)}${keys.map((k) => `${serialize((json as Record<string, unknown>)[k])},`).join("")}}`;
  }
  return JSON.stringify(json === undefined ? null : json);
}

/** keccak256 of the serialized batch with `meta.name` nulled (the name may be edited without breaking it). */
export function safeBatchChecksum(batch: SafeBatchFile): `0x${string}` {
  const { checksum: _ignored, ...meta } = batch.meta;
  return keccak256(stringToHex(serialize({ ...batch, meta: { ...meta, name: null } })));
}

export function safeBatchFile(input: {
  chainId: number;
  call: EnactmentCall;
  name: string;
  description: string;
  safeAddress: string;
  createdAt: Date;
}): SafeBatchFile {
  const [names, values, paramsHash] = input.call.args;
  const batch: SafeBatchFile = {
    version: "1.0",
    chainId: String(input.chainId),
    createdAt: input.createdAt.getTime(),
    meta: {
      name: input.name,
      description: input.description,
      txBuilderVersion: "1.18.0",
      createdFromSafeAddress: input.safeAddress,
      createdFromOwnerAddress: "",
    },
    transactions: [
      {
        to: input.call.to,
        value: "0",
        // The builder encodes from the method and its inputs; raw data is for calls without a method.
        data: null,
        contractMethod: contractMethodOf(input.call.functionName),
        contractInputsValues: {
          names: JSON.stringify(names),
          values: `[${values.join(",")}]`,
          newParamsHash: paramsHash,
        },
      },
    ],
  };
  return { ...batch, meta: { ...batch.meta, checksum: safeBatchChecksum(batch) } };
}

/**
 * A margin model's parameter set as the risk-parameter registry holds it: one signed integer per named field.
 * - number and integer fields: the decimal value scaled by 1e18 (WAD), exactly (a value with more than 18
 *   decimals is refused, not rounded, so what is enacted is what was proposed);
 * - enum fields: the option's index in the model's option list;
 * - record fields: one registry field per key (`collateralHaircuts.BTC`), scaled like numbers;
 * - anything else (span-grid's explicit scenarios, derive-pm2's scenario list): keccak256 of the value's
 *   canonical JSON as a signed 256-bit integer, with no steward bound (only the executor changes them).
 * The set's hash on chain is the app's parameter-set hash (sha256 of the canonical JSON), as bytes32.
 */
import { formatUnits, keccak256, stringToHex } from "viem";
import { canonicalJson, hashCanonical } from "../../simulations/hashing/canonical-json.ts";
import type { ModelFieldMeta } from "../../simulations/models/field-meta.ts";
import { getModel } from "../../simulations/models/registry.ts";
import { getAtPath } from "../../simulations/models/resolve-params.ts";

export const WAD_DECIMALS = 18;

export type RegistryFieldKind = "scaled" | "enum" | "hash";
export type EncodedField = { name: string; kind: RegistryFieldKind; value: bigint };
export type EncodedParameterSet = { fields: EncodedField[]; paramsHash: `0x${string}` };

export class RegistryEncodingError extends Error {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = "RegistryEncodingError";
  }
}

/** 0.15 -> 150000000000000000n, exactly, from the number's shortest decimal form (not its binary expansion). */
export function toWad(x: number, field: string): bigint {
  if (!Number.isFinite(x)) throw new RegistryEncodingError(field, `${x} is not a finite number`);
  const [mantissa = "", exponent = "0"] = String(x).split("e");
  const negative = mantissa.startsWith("-");
  const [whole = "", fraction = ""] = mantissa.replace("-", "").split(".");
  const digits = BigInt(whole + fraction);
  const shift = WAD_DECIMALS + Number(exponent) - fraction.length;
  let scaled: bigint;
  if (shift >= 0) {
    scaled = digits * 10n ** BigInt(shift);
  } else {
    const divisor = 10n ** BigInt(-shift);
    if (digits % divisor !== 0n) {
      throw new RegistryEncodingError(field, `${x} has more than ${WAD_DECIMALS} decimals`);
    }
    scaled = digits / divisor;
  }
  return negative ? -scaled : scaled;
}

/** The inverse of toWad: the nearest double to the exact decimal, which is the original number. */
export function fromWad(v: bigint): number {
  return Number(formatUnits(v, WAD_DECIMALS));
}

/** keccak256 of a value's canonical JSON, as the int256 the registry stores. */
export function hashField(value: unknown): bigint {
  return BigInt.asIntN(256, BigInt(keccak256(stringToHex(canonicalJson(value ?? null)))));
}

/** The app's parameter-set hash (hex sha256) as the registry's bytes32. */
export function paramsHashToBytes32(paramsHash: string): `0x${string}` {
  if (!/^[0-9a-f]{64}$/.test(paramsHash))
    throw new RegistryEncodingError("paramsHash", "not a sha256 hex digest");
  return `0x${paramsHash}`;
}

function encodeField(path: string, meta: ModelFieldMeta, value: unknown): EncodedField[] {
  switch (meta.kind) {
    case "number":
    case "integer":
      if (typeof value !== "number") throw new RegistryEncodingError(path, "must be a number");
      return [{ name: path, kind: "scaled", value: toWad(value, path) }];
    case "enum": {
      const index = (meta.options ?? []).indexOf(value as string);
      if (index < 0)
        throw new RegistryEncodingError(path, `${JSON.stringify(value)} is not one of its options`);
      return [{ name: path, kind: "enum", value: BigInt(index) }];
    }
    case "record":
      return Object.keys((value ?? {}) as Record<string, number>)
        .sort()
        .map((key) => {
          const v = (value as Record<string, unknown>)[key];
          const name = `${path}.${key}`;
          if (typeof v !== "number") throw new RegistryEncodingError(name, "must be a number");
          return { name, kind: "scaled" as const, value: toWad(v, name) };
        });
    default:
      return [{ name: path, kind: "hash", value: hashField(value) }];
  }
}

/** A complete parameter set of `model` as registry fields (in the model's field order) and its hash. */
export function encodeParameterSet(model: string, params: unknown): EncodedParameterSet {
  const fields = Object.entries(getModel(model).fields).flatMap(([path, meta]) =>
    encodeField(path, meta, getAtPath(params, path)),
  );
  return { fields, paramsHash: paramsHashToBytes32(hashCanonical(params)) };
}

/** A registry value in words: the number, the enum option, or the hash. */
export function decodeFieldValue(model: string, name: string, value: bigint): number | string {
  const fields = getModel(model).fields;
  const meta = fields[name] ?? fields[name.slice(0, name.lastIndexOf("."))];
  if (!meta) return value.toString();
  if (meta.kind === "number" || meta.kind === "integer" || meta.kind === "record") return fromWad(value);
  if (meta.kind === "enum") return meta.options?.[Number(value)] ?? `option #${value}`;
  return `hash 0x${BigInt.asUintN(256, value).toString(16).padStart(64, "0")}`;
}

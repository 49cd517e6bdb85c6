/**
 * Which lane a proposed parameter set takes, judged field by field against the registry's on-chain steward
 * bounds exactly as the contract will judge it (RiskParameterRegistry._checkStewardBound): every changed
 * field must exist, have a bound, change by at most its bound relative to the registry's current value,
 * and its delay since the last change must have passed. Anything else needs the full token vote.
 */
import type { EncodedField, EncodedParameterSet } from "./registry-encoding.ts";
import type { RegistryState } from "./registry-state.ts";

const BPS = 10_000n;

export type FieldVerdict = {
  name: string;
  kind: EncodedField["kind"];
  /** The registry's current value (null: the registry does not hold the field). */
  current: bigint | null;
  proposed: bigint;
  maxChangeBps: number;
  /** |proposed - current| / |current| in basis points, rounded (for display: the bound test is exact); null when current is zero or absent. */
  changeBps: number | null;
  /** When the steward may next change the field (unix seconds). */
  allowedAt: bigint | null;
  withinBound: boolean;
  /** Why the field does or does not fit the steward lane, in words. */
  reason: string;
};

export type LaneVerdict = {
  lane: "steward" | "full-vote";
  /** Only the fields the payload changes. */
  fields: FieldVerdict[];
  /** The steward lane also has to wait until then (unix seconds); null when nothing waits. */
  stewardReadyAt: bigint | null;
};

const pct = (bps: number) => `${(bps / 100).toFixed(2).replace(/\.?0+$/, "")}%`;
const abs = (x: bigint) => (x < 0n ? -x : x);

function judge(field: EncodedField, state: RegistryState): FieldVerdict {
  const onChain = state.fields.find((f) => f.name === field.name);
  const base = { name: field.name, kind: field.kind, proposed: field.value };
  if (!onChain) {
    return {
      ...base,
      current: null,
      maxChangeBps: 0,
      changeBps: null,
      allowedAt: null,
      withinBound: false,
      reason: "a new field: only the executor can add it",
    };
  }
  const diff = abs(field.value - onChain.value);
  const current = abs(onChain.value);
  const changeBps = current === 0n ? null : Number((2n * diff * BPS + current) / (2n * current));
  const allowedAt = onChain.updatedAt + state.minDelaySeconds;
  const common = {
    ...base,
    current: onChain.value,
    maxChangeBps: onChain.maxChangeBps,
    changeBps,
    allowedAt,
  };
  if (onChain.maxChangeBps === 0) {
    return {
      ...common,
      withinBound: false,
      reason:
        field.kind === "scaled"
          ? "no steward bound: only the executor changes it"
          : `a ${field.kind === "enum" ? "choice" : "whole-value"} field: only the executor changes it`,
    };
  }
  if (current === 0n) {
    return {
      ...common,
      withinBound: false,
      reason: "its current value is 0: any change from 0 is unbounded",
    };
  }
  // The contract's own test, in integers: diff * 10000 <= |current| * bound.
  const within = diff * BPS <= current * BigInt(onChain.maxChangeBps);
  return {
    ...common,
    withinBound: within,
    reason: within
      ? `changes ${pct(changeBps!)}, within the steward bound of ${pct(onChain.maxChangeBps)}`
      : `changes ${pct(changeBps!)}, beyond the steward bound of ${pct(onChain.maxChangeBps)}`,
  };
}

/** The fields whose proposed value differs from the registry's, judged; and the lane. */
export function classifyLane(proposed: EncodedParameterSet, state: RegistryState): LaneVerdict {
  const fields = proposed.fields
    .filter((f) => state.fields.find((s) => s.name === f.name)?.value !== f.value)
    .map((f) => judge(f, state));
  const steward = fields.length > 0 && fields.every((f) => f.withinBound);
  const waits = fields.map((f) => f.allowedAt ?? 0n).filter((t) => t > state.timestamp);
  return {
    lane: steward ? "steward" : "full-vote",
    fields,
    stewardReadyAt: steward ? (waits.sort((a, b) => Number(a - b)).at(-1) ?? null) : null,
  };
}

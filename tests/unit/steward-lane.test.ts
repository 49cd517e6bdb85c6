import { decodeFunctionData, encodeFunctionData } from "viem";
import { describe, expect, it } from "vitest";
import { riskParameterRegistryAbi } from "../../server/chain/artifacts/risk-parameter-registry.ts";
import { enactmentCall } from "../../server/chain/enactment-payload.ts";
import { encodeParameterSet } from "../../server/chain/registry-encoding.ts";
import type { RegistryState } from "../../server/chain/registry-state.ts";
import { safeBatchChecksum, safeBatchFile } from "../../server/chain/safe-batch.ts";
import { classifyLane } from "../../server/chain/steward-lane.ts";
import { SPAN_GRID_DEFAULTS } from "../../simulations/models/span-grid/params.ts";

const EXECUTOR = "0x00000000000000000000000000000000000000e1";
const STEWARD = "0x00000000000000000000000000000000000000a5";
const REGISTRY = "0x00000000000000000000000000000000000000bb";
const NOW = 1_000_000n;
const DAY = 86_400n;

/** The registry as deployed with the span-grid defaults: 10% bounds on scaled fields, last changed a day ago. */
function registryWith(over: { updatedAt?: bigint } = {}): RegistryState {
  const live = encodeParameterSet("span-grid", SPAN_GRID_DEFAULTS);
  return {
    fields: live.fields.map((f) => ({
      name: f.name,
      value: f.value,
      maxChangeBps: f.kind === "scaled" ? 1000 : 0,
      updatedAt: over.updatedAt ?? NOW - DAY,
    })),
    paramsHash: live.paramsHash,
    minDelaySeconds: DAY,
    version: 1n,
    executor: EXECUTOR,
    steward: STEWARD,
    block: 10n,
    timestamp: NOW,
  };
}
const proposal = (changes: Record<string, unknown>) =>
  encodeParameterSet("span-grid", { ...SPAN_GRID_DEFAULTS, ...changes });

describe("classifyLane", () => {
  it("takes the steward lane when every changed field is within its bound, saying by how much", () => {
    // 0.15 -> 0.165 is exactly +10%; 0.3 -> 0.28 is -6.67%.
    const verdict = classifyLane(proposal({ priceScanRange: 0.165, volShockUp: 0.28 }), registryWith());
    expect(verdict.lane).toBe("steward");
    expect(verdict.fields.map((f) => [f.name, f.changeBps, f.withinBound, f.reason])).toEqual([
      ["priceScanRange", 1000, true, "changes 10%, within the steward bound of 10%"],
      ["volShockUp", 667, true, "changes 6.67%, within the steward bound of 10%"],
    ]);
    expect(verdict.stewardReadyAt).toBeNull();
  });

  it("needs the full vote when one field breaks its bound, and names the field and the bound", () => {
    const verdict = classifyLane(proposal({ priceScanRange: 0.16, mmFactor: 0.5 }), registryWith());
    expect(verdict.lane).toBe("full-vote");
    const mm = verdict.fields.find((f) => f.name === "mmFactor")!;
    // 0.8 -> 0.5 is -37.5%
    expect(mm).toMatchObject({ changeBps: 3750, withinBound: false, maxChangeBps: 1000 });
    expect(mm.reason).toBe("changes 37.5%, beyond the steward bound of 10%");
    expect(verdict.fields.find((f) => f.name === "priceScanRange")?.withinBound).toBe(true);
  });

  it("keeps choices, whole-value fields, new keys and changes from zero for the full vote", () => {
    const verdict = classifyLane(
      proposal({
        liquidationMode: "gradual",
        scenarios: { priceShocks: [-0.1, 0.1], volShocks: [0] },
        collateralHaircuts: { BTC: 0.05, ETH: 0.05, SOL: 0.1 },
        horizonDays: 1,
      }),
      registryWith(),
    );
    expect(verdict.lane).toBe("full-vote");
    expect(Object.fromEntries(verdict.fields.map((f) => [f.name, f.reason]))).toEqual({
      liquidationMode: "a choice field: only the executor changes it",
      scenarios: "a whole-value field: only the executor changes it",
      "collateralHaircuts.SOL": "a new field: only the executor can add it",
      horizonDays: "its current value is 0: any change from 0 is unbounded",
    });
  });

  it("says when the steward may act, if a field changed within the delay", () => {
    const verdict = classifyLane(proposal({ priceScanRange: 0.16 }), registryWith({ updatedAt: NOW - 100n }));
    expect(verdict.lane).toBe("steward");
    expect(verdict.stewardReadyAt).toBe(NOW - 100n + DAY);
  });
});

describe("enactment payload", () => {
  const state = registryWith();
  const proposed = proposal({ priceScanRange: 0.165 });

  it("calls stewardSetParameters in the steward lane with only the changed fields and the set's hash", () => {
    const call = enactmentCall({ registry: REGISTRY, proposed, state, lane: "steward" });
    expect(call.sender).toBe(STEWARD);
    const decoded = decodeFunctionData({ abi: riskParameterRegistryAbi, data: call.data });
    expect(decoded.functionName).toBe("stewardSetParameters");
    expect(decoded.args).toEqual([["priceScanRange"], [165_000_000_000_000_000n], proposed.paramsHash]);
  });

  it("calls setParameters from the executor for the full vote", () => {
    const call = enactmentCall({ registry: REGISTRY, proposed, state, lane: "full-vote" });
    expect(call.sender).toBe(EXECUTOR);
    expect(decodeFunctionData({ abi: riskParameterRegistryAbi, data: call.data }).functionName).toBe(
      "setParameters",
    );
  });

  it("describes the same call as a Safe Transaction Builder batch, with the builder's checksum", () => {
    const call = enactmentCall({ registry: REGISTRY, proposed, state, lane: "full-vote" });
    const batch = safeBatchFile({
      chainId: 31337,
      call,
      name: "Proposal 7",
      description: "Widen the scan range",
      safeAddress: EXECUTOR,
      createdAt: new Date(1_700_000_000_000),
    });
    expect(batch).toMatchObject({ version: "1.0", chainId: "31337", createdAt: 1_700_000_000_000 });
    const [tx] = batch.transactions;
    expect(tx).toMatchObject({ to: REGISTRY, value: "0", data: null });
    expect(tx!.contractMethod.name).toBe("setParameters");
    expect(tx!.contractMethod.inputs.map((i) => `${i.type} ${i.name}`)).toEqual([
      "string[] names",
      "int256[] values",
      "bytes32 newParamsHash",
    ]);
    // What the builder will encode from the inputs is exactly the calldata.
    const v = tx!.contractInputsValues;
    const names = JSON.parse(v.names!) as string[];
    const values = v.values!.slice(1, -1).split(",").map(BigInt);
    expect(
      encodeFunctionData({
        abi: riskParameterRegistryAbi,
        functionName: "setParameters",
        args: [names, values, v.newParamsHash as `0x${string}`],
      }),
    ).toBe(call.data);
    // The checksum ignores the batch's name (signers may rename it) and nothing else.
    expect(batch.meta.checksum).toBe(safeBatchChecksum(batch));
    expect(safeBatchChecksum({ ...batch, meta: { ...batch.meta, name: "renamed" } })).toBe(
      batch.meta.checksum,
    );
    expect(safeBatchChecksum({ ...batch, chainId: "1" })).not.toBe(batch.meta.checksum);
  });
});

// The governance contracts on the local chain: token distribution, delegation and past votes (ERC20Votes), and
// the risk-parameter registry: executor-only updates, steward updates refused outside their bounds and before
// the delay, as the contract (not the app) enforces.
import { type BaseError, ContractFunctionRevertedError, parseEther } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { governanceTokenAbi } from "../../server/chain/artifacts/governance-token.ts";
import { riskParameterRegistryAbi } from "../../server/chain/artifacts/risk-parameter-registry.ts";
import { deployGovernance, type GovernanceDeployment } from "../../server/chain/deploy-governance.ts";
import { encodeParameterSet, toWad } from "../../server/chain/registry-encoding.ts";
import { SPAN_GRID_DEFAULTS } from "../../simulations/models/span-grid/params.ts";
import { startTestChain, type TestChain } from "../support/local-chain.ts";
import { alice, bob, carol, steward } from "../support/wallets.ts";

const DELAY = 3600;
const BOUND_BPS = 1000; // 10% per update

/** The custom error a call reverts with, as [name, args], from a simulated call. */
async function revertOf(call: () => Promise<unknown>): Promise<[string, readonly unknown[]]> {
  try {
    await call();
  } catch (e) {
    const revert = (e as BaseError).walk?.((x) => x instanceof ContractFunctionRevertedError);
    if (revert instanceof ContractFunctionRevertedError && revert.data) {
      return [revert.data.errorName, revert.data.args ?? []];
    }
    throw e;
  }
  throw new Error("the call did not revert");
}

describe("governance contracts on the local chain", () => {
  let chain: TestChain;
  let deployment: GovernanceDeployment;

  const tokenRead = <F extends "getVotes" | "getPastVotes" | "delegates" | "balanceOf">(
    functionName: F,
    args: readonly unknown[],
  ) =>
    chain.publicClient.readContract({
      address: deployment.token,
      abi: governanceTokenAbi,
      functionName,
      args,
    } as never) as Promise<F extends "delegates" ? `0x${string}` : bigint>;

  const registryCall = (
    who: typeof alice,
    functionName: "setParameters" | "stewardSetParameters",
    changes: Record<string, bigint>,
    hash: `0x${string}` = `0x${"ab".repeat(32)}`,
  ) =>
    chain.publicClient.simulateContract({
      account: who,
      address: deployment.registry,
      abi: riskParameterRegistryAbi,
      functionName,
      args: [Object.keys(changes), Object.values(changes), hash],
    });

  const send = async (
    who: typeof alice,
    functionName: "setParameters" | "stewardSetParameters",
    changes: Record<string, bigint>,
  ) => {
    const { request } = await registryCall(who, functionName, changes);
    const hash = await chain.walletFor(who).writeContract(request);
    expect((await chain.publicClient.waitForTransactionReceipt({ hash })).status).toBe("success");
  };

  const registryValue = async (name: string) => {
    const [names, values] = await chain.publicClient.readContract({
      address: deployment.registry,
      abi: riskParameterRegistryAbi,
      functionName: "getParameters",
    });
    return values[names.indexOf(name)];
  };

  beforeAll(async () => {
    chain = await startTestChain();
    await chain.fund(carol.address);
    deployment = await deployGovernance({
      wallet: chain.walletFor(alice),
      publicClient: chain.publicClient,
      token: {
        name: "MarginLab Governance",
        symbol: "MLG",
        holders: [
          { address: alice.address, amount: parseEther("600") },
          { address: bob.address, amount: parseEther("300") },
          { address: carol.address, amount: parseEther("100") },
        ],
      },
      steward: steward.address,
      minDelaySeconds: DELAY,
      initial: { model: "span-grid", params: SPAN_GRID_DEFAULTS, stewardMaxChangeBps: BOUND_BPS },
    });
  });
  afterAll(async () => {
    await chain?.close();
  });

  it("mints the listed balances; votes count only once delegated, and past votes are fixed at their block", async () => {
    expect(await tokenRead("balanceOf", [bob.address])).toBe(parseEther("300"));
    expect(await tokenRead("getVotes", [alice.address])).toBe(0n);

    const before = await chain.publicClient.getBlockNumber();
    for (const [who, to] of [
      [alice, alice.address],
      [bob, alice.address],
      [carol, carol.address],
    ] as const) {
      const hash = await chain.walletFor(who).writeContract({
        address: deployment.token,
        abi: governanceTokenAbi,
        functionName: "delegate",
        args: [to],
      });
      await chain.publicClient.waitForTransactionReceipt({ hash });
    }
    const delegated = await chain.publicClient.getBlockNumber();
    await chain.mine();

    expect(await tokenRead("delegates", [bob.address])).toBe(alice.address);
    expect(await tokenRead("getPastVotes", [alice.address, delegated])).toBe(parseEther("900"));
    expect(await tokenRead("getPastVotes", [bob.address, delegated])).toBe(0n);
    expect(await tokenRead("getPastVotes", [carol.address, delegated])).toBe(parseEther("100"));
    expect(await tokenRead("getPastVotes", [alice.address, before])).toBe(0n);

    // A transfer after the block moves today's votes, not the votes at that block.
    const hash = await chain.walletFor(carol).writeContract({
      address: deployment.token,
      abi: governanceTokenAbi,
      functionName: "transfer",
      args: [alice.address, parseEther("40")],
    });
    await chain.publicClient.waitForTransactionReceipt({ hash });
    await chain.mine();
    expect(await tokenRead("getVotes", [carol.address])).toBe(parseEther("60"));
    expect(await tokenRead("getVotes", [alice.address])).toBe(parseEther("940"));
    expect(await tokenRead("getPastVotes", [carol.address, delegated])).toBe(parseEther("100"));
    // The current block is not past yet: ERC20Votes refuses to answer for it.
    const head = await chain.publicClient.getBlockNumber();
    expect((await revertOf(() => tokenRead("getPastVotes", [alice.address, head])))[0]).toBe(
      "ERC5805FutureLookup",
    );
  });

  it("holds the initial parameter set and its hash; bounds only on scaled fields", async () => {
    const encoded = encodeParameterSet("span-grid", SPAN_GRID_DEFAULTS);
    const [names, values, bounds] = await chain.publicClient.readContract({
      address: deployment.registry,
      abi: riskParameterRegistryAbi,
      functionName: "getFields",
    });
    expect(names).toEqual(encoded.fields.map((f) => f.name));
    expect(values).toEqual(encoded.fields.map((f) => f.value));
    expect(names).toContain("collateralHaircuts.BTC");
    expect(bounds[names.indexOf("priceScanRange")]).toBe(BOUND_BPS);
    expect(bounds[names.indexOf("liquidationMode")]).toBe(0);
    expect(bounds[names.indexOf("scenarios")]).toBe(0);
    expect(await registryValue("priceScanRange")).toBe(150_000_000_000_000_000n);
    const onChainHash = await chain.publicClient.readContract({
      address: deployment.registry,
      abi: riskParameterRegistryAbi,
      functionName: "paramsHash",
    });
    expect(onChainHash).toBe(encoded.paramsHash);
  });

  it("lets only the executor set parameters, any change", async () => {
    expect(await revertOf(() => registryCall(bob, "setParameters", { priceScanRange: 1n }))).toEqual([
      "NotExecutor",
      [bob.address],
    ]);
    await send(alice, "setParameters", { mmFactor: toWad(0.5, "mmFactor") });
    expect(await registryValue("mmFactor")).toBe(toWad(0.5, "mmFactor"));
  });

  it("enforces the steward's delay, relative bound and field list on chain", async () => {
    const name = "priceScanRange"; // 0.15, last set at deployment
    expect(await revertOf(() => registryCall(alice, "stewardSetParameters", { [name]: 1n }))).toEqual([
      "NotSteward",
      [alice.address],
    ]);
    // Within 10% but before the delay has passed since the field last changed.
    const [tooSoon, args] = await revertOf(() =>
      registryCall(steward, "stewardSetParameters", { [name]: toWad(0.16, name) }),
    );
    expect(tooSoon).toBe("TooSoon");
    expect(args[0]).toBe(name);

    await chain.increaseTime(DELAY);
    // 0.15 -> 0.17 is +13.3%: outside the 10% bound.
    expect(
      await revertOf(() => registryCall(steward, "stewardSetParameters", { [name]: toWad(0.17, name) })),
    ).toEqual(["ChangeTooLarge", [name, toWad(0.15, name), toWad(0.17, name), BOUND_BPS]]);
    // An enum has no bound: the executor's alone.
    expect(
      await revertOf(() => registryCall(steward, "stewardSetParameters", { liquidationMode: 1n })),
    ).toEqual(["StewardCannotChange", ["liquidationMode"]]);
    expect(await revertOf(() => registryCall(steward, "stewardSetParameters", { newField: 1n }))).toEqual([
      "UnknownField",
      ["newField"],
    ]);
    // Exactly 10% (0.15 -> 0.165) passes, and restarts the field's delay.
    await send(steward, "stewardSetParameters", { [name]: toWad(0.165, name) });
    expect(await registryValue(name)).toBe(toWad(0.165, name));
    expect(
      (await revertOf(() => registryCall(steward, "stewardSetParameters", { [name]: toWad(0.16, name) })))[0],
    ).toBe("TooSoon");
  });

  it("refuses a field named twice in one update (two bounded steps at once)", async () => {
    await chain.increaseTime(DELAY);
    await expect(
      chain.publicClient.simulateContract({
        account: steward,
        address: deployment.registry,
        abi: riskParameterRegistryAbi,
        functionName: "stewardSetParameters",
        args: [["volShockUp", "volShockUp"], [toWad(0.32, "v"), toWad(0.35, "v")], `0x${"00".repeat(32)}`],
      }),
    ).rejects.toThrow(/DuplicateField/);
  });
});

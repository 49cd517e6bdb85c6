import { describe, expect, it } from "vitest";
import { chainConfigFromEnv } from "../../server/chain/chain-config.ts";
import { parseEnv } from "../../server/env.ts";

const TOKEN = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const REGISTRY = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";
const full = {
  RPC_URL: "http://127.0.0.1:8545",
  CHAIN_ID: "31337",
  GOVERNANCE_TOKEN_ADDRESS: TOKEN,
  RISK_REGISTRY_ADDRESS: REGISTRY,
};

describe("on-chain governance variables", () => {
  it("are off when none is set", () => {
    expect(chainConfigFromEnv(parseEnv({}))).toBeNull();
  });

  it("read all four, the member threshold in whole tokens and the start block", () => {
    expect(
      chainConfigFromEnv(parseEnv({ ...full, MEMBER_MIN_VOTES: "2.5", GOVERNANCE_START_BLOCK: "12" })),
    ).toEqual({
      rpcUrl: "http://127.0.0.1:8545",
      chainId: 31337,
      token: TOKEN.toLowerCase(),
      registry: REGISTRY.toLowerCase(),
      memberMinVotes: 2_500_000_000_000_000_000n,
      startBlock: 12n,
      executorKey: null,
    });
    const key = `0x${"ab".repeat(32)}`;
    expect(chainConfigFromEnv(parseEnv({ ...full, CHAIN_EXECUTOR_KEY: key }))?.executorKey).toBe(key);
  });

  it("name the missing variable when only some are set", () => {
    expect(() => parseEnv({ RPC_URL: "http://127.0.0.1:8545", CHAIN_ID: "31337" })).toThrow(
      "Invalid environment variable GOVERNANCE_TOKEN_ADDRESS: required when RPC_URL, CHAIN_ID are set",
    );
  });

  it("name the variable and the reason for a bad value", () => {
    expect(() => parseEnv({ ...full, CHAIN_ID: "mainnet" })).toThrow(
      /^Invalid environment variable CHAIN_ID: /,
    );
    expect(() => parseEnv({ ...full, RPC_URL: "ws://127.0.0.1:8545" })).toThrow(
      /^Invalid environment variable RPC_URL/,
    );
    expect(() => parseEnv({ ...full, RISK_REGISTRY_ADDRESS: "0x1234" })).toThrow(
      "Invalid environment variable RISK_REGISTRY_ADDRESS: a 0x-prefixed 20-byte address",
    );
    expect(() => parseEnv({ ...full, CHAIN_EXECUTOR_KEY: "0x12" })).toThrow(
      "Invalid environment variable CHAIN_EXECUTOR_KEY: a 0x-prefixed 32-byte private key",
    );
    expect(() => parseEnv({ LOCAL_CHAIN: "maybe" })).toThrow(/^Invalid environment variable LOCAL_CHAIN: /);
    expect(() => parseEnv({ MEMBER_MIN_VOTES: "-1" })).toThrow(
      "Invalid environment variable MEMBER_MIN_VOTES: a token amount such as 1 or 0.5",
    );
  });
});

import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { serverConfigFromEnv } from "../../server/config.ts";
import { parseEnv } from "../../server/env.ts";

describe("environment validation", () => {
  it("defaults to the embedded database in .data/pglite and port 3000", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toEqual({ kind: "pglite", dir: resolve(".data/pglite") });
    expect(env.PORT).toBe(3000);
  });

  it("accepts pglite:<dir> and postgresql:// URLs", () => {
    expect(parseEnv({ DATABASE_URL: "pglite:/tmp/x" }).DATABASE_URL).toEqual({
      kind: "pglite",
      dir: "/tmp/x",
    });
    expect(parseEnv({ DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/app" }).DATABASE_URL).toEqual({
      kind: "postgresql",
      url: "postgresql://postgres@127.0.0.1:5432/app",
    });
  });

  it("names the variable and the reason for a bad value", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://root@localhost/db" })).toThrow(
      /^Invalid environment variable DATABASE_URL: unsupported scheme "mysql"/,
    );
    expect(() => parseEnv({ DATABASE_URL: "pglite:" })).toThrow(/DATABASE_URL: pglite: needs a folder/);
    expect(() => parseEnv({ DATABASE_URL: "postgresql://" })).toThrow(
      /DATABASE_URL: is not a valid PostgreSQL URL/,
    );
    expect(() => parseEnv({ PORT: "70000" })).toThrow(/^Invalid environment variable PORT: /);
  });
});

describe("empty values", () => {
  it("treat NAME= as unset, as .env.example writes them", () => {
    const env = parseEnv({ DATABASE_URL: "", APP_URL: "", ADMIN_ADDRESSES: "", PORT: "" });
    expect(env.DATABASE_URL.kind).toBe("pglite");
    expect(env.APP_URL).toBeUndefined();
    expect(env.ADMIN_ADDRESSES).toEqual([]);
    expect(env.PORT).toBe(3000);
  });

  it("checks every address of a list", () => {
    expect(() => parseEnv({ STEWARD_ADDRESSES: "0x00000000000000000000000000000000000000aa, 0x12" })).toThrow(
      /^Invalid environment variable STEWARD_ADDRESSES: "0x12" is not a 0x-prefixed 20-byte address/,
    );
  });
});

describe("WALLETCONNECT_PROJECT_ID", () => {
  it("is unset by default and when empty, and otherwise a 32-character hex project id", () => {
    expect(parseEnv({}).WALLETCONNECT_PROJECT_ID).toBeUndefined();
    expect(parseEnv({ WALLETCONNECT_PROJECT_ID: "" }).WALLETCONNECT_PROJECT_ID).toBeUndefined();
    const id = "0123456789abcdef0123456789ABCDEF";
    expect(parseEnv({ WALLETCONNECT_PROJECT_ID: id }).WALLETCONNECT_PROJECT_ID).toBe(id);
    expect(() => parseEnv({ WALLETCONNECT_PROJECT_ID: "my-project" })).toThrow(
      /^Invalid environment variable WALLETCONNECT_PROJECT_ID: a Reown project id: 32 hexadecimal characters/,
    );
  });
});

describe("SEED_PRESET", () => {
  it("defaults to the span-grid defaults and accepts only a registry preset", () => {
    expect(parseEnv({}).SEED_PRESET).toBe("span-grid-default");
    expect(parseEnv({ SEED_PRESET: "derive-pm2-mainnet" }).SEED_PRESET).toBe("derive-pm2-mainnet");
    expect(() => parseEnv({ SEED_PRESET: "derive" })).toThrow(
      /^Invalid environment variable SEED_PRESET: .*"span-grid-default"\|"derive-pm2-mainnet"\|"deribit-style"/,
    );
  });
});

describe("proxy trust and demo data", () => {
  it("trusts no proxy and keeps demo data to the embedded database unless told", () => {
    const embedded = serverConfigFromEnv(parseEnv({}));
    expect(embedded).toMatchObject({ trustedProxies: 0, demoData: true });
    const postgres = serverConfigFromEnv(parseEnv({ DATABASE_URL: "postgresql://postgres@127.0.0.1/app" }));
    expect(postgres).toMatchObject({ trustedProxies: 0, demoData: false });
    const asked = parseEnv({ DATABASE_URL: "postgresql://postgres@127.0.0.1/app", SEED_DEMO_DATA: "on" });
    expect(serverConfigFromEnv(asked).demoData).toBe(true);
    expect(serverConfigFromEnv(parseEnv({ SEED_DEMO_DATA: "off" })).demoData).toBe(false);
    expect(serverConfigFromEnv(parseEnv({ TRUST_PROXY: "1" })).trustedProxies).toBe(1);
  });

  it("names the variable for a bad value", () => {
    expect(() => parseEnv({ TRUST_PROXY: "yes" })).toThrow(/^Invalid environment variable TRUST_PROXY: /);
    expect(() => parseEnv({ SEED_DEMO_DATA: "maybe" })).toThrow(
      /^Invalid environment variable SEED_DEMO_DATA: /,
    );
  });
});

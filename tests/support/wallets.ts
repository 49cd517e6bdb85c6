import { privateKeyToAccount } from "viem/accounts";
import { createSiweMessage } from "viem/siwe";

// Throwaway test keys (well-known development keys: they must never hold funds).
export const alice = privateKeyToAccount(
  "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
);
export const bob = privateKeyToAccount("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
export const carol = privateKeyToAccount(
  "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdd4e28e",
);
export const steward = privateKeyToAccount(
  "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
);
export const admin = privateKeyToAccount(
  "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
);

export type TestAccount = typeof alice;

export function siweMessage(
  account: TestAccount,
  nonce: string,
  over: Partial<Parameters<typeof createSiweMessage>[0]> = {},
): string {
  return createSiweMessage({
    address: account.address,
    chainId: 1,
    domain: "marginlab.test",
    nonce,
    uri: "http://marginlab.test",
    version: "1",
    statement: "Sign in to MarginLab.",
    issuedAt: new Date(),
    ...over,
  });
}

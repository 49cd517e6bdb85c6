import { privateKeyToAccount } from "viem/accounts";
import type { Role } from "../../generated/prisma/client.ts";

/**
 * Throwaway wallets for trying every flow without a browser extension, offered only on the embedded demo
 * database. These are the public development keys of Hardhat/Anvil: anyone can sign with them, so they must
 * never hold funds and are never offered on a PostgreSQL (production) deployment.
 */
const DEMO_KEYS: { label: string; role: Role; privateKey: `0x${string}` }[] = [
  {
    label: "Demo steward",
    role: "steward",
    privateKey: "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
  },
  {
    label: "Demo member A",
    role: "member",
    privateKey: "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
  },
  {
    label: "Demo member B",
    role: "member",
    privateKey: "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba",
  },
  {
    label: "Demo admin",
    role: "admin",
    privateKey: "0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e",
  },
];

export type DemoWallet = { label: string; role: Role; address: string; privateKey: `0x${string}` };

let derived: DemoWallet[] | undefined;

export function demoWallets(): DemoWallet[] {
  // Deriving an address is an elliptic-curve multiplication per key (~2 ms for the four), and the layout asks on
  // every page view.
  derived ??= DEMO_KEYS.map((k) => ({
    ...k,
    address: privateKeyToAccount(k.privateKey).address.toLowerCase(),
  }));
  return derived;
}

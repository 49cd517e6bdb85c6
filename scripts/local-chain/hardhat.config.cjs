// Hardhat is used only for its network (EDR, an npm package): scripts/local-chain/chain.ts serves it over
// JSON-RPC. Contracts are compiled with solc-js by `npm run build:contracts`, never by Hardhat (which would
// download a compiler).
module.exports = {
  networks: {
    hardhat: {
      chainId: 31337,
      // Cancun, as the contracts are compiled for (scripts/chain/compile-contracts.ts).
      hardfork: "cancun",
      // Blocks at wall-clock time, so the block timestamps the steward delay reads follow real time.
      allowBlocksWithSameTimestamp: false,
    },
  },
};

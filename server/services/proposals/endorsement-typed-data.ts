/**
 * The EIP-712 message a member signs to back a proposal: the proposal, the exact diff and the exact report. A
 * changed diff or report needs new signatures; a signature for one proposal is useless for another.
 */
export function endorsementTypedData(args: {
  chainId: number;
  proposalId: string;
  diffHash: string;
  reportHash: string;
}) {
  return {
    domain: { name: "MarginLab", version: "1", chainId: args.chainId },
    types: {
      Endorsement: [
        { name: "proposalId", type: "string" },
        { name: "diffHash", type: "bytes32" },
        { name: "reportHash", type: "bytes32" },
      ],
    },
    primaryType: "Endorsement" as const,
    message: {
      proposalId: args.proposalId,
      diffHash: `0x${args.diffHash}` as `0x${string}`,
      reportHash: `0x${args.reportHash}` as `0x${string}`,
    },
  };
}

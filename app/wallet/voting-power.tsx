"use client";
import { useQuery } from "@tanstack/react-query";
import { shortAddress } from "../lib/format.ts";
import { useTRPC } from "../trpc/client.ts";

/** The signed-in member's voting power on chain (delegated votes at the latest past block) and delegate. */
export function VotingPower() {
  const trpc = useTRPC();
  const q = useQuery(trpc.chain.power.queryOptions({}));
  if (!q.data?.enabled) return null;
  const p = q.data;
  const delegate =
    p.delegate === null
      ? "not delegated"
      : p.delegate === p.address
        ? "self-delegated"
        : `delegates to ${shortAddress(p.delegate)}`;
  return (
    <span
      className={`badge ${p.isMember ? "state-backed" : ""}`}
      title={`Votes at block ${p.block}; balance ${p.balance}; a member needs ${p.threshold}`}
    >
      {p.votes} votes · {delegate}
    </span>
  );
}

import { describe, expect, it } from "vitest";
import { ALLOWED_TRANSITIONS, canTransition } from "../../server/services/proposals/proposal-states.ts";

const STATES = Object.keys(ALLOWED_TRANSITIONS) as (keyof typeof ALLOWED_TRANSITIONS)[];

describe("proposal lifecycle", () => {
  it("allows exactly the documented transitions", () => {
    const allowed = STATES.flatMap((from) =>
      STATES.filter((to) => canTransition(from, to)).map((to) => `${from}->${to}`),
    );
    expect(allowed.sort()).toEqual(
      [
        "draft->published",
        "draft->cancelled",
        "published->backed",
        "published->cancelled",
        "backed->published",
        "backed->submitted",
        "backed->cancelled",
        "submitted->active",
        "submitted->cancelled",
        "active->passed",
        "active->rejected",
        "active->cancelled",
        "passed->enacted",
      ].sort(),
    );
  });

  it("has terminal states that lead nowhere and every state reachable from draft", () => {
    for (const terminal of ["rejected", "cancelled", "enacted"] as const)
      expect(ALLOWED_TRANSITIONS[terminal]).toEqual([]);
    const seen = new Set<string>(["draft"]);
    const queue = ["draft" as const as keyof typeof ALLOWED_TRANSITIONS];
    while (queue.length)
      for (const next of ALLOWED_TRANSITIONS[queue.pop()!])
        if (!seen.has(next)) seen.add(next) && queue.push(next);
    expect([...seen].sort()).toEqual([...STATES].sort());
  });
});

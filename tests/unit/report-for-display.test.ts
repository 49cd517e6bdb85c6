import { describe, expect, it } from "vitest";
import type { Db } from "@/server/db/connect.ts";
import { reportForDisplay } from "@/server/services/reports/report-by-id.ts";
import { computeReportHash } from "@/simulations/report/report-hash.ts";

/** A stored report row whose body hashes to its report hash, unless `tamper` edits the body after hashing. */
function storedReport(id: string, opts: { tamper?: boolean } = {}) {
  const body: Record<string, unknown> = {
    engineVersion: "test",
    results: { live: { badDebtWorstWindow: 1 }, proposed: { badDebtWorstWindow: 2 } },
  };
  const reportHash = computeReportHash(body);
  if (opts.tamper) body.results = { live: { badDebtWorstWindow: 1 }, proposed: { badDebtWorstWindow: 0 } };
  return { id, reportHash, engineVersion: "test", body: { reportHash, ...body } };
}

/** A database holding the given reports that counts how often each is read. */
function countingDb(rows: ReturnType<typeof storedReport>[]) {
  const reads = new Map<string, number>();
  const db = {
    report: {
      findUnique: async ({ where }: { where: { id: string } }) => {
        reads.set(where.id, (reads.get(where.id) ?? 0) + 1);
        return rows.find((r) => r.id === where.id) ?? null;
      },
    },
  } as unknown as Db;
  return { db, reads };
}

describe("reportForDisplay", () => {
  it("reads and verifies a report once, then answers from memory with its view and no body", async () => {
    const { db, reads } = countingDb([storedReport("once")]);
    const first = await reportForDisplay(db, "once");
    const again = await reportForDisplay(db, "once");
    expect(again).toBe(first);
    expect(reads.get("once")).toBe(1);
    expect(first).toMatchObject({ id: "once", intact: true });
    expect(first?.view.metrics.find((m) => m.id === "badDebtWorstWindow")).toMatchObject({
      live: 1,
      proposed: 2,
    });
    expect(first).not.toHaveProperty("body");
  });

  it("marks a body edited after hashing as not intact", async () => {
    const { db } = countingDb([storedReport("edited", { tamper: true })]);
    await expect(reportForDisplay(db, "edited")).resolves.toMatchObject({ intact: false });
  });

  it("is bounded: a report pushed out by newer ones is read again", async () => {
    const ids = Array.from({ length: 65 }, (_, i) => `bounded-${i}`);
    const { db, reads } = countingDb(ids.map((id) => storedReport(id)));
    for (const id of ids) await reportForDisplay(db, id);
    await reportForDisplay(db, "bounded-64");
    await reportForDisplay(db, "bounded-0");
    expect(reads.get("bounded-64")).toBe(1);
    expect(reads.get("bounded-0")).toBe(2);
  });

  it("does not remember a report that is not there", async () => {
    const { db, reads } = countingDb([]);
    await expect(reportForDisplay(db, "missing")).resolves.toBeNull();
    await reportForDisplay(db, "missing");
    expect(reads.get("missing")).toBe(2);
  });
});

// The margin figures docs/methodology.md quotes (section 31, the quick preview's accounts under every preset)
// are the engine's on the shipped data: when the data, a preset or the engine changes them, this fails until the
// table is updated.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { latestMarket, previewMargins } from "@/server/services/proposals/preview-margins.ts";
import { listPresets } from "@/simulations/models/registry.ts";
import { projectFile } from "@/simulations/paths/project-file.ts";

const doc = readFileSync(projectFile("docs/methodology.md"), "utf8");
const section = doc.slice(doc.indexOf("## 31. The quick preview"), doc.indexOf("## 32."));

/** The rows of the section's table of margins: account name -> the USD figures, in column order. */
function marginTable(): { columns: string[]; rows: Map<string, number[]> } {
  // Table lines, without the |---| separators.
  const lines = section.split("\n").filter((l) => l.startsWith("| "));
  const header = lines.findIndex((l) => l.startsWith("| account | span-grid-default"));
  const columns = lines[header]!.split("|")
    .slice(2, -1)
    .map((c) => c.trim());
  const rows = new Map<string, number[]>();
  for (const line of lines.slice(header + 1)) {
    const [name, ...cells] = line
      .split("|")
      .slice(1, -1)
      .map((c) => c.trim());
    rows.set(
      name!,
      cells.map((c) => Number(c.replaceAll(",", ""))),
    );
  }
  return { columns, rows };
}

describe("docs/methodology.md, section 31", () => {
  it("quotes the market of the last day of the shipped data", () => {
    const m = latestMarket();
    const pct = (x: number | null) => `${((x ?? 0) * 100).toFixed(1)}%`;
    const round = (x: number) => Math.round(x).toLocaleString("en-US");
    // Compared as words: the text wraps anywhere.
    expect(section.replace(/\s+/g, " ")).toContain(
      `on ${m.date} (BTC ${round(m.assets.BTC!.spot)}, DVOL ${pct(m.assets.BTC!.dvol)}; ETH ${round(m.assets.ETH!.spot)}, DVOL ${pct(m.assets.ETH!.dvol)})`,
    );
  });

  it("quotes every account's initial margin under every preset, and its standard margin, to the dollar", () => {
    const { columns, rows } = marginTable();
    const presets = listPresets();
    expect(columns).toEqual([...presets.map((p) => p.id), "standard"]);
    const actual = new Map<string, number[]>();
    presets.forEach((preset) => {
      const { portfolios } = previewMargins({
        live: { model: preset.model, params: preset.params as Record<string, unknown> },
        changes: {},
      });
      for (const p of portfolios) {
        const row = actual.get(p.name) ?? [];
        row.push(Math.round(p.live.initial));
        // Standard margin does not depend on the preset: the last column.
        if (row.length === presets.length) row.push(Math.round(p.live.standardInitial));
        actual.set(p.name, row);
      }
    });
    expect([...rows.keys()]).toEqual([...actual.keys()]);
    for (const [name, figures] of actual) expect(rows.get(name), name).toEqual(figures);
  });
});

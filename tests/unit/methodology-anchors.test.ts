// Every parameter of every registered model is explained in docs/methodology.md under the anchor its field
// metadata names, and the app's field help links there: a new field without its entry fails here.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type ModelFieldMeta, methodologyAnchor } from "../../simulations/models/field-meta.ts";
import { listModels } from "../../simulations/models/registry.ts";
import { projectFile } from "../../simulations/paths/project-file.ts";

const doc = readFileSync(projectFile("docs/methodology.md"), "utf8");

/** Each explicit anchor of the document with the text that follows it. */
const entries = [...doc.matchAll(/<a id="([^"]+)"><\/a>([^\n]*)/g)].map((m) => ({ id: m[1]!, after: m[2]! }));

type Documented = { model: string; path: string; name: string; meta: { doc: string } };

/** Every field of every model, and every item field of list fields (derive-pm2's scenario's spotShock, ...). */
function documentedFields(): Documented[] {
  return listModels().flatMap((m) =>
    Object.entries(m.fields as Record<string, ModelFieldMeta>).flatMap(([path, meta]) => [
      { model: m.id, path, name: path, meta },
      ...(meta.kind === "list"
        ? Object.entries(meta.items).map(([key, item]) => ({
            model: m.id,
            path: `${path}[].${key}`,
            name: key,
            meta: item,
          }))
        : []),
    ]),
  );
}

/** Paths of a parameter set's fields: nested groups flattened (`margin.mmFactor`) down to a field of `fields`. */
function leafPaths(value: Record<string, unknown>, fields: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(value).flatMap(([key, v]) => {
    const path = `${prefix}${key}`;
    const group = typeof v === "object" && v !== null && !Array.isArray(v) && !(path in fields);
    return group ? leafPaths(v as Record<string, unknown>, fields, `${path}.`) : [path];
  });
}

describe("methodologyAnchor", () => {
  it("joins the model and the field path with hyphens, letters and digits only", () => {
    expect(methodologyAnchor("span-grid", "priceScanRange")).toBe("param-span-grid-priceScanRange");
    expect(methodologyAnchor("derive-pm2", "volShock.volRangeUp")).toBe(
      "param-derive-pm2-volShock-volRangeUp",
    );
    expect(methodologyAnchor("derive-pm2", "scenarios[].spotShock")).toBe(
      "param-derive-pm2-scenarios-spotShock",
    );
  });
});

describe("docs/methodology.md documents every model parameter", () => {
  const fields = documentedFields();

  it("has field metadata for every field of every model's parameter set", () => {
    for (const m of listModels()) {
      const paths = leafPaths(m.defaults as Record<string, unknown>, m.fields);
      expect(
        paths.filter((p) => !(p in m.fields)),
        m.id,
      ).toEqual([]);
    }
    // Both models and every one of their fields (43 span-grid, 38 derive-pm2 plus the 4 fields of a scenario).
    expect(fields.filter((f) => f.model === "span-grid")).toHaveLength(43);
    expect(fields.filter((f) => f.model === "derive-pm2")).toHaveLength(43);
  });

  it("gives every field the anchor derived from its model and path, present once in the document", () => {
    const missing: string[] = [];
    for (const f of fields) {
      expect(f.meta.doc, f.path).toBe(methodologyAnchor(f.model, f.path));
      const found = entries.filter((e) => e.id === f.meta.doc);
      if (found.length === 0) missing.push(`${f.model} ${f.path} (#${f.meta.doc})`);
      expect(found.length, f.meta.doc).toBeLessThanOrEqual(1);
      // The anchor opens the field's own entry, which names it.
      if (found[0]) expect(found[0].after.startsWith(`**\`${f.name}\`**`), f.meta.doc).toBe(true);
    }
    expect(missing).toEqual([]);
  });

  it("has no parameter anchor that no field links to (a renamed or removed field leaves none behind)", () => {
    const linked = new Set(fields.map((f) => f.meta.doc));
    const stale = entries.map((e) => e.id).filter((id) => id.startsWith("param-") && !linked.has(id));
    expect(stale).toEqual([]);
  });
});

/** GitHub's heading slug for ASCII headings (github-slugger, which the app's rehype-slug uses): lower case, only
 * letters, digits, spaces and hyphens kept, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, "")
    .replace(/ /g, "-");
}

describe("links into the methodology from the app", () => {
  it("name a heading or anchor the document has", () => {
    const targets = new Set([
      ...entries.map((e) => e.id),
      ...[...doc.matchAll(/^#{1,4} (.+)$/gm)].map((m) => slug(m[1]!)),
    ]);
    const files = readdirSync(projectFile("app"), { recursive: true, encoding: "utf8" }).filter((f) =>
      f.endsWith(".tsx"),
    );
    const links = files.flatMap((f) =>
      [...readFileSync(join(projectFile("app"), f), "utf8").matchAll(/\/methodology#([a-z0-9-]+)/g)].map(
        (m) => ({ file: f, target: m[1]! }),
      ),
    );
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((l) => !targets.has(l.target))).toEqual([]);
  });
});

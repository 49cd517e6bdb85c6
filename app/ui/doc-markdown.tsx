import ReactMarkdown from "react-markdown";
import rehypeSlug from "rehype-slug";
import remarkGfm from "remark-gfm";

/** The few hast (HTML syntax tree) node fields the anchor plugin reads and writes. */
type HastNode = {
  type: string;
  value?: string;
  tagName?: string;
  properties?: Record<string, string>;
  children?: HastNode[];
};

/** `<a id="param-span-grid-priceScanRange"></a>`: the explicit anchors the methodology gives every parameter. */
const ANCHOR_OPEN = /^<a id="([A-Za-z0-9_-]+)">$/;

/**
 * Turns the document's explicit anchors (raw HTML `<a id="...">` and its `</a>`) into empty `<a id>` elements.
 * Every other piece of raw HTML is dropped by `skipHtml`, so the page renders our own Markdown only as Markdown
 * plus anchors: no HTML parser (rehype-raw) is needed for a handful of ids.
 */
function rehypeExplicitAnchors() {
  const visit = (node: HastNode) => {
    if (!node.children) return;
    const out: HastNode[] = [];
    for (const child of node.children) {
      if (child.type === "raw") {
        const raw = (child.value ?? "").trim();
        const m = ANCHOR_OPEN.exec(raw);
        if (m?.[1]) {
          out.push({ type: "element", tagName: "a", properties: { id: m[1] }, children: [] });
          continue;
        }
        if (raw === "</a>") continue;
      }
      visit(child);
      out.push(child);
    }
    node.children = out;
  };
  return (tree: HastNode) => visit(tree);
}

function textOf(node: HastNode): string {
  if (node.type === "text") return node.value ?? "";
  return (node.children ?? []).map(textOf).join("");
}

function element(tagName: string, properties: Record<string, string>, children: HastNode[]): HastNode {
  return { type: "element", tagName, properties, children };
}

/**
 * A table of contents before the first section (the first h2), linking every h2 by the id rehype-slug gave it,
 * grouped under the document's later h1s (its parts). Runs after rehype-slug.
 */
function rehypeContents() {
  return (tree: HastNode) => {
    const top = tree.children ?? [];
    const headings = top.filter((n) => n.type === "element" && (n.tagName === "h1" || n.tagName === "h2"));
    const firstSection = top.findIndex((n) => n.type === "element" && n.tagName === "h2");
    if (firstSection < 0) return;
    const items: HastNode[] = [];
    headings.forEach((h, i) => {
      if (i === 0 && h.tagName === "h1") return; // the document's title
      const link = element("a", { href: `#${h.properties?.id ?? ""}` }, [{ type: "text", value: textOf(h) }]);
      items.push(element("li", h.tagName === "h1" ? { className: "doc-toc-part" } : {}, [link]));
    });
    const nav = element("nav", { className: "doc-toc", ariaLabel: "Contents" }, [
      element("p", { className: "doc-toc-title" }, [{ type: "text", value: "Contents" }]),
      element("ul", {}, items),
    ]);
    top.splice(firstSection, 0, nav);
  };
}

/**
 * Project documentation written in GitHub-flavoured Markdown (tables, heading anchors): headings get GitHub's
 * slugs (rehype-slug uses github-slugger), so `#5-random-numbers` links work here as on GitHub, and a long document
 * gets a table of contents.
 */
export function DocMarkdown({ children }: { children: string }) {
  return (
    <div className="markdown doc">
      <ReactMarkdown
        skipHtml
        remarkPlugins={[remarkGfm]}
        rehypePlugins={[rehypeExplicitAnchors, rehypeSlug, rehypeContents]}
        components={{
          // Tables scroll on their own on narrow screens instead of widening the page.
          table: ({ children: c }) => (
            <div className="table-scroll">
              <table className="data compact">{c}</table>
            </div>
          ),
        }}
      >
        {children}
      </ReactMarkdown>
    </div>
  );
}

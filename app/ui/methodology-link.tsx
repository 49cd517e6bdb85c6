/**
 * The "Methodology" link of a parameter's help: opens the parameter's entry in the methodology page (/methodology,
 * docs/methodology.md rendered by the app), at the anchor its field metadata names (`doc`).
 */
export function methodologyHref(doc: string): string {
  return `/methodology#${encodeURIComponent(doc)}`;
}

export function MethodologyLink({
  doc,
  label,
  newTab = false,
  compact = false,
}: {
  /** The field's anchor (`FieldMeta.doc`). */
  doc: string;
  /** The field's label, for screen readers ("Methodology: Price scan range"). */
  label: string;
  /** In a form being edited: open beside it, so unsaved input is not lost. */
  newTab?: boolean;
  /** "?" instead of the word, for table column headers. */
  compact?: boolean;
}) {
  const name = `Methodology: ${label}`;
  return (
    <a
      href={methodologyHref(doc)}
      className="doc-link"
      title={name}
      aria-label={newTab ? `${name} (opens in a new tab)` : name}
      {...(newTab ? { target: "_blank", rel: "noopener" } : {})}
    >
      {compact ? "?" : "Methodology"}
    </a>
  );
}

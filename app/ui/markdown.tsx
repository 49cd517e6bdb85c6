import ReactMarkdown from "react-markdown";

/**
 * Member-written Markdown (rationales, comments). react-markdown builds React elements from the Markdown syntax
 * tree and, without rehype-raw, never renders raw HTML: that is our sanitization. `skipHtml` drops HTML in the
 * source instead of showing it as text; links are marked as external user content.
 */
export function Markdown({ children }: { children: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown
        skipHtml
        components={{
          a: ({ href, children: c }) => (
            <a href={href} rel="nofollow ugc noopener noreferrer" target="_blank">
              {c}
            </a>
          ),
          img: ({ alt }) => <span className="muted">[image: {alt}]</span>,
        }}
      >
        {children}
      </ReactMarkdown>
    </div>
  );
}

"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { errorInfo } from "../../lib/errors.ts";
import { formatDateTime, shortAddress } from "../../lib/format.ts";
import { useTRPC } from "../../trpc/client.ts";
import { Markdown } from "../../ui/markdown.tsx";
import { useMe } from "../../wallet/session.ts";
import { SignInButton } from "../../wallet/wallet-menu.tsx";

type Comment = { id: string; parentId: string | null; author: string; body: string; createdAt: Date };

function CommentForm({
  proposalId,
  parentId,
  onDone,
  label,
}: {
  proposalId: string;
  parentId?: string;
  onDone?: () => void;
  label: string;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [body, setBody] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const add = useMutation(trpc.comments.add.mutationOptions());
  return (
    <form
      className="comment-form"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        setFieldError(null);
        if (body.trim() === "") {
          setFieldError("write something");
          return;
        }
        try {
          await add.mutateAsync({ proposalId, body, ...(parentId ? { parentId } : {}) });
          setBody("");
          await Promise.all([
            queryClient.invalidateQueries({ queryKey: trpc.proposals.pathKey() }),
            queryClient.invalidateQueries({ queryKey: trpc.comments.pathKey() }),
          ]);
          onDone?.();
        } catch (err) {
          const info = errorInfo(err);
          setFieldError(info.fieldErrors.body ?? info.message);
        }
      }}
    >
      <label htmlFor={`${id}-body`}>
        {label} <span className="muted">(Markdown)</span>
      </label>
      <textarea
        id={`${id}-body`}
        className="input"
        rows={parentId ? 2 : 3}
        value={body}
        aria-invalid={!!fieldError || undefined}
        aria-describedby={fieldError ? `${id}-error` : undefined}
        onChange={(e) => setBody(e.target.value)}
      />
      {fieldError && (
        <p id={`${id}-error`} className="field-error">
          {fieldError}
        </p>
      )}
      <button type="submit" className="button small" disabled={add.isPending}>
        {add.isPending ? "Posting…" : parentId ? "Reply" : "Comment"}
      </button>
    </form>
  );
}

function CommentItem({ c, author }: { c: Comment; author: string }) {
  return (
    <article className="comment" aria-label={`Comment by ${shortAddress(c.author)}`}>
      <header className="comment-head">
        <code title={c.author}>{shortAddress(c.author)}</code>
        {c.author === author && <span className="badge muted-badge">author</span>} ·{" "}
        <time dateTime={new Date(c.createdAt).toISOString()}>{formatDateTime(c.createdAt)}</time>
      </header>
      <Markdown>{c.body}</Markdown>
    </article>
  );
}

/**
 * Discussion threaded one level: comments, and replies to them. The page brings the newest comments (`recent`,
 * oldest first); the rest are fetched when a reader asks for them. A reply whose comment is not among the newest
 * waits for it.
 */
export function Comments({
  proposalId,
  author,
  recent,
  count,
}: {
  proposalId: string;
  author: string;
  recent: Comment[];
  count: number;
}) {
  const trpc = useTRPC();
  const me = useMe();
  const [replyTo, setReplyTo] = useState<string | null>(null);
  const [showAll, setShowAll] = useState(false);
  const all = useQuery(trpc.comments.list.queryOptions({ proposalId }, { enabled: showAll }));
  const comments = showAll && all.data ? all.data : recent;
  const top = comments.filter((c) => c.parentId === null);
  const replies = (id: string) => comments.filter((c) => c.parentId === id);
  return (
    <section className="panel" aria-labelledby="comments-heading" id="comments">
      <h2 id="comments-heading">
        Discussion <span className="count">{count}</span>
      </h2>
      {top.length === 0 && <p className="muted">No comments yet.</p>}
      {count > comments.length && (
        <button
          type="button"
          className="link-button"
          disabled={all.isFetching}
          onClick={() => setShowAll(true)}
        >
          {all.isFetching ? "Loading earlier comments…" : `Show all ${count} comments`}
        </button>
      )}
      {all.error && (
        <p role="alert" className="error">
          {errorInfo(all.error).message}
        </p>
      )}
      <ol className="comment-list">
        {top.map((c) => (
          <li key={c.id}>
            <CommentItem c={c} author={author} />
            {replies(c.id).length > 0 && (
              <ol className="reply-list">
                {replies(c.id).map((r) => (
                  <li key={r.id}>
                    <CommentItem c={r} author={author} />
                  </li>
                ))}
              </ol>
            )}
            {me.signedIn &&
              (replyTo === c.id ? (
                <CommentForm
                  proposalId={proposalId}
                  parentId={c.id}
                  label="Your reply"
                  onDone={() => setReplyTo(null)}
                />
              ) : (
                <button type="button" className="link-button" onClick={() => setReplyTo(c.id)}>
                  Reply<span className="visually-hidden"> to {shortAddress(c.author)}</span>
                </button>
              ))}
          </li>
        ))}
      </ol>
      {me.signedIn ? (
        <CommentForm proposalId={proposalId} label="Add a comment" />
      ) : (
        <p>
          <SignInButton>Sign in to comment</SignInButton>
        </p>
      )}
    </section>
  );
}

"use client";
import Link from "next/link";

/** Shown when a page fails to render (e.g. the database is unreachable); the header and wallet stay usable. */
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div className="panel error-page" role="alert">
      <h1>Something went wrong</h1>
      <p>This page could not be loaded. {error.digest ? `(Reference ${error.digest}.)` : ""}</p>
      <p className="inline-form">
        <button type="button" className="button" onClick={reset}>
          Try again
        </button>
        <Link href="/">Dashboard</Link>
      </p>
    </div>
  );
}

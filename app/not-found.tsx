import Link from "next/link";

export default function NotFound() {
  return (
    <div className="panel error-page">
      <h1>Not found</h1>
      <p>
        There is nothing at this address. If it is a draft proposal, only its author can see it until it is
        published: sign in with the author&apos;s wallet.
      </p>
      <p>
        <Link href="/">Dashboard</Link> · <Link href="/proposals">All proposals</Link>
      </p>
    </div>
  );
}

"use client";
import { useSuspenseQuery } from "@tanstack/react-query";
import { useTRPC } from "./trpc/client.ts";

export function LiveParameterSet() {
  const trpc = useTRPC();
  const { data: live } = useSuspenseQuery(trpc.parameters.live.queryOptions());
  if (!live) {
    return (
      <section className="panel" aria-labelledby="live-heading">
        <h2 id="live-heading">Live parameter set</h2>
        <p className="muted">No parameter set has been enacted yet.</p>
      </section>
    );
  }
  return (
    <section className="panel" aria-labelledby="live-heading">
      <h2 id="live-heading">
        Live parameter set <span className="muted">v{live.version}</span>
      </h2>
      <p className="muted">
        Model <code>{live.model}</code>, enacted {live.enactedAt.toISOString().slice(0, 10)} by{" "}
        <code>{live.enactedBy}</code>. Hash <code>{live.paramsHash.slice(0, 12)}</code>
      </p>
      <table className="kv">
        <tbody>
          {Object.entries(live.params).map(([key, value]) => (
            <tr key={key}>
              <th scope="row">
                <code>{key}</code>
              </th>
              <td className="mono">{JSON.stringify(value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

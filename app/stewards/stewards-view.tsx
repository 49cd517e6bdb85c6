"use client";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { errorInfo } from "../lib/errors.ts";
import { formatDateTime } from "../lib/format.ts";
import { useTRPC } from "../trpc/client.ts";
import { useMe } from "../wallet/session.ts";

/** Who reviews proposals (public), and for admins the form that appoints or removes a steward. */
export function StewardsView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useMe();
  const { data: users } = useSuspenseQuery(trpc.users.listRoles.queryOptions());
  const setSteward = useMutation(trpc.users.setSteward.mutationOptions());
  const [address, setAddress] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  async function change(target: string, steward: boolean) {
    setFieldError(null);
    setMessage(null);
    try {
      const u = await setSteward.mutateAsync({ address: target, steward });
      setMessage(`${u.address} is now ${u.role === "steward" ? "a steward" : `a ${u.role}`}.`);
      setAddress("");
      await queryClient.invalidateQueries({ queryKey: trpc.users.pathKey() });
    } catch (e) {
      const info = errorInfo(e);
      setFieldError(info.fieldErrors.address ?? info.message);
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!/^0x[0-9a-fA-F]{40}$/.test(address.trim())) {
      setFieldError("must be a 0x-prefixed 20-byte hex address");
      return;
    }
    void change(address.trim(), true);
  }

  return (
    <>
      <section className="panel" aria-labelledby="roles-heading">
        <h2 id="roles-heading">Who reviews proposals</h2>
        <p className="muted">
          A proposal is backed when members endorse it and a steward approves its impact report. Admins
          appoint stewards.
        </p>
        <div className="table-scroll">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Address</th>
                <th scope="col">Role</th>
                <th scope="col">Granted by</th>
                <th scope="col">Since</th>
                {me.has("admin") && (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.address}>
                  <th scope="row">
                    <code>{u.address}</code>
                  </th>
                  <td>
                    <span className={`badge role-${u.role}`}>{u.role}</span>
                  </td>
                  <td>
                    <code>{u.roleGrantedBy ?? "\u2014"}</code>
                  </td>
                  <td>{formatDateTime(u.createdAt)}</td>
                  {me.has("admin") && (
                    <td>
                      {u.role === "steward" && (
                        <button
                          type="button"
                          className="button secondary small"
                          disabled={setSteward.isPending}
                          onClick={() => change(u.address, false)}
                        >
                          Remove steward<span className="visually-hidden"> {u.address}</span>
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div aria-live="polite" className="status-line">
          {message}
        </div>
      </section>
      {me.has("admin") && (
        <section className="panel" aria-labelledby="appoint-heading">
          <h2 id="appoint-heading">Appoint a steward</h2>
          <form onSubmit={submit} noValidate className="field">
            <label htmlFor="steward-address">Address</label>
            <div className="inline-form">
              <input
                id="steward-address"
                className="input mono"
                placeholder="0x…"
                autoComplete="off"
                spellCheck={false}
                value={address}
                aria-invalid={!!fieldError || undefined}
                aria-describedby={fieldError ? "steward-address-error" : undefined}
                onChange={(e) => setAddress(e.target.value)}
                style={{ width: "28rem" }}
              />
              <button type="submit" className="button" disabled={setSteward.isPending}>
                Appoint
              </button>
            </div>
            {fieldError && (
              <p id="steward-address-error" className="field-error">
                {fieldError}
              </p>
            )}
          </form>
        </section>
      )}
    </>
  );
}

/// <reference lib="webworker" />
// snapshot.js runs here, in a dedicated worker, not in the page: it builds ajv validators when it loads, and ajv
// compiles them with `new Function`, which the page's Content-Security-Policy (no 'unsafe-eval') rightly forbids.
// The worker has no DOM and only runs this bundled code; the wallet stays in the page: every signature snapshot.js
// asks for is requested from the page with a message and comes back the same way.
import type { FromWorker, ToWorker } from "./snapshot-worker-protocol.ts";

declare const self: DedicatedWorkerGlobalScope;

// snapshot.js's browser build carries ethers v5 code compiled as `window && window.__awaiter || ...`; a worker's
// global object has everything that code uses (fetch, crypto, timers) under `self`.
(self as unknown as { window: unknown }).window ??= self;

const post = (message: FromWorker) => self.postMessage(message);
const pendingSignatures = new Map<number, { resolve: (sig: string) => void; reject: (e: Error) => void }>();
let nextSignature = 1;

/** The thrown value, as plain data the page can show (snapshot.js rejects with the sequencer's JSON). */
function plain(e: unknown): { message: string; description?: string } {
  if (e && typeof e === "object" && "error_description" in e) {
    return {
      message: "refused",
      description: String((e as { error_description: unknown }).error_description),
    };
  }
  return { message: e instanceof Error ? e.message : String(e) };
}

self.onmessage = async (event: MessageEvent<ToWorker>) => {
  const msg = event.data;
  if (msg.type === "signature") {
    const pending = pendingSignatures.get(msg.signatureId);
    pendingSignatures.delete(msg.signatureId);
    if (msg.signature) pending?.resolve(msg.signature);
    else pending?.reject(new Error(msg.error ?? "signing failed"));
    return;
  }
  const { requestId, kind, url, address, message } = msg;
  // The ethers-v5-style signer snapshot.js calls.
  const signer = {
    getAddress: async () => address,
    _signTypedData: (
      domain: object,
      types: Record<string, { name: string; type: string }[]>,
      value: object,
    ) =>
      new Promise<string>((resolve, reject) => {
        const signatureId = nextSignature++;
        pendingSignatures.set(signatureId, { resolve, reject });
        post({
          type: "sign",
          requestId,
          signatureId,
          typed: { domain, types, primaryType: Object.keys(types)[0]!, message: value },
        });
      }),
  };
  try {
    // Imported here, not at the top: a failure to load it is then reported to the page like any other.
    const { default: snapshot } = await import("@snapshot-labs/snapshot.js");
    const client = new snapshot.Client712(url);
    const receipt =
      kind === "proposal"
        ? await client.proposal(signer as never, address, message as never)
        : await client.vote(signer as never, address, message as never);
    post({ type: "done", requestId, receipt });
  } catch (e) {
    post({ type: "failed", requestId, error: plain(e) });
  }
};

post({ type: "ready" });

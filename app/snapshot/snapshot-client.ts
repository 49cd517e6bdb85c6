// Runs snapshot.js's Client712 (proposal or vote) in its worker, answering its signature requests with the page's
// wallet. The worker, and with it snapshot.js, is loaded only when someone signs.
import type { FromWorker, ToWorker, TypedDataRequest } from "./snapshot-worker-protocol.ts";

/** The sequencer refused the message (`error_description`, e.g. "duplicate message"). */
export class SnapshotRefused extends Error {
  constructor(readonly description: string) {
    super(`Snapshot refused it: ${description}`);
    this.name = "SnapshotRefused";
  }
}

export type SnapshotReceipt = { id: string; ipfs: string; relayer: { address: string; receipt: string } };

let nextRequest = 1;

export function sendWithSnapshotJs(args: {
  kind: "proposal" | "vote";
  /** Where snapshot.js posts (`new Client712(url)`). */
  url: string;
  address: string;
  message: object;
  sign: (typed: TypedDataRequest) => Promise<`0x${string}`>;
  /** Called with each signature as soon as the wallet gives it (before snapshot.js posts it). */
  onSigned?: (signature: `0x${string}`) => void;
}): Promise<SnapshotReceipt> {
  const worker = new Worker(new URL("./snapshot-worker.ts", import.meta.url), {
    type: "module",
    name: "snapshot.js",
  });
  const requestId = nextRequest++;
  const send = (msg: ToWorker) => worker.postMessage(msg);
  return new Promise<SnapshotReceipt>((resolve, reject) => {
    const finish = (fn: () => void) => {
      worker.terminate();
      fn();
    };
    worker.onerror = (e) =>
      finish(() => reject(new Error(`snapshot.js could not start: ${e.message || "worker error"}`)));
    worker.onmessage = async (event: MessageEvent<FromWorker>) => {
      const msg = event.data;
      if (msg.type === "ready") {
        send({
          type: "send",
          requestId,
          kind: args.kind,
          url: args.url,
          address: args.address,
          message: args.message,
        });
        return;
      }
      if (msg.requestId !== requestId) return;
      if (msg.type === "sign") {
        try {
          const signature = await args.sign(msg.typed);
          args.onSigned?.(signature);
          send({ type: "signature", signatureId: msg.signatureId, signature });
        } catch (e) {
          // The wallet refused: snapshot.js gives up without posting; report the wallet's own error.
          send({ type: "signature", signatureId: msg.signatureId, error: "refused in the wallet" });
          finish(() => reject(e));
        }
      } else if (msg.type === "done") {
        finish(() => resolve(msg.receipt as SnapshotReceipt));
      } else {
        finish(() =>
          reject(
            msg.error.description !== undefined
              ? new SnapshotRefused(msg.error.description)
              : new Error(msg.error.message),
          ),
        );
      }
    };
  });
}

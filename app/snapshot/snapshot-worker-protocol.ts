/** Messages between the page and the snapshot.js worker (snapshot-worker.ts). */
export type TypedDataRequest = {
  domain: object;
  types: Record<string, { name: string; type: string }[]>;
  primaryType: string;
  message: object;
};

export type ToWorker =
  | {
      type: "send";
      requestId: number;
      kind: "proposal" | "vote";
      url: string;
      address: string;
      message: object;
    }
  | { type: "signature"; signatureId: number; signature?: string; error?: string };

export type FromWorker =
  /** Sent once the worker listens: a message posted earlier could arrive before its handler exists. */
  | { type: "ready"; requestId?: undefined }
  | { type: "sign"; requestId: number; signatureId: number; typed: TypedDataRequest }
  | { type: "done"; requestId: number; receipt: unknown }
  | { type: "failed"; requestId: number; error: { message: string; description?: string } };

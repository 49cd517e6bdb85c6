/**
 * A Derive PM2 account on Derive's native inputs: one base asset's spot and perp, per-expiry feeds
 * (forward, rate, SVI surface, confidences), option balances keyed by expiry, collateral balances
 * with their haircuts, cash and the stable-coin price. Confidences are the oracles' 0..1 scores.
 */
import { z } from "zod";
import { EngineError } from "../../errors.ts";
import { zodIssueToEngineError } from "./zod-error.ts";

const confidence = z.number().min(0).max(1);
const finite = z.number().refine(Number.isFinite, "must be a finite number");

export const sviParamsSchema = z
  .object({
    a: finite,
    b: z.number().min(0),
    rho: z.number().gt(-1).lt(1),
    m: finite,
    sigma: z.number().min(0),
    forward: z.number().positive(),
    tauYears: z.number().positive(),
  })
  .strict();

export const expiryFeedSchema = z
  .object({
    secToExpiry: z.number().int().min(0).describe("Seconds from now to expiry (0 once expired)"),
    forward: z.number().positive().describe("Forward price (USD) for this expiry"),
    forwardFixed: z
      .number()
      .min(0)
      .default(0)
      .describe(
        "Part of the forward already fixed by settlement averaging (USD); it does not move with spot",
      ),
    forwardConfidence: confidence,
    rate: finite.describe("Annualised continuously-compounded rate; Derive floors it at 0"),
    rateConfidence: confidence,
    svi: sviParamsSchema,
    volConfidence: confidence,
  })
  .strict()
  .refine((f) => f.forwardFixed <= f.forward, {
    path: ["forwardFixed"],
    message: "the fixed portion cannot exceed the forward",
  });

export const optionPositionSchema = z
  .object({
    secToExpiry: z.number().int().min(0),
    strike: z.number().min(0),
    isCall: z.boolean(),
    amount: finite.describe("Contracts held; negative = short"),
    // Not part of Derive's input (Derive always reads the feed's SVI surface): the registry adapter
    // (model.ts) uses it for a generic position that carries its own mark vol.
    vol: z
      .number()
      .min(0)
      .max(10)
      .optional()
      .describe("Annualised vol overriding the feed's SVI at this strike (adapter use only)"),
  })
  .strict();

export const collateralPositionSchema = z
  .object({
    name: z.string().min(1),
    amount: z.number().min(0),
    price: z.number().min(0).describe("USD price of one unit"),
    confidence,
    isRiskCancelling: z.boolean().describe("Moves with the base asset in every scenario (e.g. wrapped BTC)"),
    mmHaircut: z.number().min(0).max(1),
    imHaircut: z.number().min(0).max(1),
  })
  .strict();

export const derivePm2InputSchema = z
  .object({
    spot: z.object({ price: z.number().positive(), confidence }).strict(),
    stable: z.object({ price: z.number().positive(), confidence }).strict(),
    cash: finite.describe("USD cash balance"),
    perp: z
      .object({
        amount: finite,
        price: z.number().min(0),
        confidence,
        unrealisedPnl: finite,
        unrealisedFunding: finite,
      })
      .strict()
      .optional(),
    feeds: z.array(expiryFeedSchema),
    options: z.array(optionPositionSchema),
    collaterals: z.array(collateralPositionSchema),
  })
  .strict()
  .superRefine((input, ctx) => {
    const seen = new Map<number, number>();
    input.feeds.forEach((f, i) => {
      const first = seen.get(f.secToExpiry);
      if (first !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["feeds", i, "secToExpiry"],
          message: `duplicate feed for expiry ${f.secToExpiry} (also feeds[${first}])`,
        });
      } else {
        seen.set(f.secToExpiry, i);
      }
    });
    input.options.forEach((o, i) => {
      if (!seen.has(o.secToExpiry)) {
        ctx.addIssue({
          code: "custom",
          path: ["options", i, "secToExpiry"],
          message: `no feed for expiry ${o.secToExpiry}: a position needs a forward, rate and vol surface`,
        });
      }
    });
  });

export type DerivePm2Input = z.output<typeof derivePm2InputSchema>;
export type DerivePm2InputDraft = z.input<typeof derivePm2InputSchema>;
export type ExpiryFeed = DerivePm2Input["feeds"][number];
export type OptionPosition = DerivePm2Input["options"][number];
export type CollateralPosition = DerivePm2Input["collaterals"][number];

/** Validates an account; a bad field throws `EngineError` INVALID_INPUT naming its path. */
export function parseDerivePm2Input(raw: unknown): DerivePm2Input {
  const parsed = derivePm2InputSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue) throw zodIssueToEngineError(issue, "INVALID_INPUT");
    throw new EngineError({ code: "INVALID_INPUT", reason: "invalid Derive PM2 input" });
  }
  return parsed.data;
}

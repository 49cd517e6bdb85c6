/**
 * Parameters of Derive's PM2 portfolio margin (the `PMRMLib_2` risk library and the `PMRM_2` scenario
 * list in derivexyz/v2-core). Field names follow the contract structs; bounds are the ones the
 * contract's setters enforce (`setVolShockParams`, `setSkewShockParameters`, `setMarginParams`,
 * `setBasisContingencyParams`, `setOtherContingencyParams`, `PMRM_2.setScenarios`), so any parameter
 * set that passes this schema could be set on-chain, and every on-chain-valid set passes it.
 *
 * All ratios are plain numbers (0.05 = 5%), not 18-decimal fixed point. Like every model's parameter
 * set, this holds the model's fields only; the `"model": "derive-pm2"` key of a parameter-set file is
 * the registry's business.
 */
import { z } from "zod";

/** `PMRM_2.VolShockDirection`. `Linear` and `Abs` are the two skew scenarios. */
export const volShockDirectionSchema = z.enum(["Up", "Down", "None", "Linear", "Abs"]);
export type VolShockDirection = z.infer<typeof volShockDirectionSchema>;

/**
 * How a scenario is reported: `regular` (the grid), `tail` (dampened far moves) or `skew`.
 * The contract treats all scenarios alike; the kind only labels the worst loss per group.
 */
export const scenarioKindSchema = z.enum(["regular", "tail", "skew"]);
export type ScenarioKind = z.infer<typeof scenarioKindSchema>;

export const scenarioSchema = z
  .object({
    spotShock: z.number().min(0).describe("Spot multiplier applied to the forward, e.g. 0.82 = spot -18%"),
    volShock: volShockDirectionSchema,
    dampening: z.number().min(0).describe("Multiplier on the scenario's P&L (tail scenarios < 1)"),
    kind: scenarioKindSchema,
  })
  .strict()
  .superRefine((s, ctx) => {
    const isSkew = s.volShock === "Linear" || s.volShock === "Abs";
    if (isSkew !== (s.kind === "skew")) {
      ctx.addIssue({
        code: "custom",
        path: ["kind"],
        message: `kind "${s.kind}" does not fit vol shock "${s.volShock}" (skew shocks are exactly the skew kind)`,
      });
    }
  });
export type DerivePm2Scenario = z.infer<typeof scenarioSchema>;

export const volShockParamsSchema = z
  .object({
    volRangeUp: z.number().min(0).max(10),
    volRangeDown: z.number().min(0).max(10),
    shortTermPower: z.number().max(10),
    longTermPower: z.number().max(10),
    dteFloorDays: z.number().min(0).max(400),
    minVolUpShock: z.number().min(0).max(20),
  })
  .strict();

export const skewShockParamsSchema = z
  .object({
    linearBaseCap: z.number().min(0).max(10),
    absBaseCap: z.number().min(0).max(10),
    linearCBase: z.number().min(-10).max(10),
    absCBase: z.number().min(-10).max(10),
    minKStar: z.number().min(0).max(10),
    widthScale: z.number().min(0).max(10),
    volParamStatic: z.number().min(0).max(10),
    volParamScale: z.number().min(-20).max(20),
  })
  .strict();

export const marginParamsSchema = z
  .object({
    imFactor: z.number().min(0.5).max(10),
    mmFactor: z.number().min(0.5).max(10),
    shortRateMultScale: z.number().min(0).max(10),
    longRateMultScale: z.number().min(0).max(10),
    shortRateAddScale: z.number().min(0).max(10),
    longRateAddScale: z.number().min(0).max(10),
    shortBaseStaticDiscount: z.number().min(0).max(4),
    longBaseStaticDiscount: z.number().min(0).max(4),
  })
  .strict();

export const basisContingencyParamsSchema = z
  .object({
    scenarioSpotUp: z.number().gt(1).lt(3),
    scenarioSpotDown: z.number().min(0).lt(1),
    addFactor: z.number().min(0).max(20),
    multFactor: z.number().min(0).max(20),
  })
  .strict();

export const otherContingencyParamsSchema = z
  .object({
    pegLossThreshold: z.number().min(0).max(100),
    pegLossFactor: z.number().min(0).max(10),
    confThreshold: z.number().min(0).max(1),
    confMargin: z.number().min(0).max(20),
    mmPerpPercent: z.number().min(0).max(3),
    imPerpPercent: z.number().min(0).max(3),
    mmOptionPercent: z.number().min(0).max(2),
    imOptionPercent: z.number().min(0).max(2),
  })
  .strict();

/** How many scenarios `PMRM_2.setScenarios` takes. */
export const SCENARIO_COUNT = { min: 1, max: 40 } as const;

export const derivePm2ParamsSchema = z
  .object({
    scenarios: z.array(scenarioSchema).min(SCENARIO_COUNT.min).max(SCENARIO_COUNT.max),
    volShock: volShockParamsSchema,
    skewShock: skewShockParamsSchema,
    margin: marginParamsSchema,
    basisContingency: basisContingencyParamsSchema,
    otherContingency: otherContingencyParamsSchema,
  })
  .strict()
  .superRefine((p, ctx) => {
    // PMRM_2.setScenarios: at most one Linear and one Abs scenario, each at spot shock exactly 1.
    const seen = new Set<string>();
    p.scenarios.forEach((s, i) => {
      if (s.volShock !== "Linear" && s.volShock !== "Abs") return;
      if (seen.has(s.volShock)) {
        ctx.addIssue({
          code: "custom",
          path: ["scenarios", i, "volShock"],
          message: `a second ${s.volShock} skew scenario (Derive allows one of each)`,
        });
      }
      seen.add(s.volShock);
      if (s.spotShock !== 1) {
        ctx.addIssue({
          code: "custom",
          path: ["scenarios", i, "spotShock"],
          message: `skew scenarios must have spot shock 1 (Derive's setScenarios rejects ${s.spotShock})`,
        });
      }
    });
  });

export type DerivePm2Params = z.infer<typeof derivePm2ParamsSchema>;
export type VolShockParams = DerivePm2Params["volShock"];
export type SkewShockParams = DerivePm2Params["skewShock"];
export type MarginParams = DerivePm2Params["margin"];
export type BasisContingencyParams = DerivePm2Params["basisContingency"];
export type OtherContingencyParams = DerivePm2Params["otherContingency"];

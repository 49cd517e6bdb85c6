/**
 * An account of the simulated population in relative terms, so the same account can be opened on any
 * day of history or of a synthetic path: strikes as moneyness (strike / spot), expiries as days from
 * the opening day (snapped to the nearest listed expiry), sizes as USD notional (quantities are
 * notional / spot on the opening day), and collateral as a multiple of the margin requirement.
 */
export const ARCHETYPES = ["market-maker", "hedger", "directional", "structure", "basis"] as const;
export type Archetype = (typeof ARCHETYPES)[number];

export type TemplateOption = {
  type: "option";
  underlying: string;
  kind: "call" | "put";
  /** Strike / spot on the opening day (snapped to the listed strike grid). */
  moneyness: number;
  /** Days from the opening day to expiry (snapped to the nearest listed expiry). */
  expiryDays: number;
  /** Signed USD notional (quantity x spot on the opening day); negative = short. */
  notionalUsd: number;
};

export type TemplatePerp = {
  type: "perp";
  underlying: string;
  /** Signed USD notional; ignored when `deltaHedge` is set. */
  notionalUsd: number;
  /** The perp quantity is minus the account's option delta in this underlying (re-set every step). */
  deltaHedge?: boolean;
};

export type TemplatePosition = TemplateOption | TemplatePerp;

export type TemplateCollateral = {
  /** Collateral asset held in kind (BTC, ETH): it moves with its underlying in every scenario. */
  asset: string;
  /** Amount as USD value on the opening day. */
  valueUsd: number;
};

export type AccountTemplate = {
  id: number;
  archetype: Archetype;
  /** Short label of the strategy, e.g. "short strangle, delta-hedged". */
  strategy: string;
  /** Gross USD notional of the account's book on the opening day (for reports). */
  sizeUsd: number;
  positions: TemplatePosition[];
  /** Non-stable collateral held in kind (hedgers' and basis traders' spot). */
  spotCollateral: TemplateCollateral[];
  /**
   * Equity the account holds as a multiple of its initial margin when opened (>= 1). Stable collateral
   * (USDC) tops equity up to buffer x initial margin; spot collateral above that is kept.
   */
  buffer: number;
};

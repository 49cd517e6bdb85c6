/** Notes on the report as a whole (every metric is described by metric-catalogue.ts). */
export const REPORT_NOTES: Readonly<Record<string, string>> = {
  methodology: "docs/methodology.md explains every model, metric and test of this report, and their limits.",
  collateral:
    "Each account holds collateral equal to its initial margin under the parameter set tested times its own buffer (the same buffers for both sets), so a set that demands more margin locks more capital and leaves fewer accounts short.",
  impliedVol:
    "Implied vol is Deribit DVOL from 2021-03-24; before that (2018-2021 windows, Black Thursday) it is a proxy from EWMA realized vol calibrated on the DVOL overlap (see impliedVolProxy for its fit).",
};

/**
 * `marginlab margin --derive-case FILE [--json]`: evaluates one of Derive's published PM2 case files
 * with our model and prints MM, IM, the worst regular / tail / skew losses and every scenario's P&L
 * next to the expected values. With `json`, prints exactly one JSON object with the keys `MM`, `IM`,
 * `worst_reg_loss`, `worst_tail_loss`, `worst_skew_loss`, in the case file's sign convention
 * (negative = loss / shortfall). The CLI owns argument parsing and error printing; this returns text.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { EngineError } from "../../errors.ts";
import { compareDeriveCase, relativeDiff } from "./case-compare.ts";
import { parseDeriveCase } from "./case-format.ts";
import { computeDerivePm2Margin } from "./margin.ts";

export type DeriveCaseCommandOptions = { json: boolean };

export type DeriveCaseJson = {
  MM: number;
  IM: number;
  worst_reg_loss: number;
  worst_tail_loss: number;
  worst_skew_loss: number;
};

function readCaseFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new EngineError({
      code: "INVALID_INPUT",
      reason: `cannot read file (${(e as Error).message})`,
      source: file,
    });
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new EngineError({ code: "INVALID_JSON", reason: (e as Error).message, source: file });
  }
}

const num = (x: number) => (Number.isInteger(x) ? x.toFixed(1) : x.toPrecision(15));

export function runDeriveCaseCommand(file: string, opts: DeriveCaseCommandOptions): string {
  const c = parseDeriveCase(readCaseFile(file), file);
  const r = computeDerivePm2Margin(c.input, c.params, { trusted: true });

  if (opts.json) {
    const out: DeriveCaseJson = {
      MM: r.mm,
      IM: r.im,
      worst_reg_loss: r.worstRegularLoss,
      worst_tail_loss: r.worstTailLoss,
      worst_skew_loss: r.worstSkewLoss,
    };
    return JSON.stringify(out);
  }

  const e = c.expected;
  const lines: string[] = [`Derive PM2 case ${basename(file)}`];
  const row = (label: string, ours: number, expected: number | undefined) => {
    const cols = [label.padEnd(22), num(ours).padStart(24)];
    if (expected !== undefined) {
      cols.push(num(expected).padStart(24), relativeDiff(ours, expected).toExponential(1).padStart(9));
    }
    lines.push(cols.join(" "));
  };
  lines.push(
    [
      "".padEnd(22),
      "ours".padStart(24),
      ...(e ? ["expected".padStart(24), "rel diff".padStart(9)] : []),
    ].join(" "),
  );
  row("MM", r.mm, e?.mm);
  row("IM", r.im, e?.im);
  row("worst regular loss", r.worstRegularLoss, e?.worstRegLoss);
  row("worst tail loss", r.worstTailLoss, e?.worstTailLoss);
  row("worst skew loss", r.worstSkewLoss, e?.worstSkewLoss);
  row("basis contingency", r.basisContingency, e?.forwardContingency);
  row("mark to market", r.markToMarket, e?.portfolioMtm);
  const binding = r.worstScenarioIndex === null ? "basis contingency" : `scenario ${r.worstScenarioIndex}`;
  lines.push(`binding loss: ${binding}; MM factor ${r.mmFactor}, IM factor ${r.imFactor}`);

  lines.push("", "scenario P&L (relative to MtM, after static discounts and dampening)");
  lines.push(
    [
      "#".padStart(3),
      "kind".padEnd(7),
      "spot".padStart(8),
      "vol".padEnd(6),
      "damp".padStart(8),
      "ours".padStart(24),
      ...(e ? ["expected".padStart(24), "rel diff".padStart(9)] : []),
    ].join(" "),
  );
  for (const s of r.scenarios) {
    const exp = e?.scenarioLosses[s.index];
    lines.push(
      [
        String(s.index).padStart(3),
        s.kind.padEnd(7),
        s.spotShock.toFixed(4).padStart(8),
        s.volShock.padEnd(6),
        s.dampening.toFixed(4).padStart(8),
        num(s.pnl).padStart(24),
        ...(exp !== undefined
          ? [num(exp).padStart(24), relativeDiff(s.pnl, exp).toExponential(1).padStart(9)]
          : []),
      ].join(" "),
    );
  }

  if (e) {
    const cmp = compareDeriveCase(r, e, c.input);
    lines.push("");
    lines.push(
      cmp.mismatches.length === 0
        ? `all ${cmp.checks.length} published components agree within 1e-6 relative`
        : `${cmp.mismatches.length} of ${cmp.checks.length} components differ by more than 1e-6 relative:`,
    );
    for (const m of cmp.mismatches) {
      lines.push(`  [${m.group}] ${m.component}: ours ${num(m.ours)} expected ${num(m.expected)}`);
    }
  }
  return lines.join("\n");
}

import { describe, expect, it } from "vitest";
import { checkNumber } from "../../app/lib/number-input.ts";
import { describeBounds } from "../../simulations/models/field-meta.ts";

const scan = { bounds: { min: 0, max: 1, exclusiveMin: true }, integer: false, unit: "fraction of spot" };
const days = { bounds: { min: 0, max: 365 }, integer: true, unit: "days" };

describe("describeBounds", () => {
  it("writes intervals in words", () => {
    expect(describeBounds({ min: 0, max: 1, exclusiveMin: true })).toBe("greater than 0, at most 1");
    expect(describeBounds({ min: 0, max: 1 })).toBe("at least 0, at most 1");
    expect(describeBounds({ min: -1, max: 2, exclusiveMin: true, exclusiveMax: true })).toBe(
      "greater than -1, less than 2",
    );
    expect(describeBounds({ min: 0, max: 365, integer: true })).toBe("an integer, at least 0, at most 365");
    expect(describeBounds({ min: 1 })).toBe("at least 1");
    expect(describeBounds({ max: 5, exclusiveMax: true })).toBe("less than 5");
    expect(describeBounds({ integer: true })).toBe("an integer");
    expect(describeBounds({})).toBe("a finite number");
  });
});

describe("checkNumber", () => {
  it("reads a fraction typed as a percentage, exactly as its decimal", () => {
    expect(checkNumber("15%", scan)).toBe(0.15);
    expect(checkNumber(" 15 % ", scan)).toBe(0.15);
    expect(checkNumber("0.15", scan)).toBe(0.15);
    // 1.1 / 100 is 0.011000000000000001 in floating point; the typed decimal is 0.011.
    expect(checkNumber("1.1%", scan)).toBe(0.011);
    expect(checkNumber("100%", scan)).toBe(1);
    expect(checkNumber("2.5e1%", scan)).toBe(0.25);
  });

  it("applies the bounds to the percentage's value, and says what it was read as", () => {
    expect(checkNumber("150%", scan)).toBe("must be greater than 0, at most 1 (150% is 1.5)");
    expect(checkNumber("0%", scan)).toBe("must be greater than 0, at most 1 (0% is 0)");
    expect(checkNumber("1.5", scan)).toBe("must be greater than 0, at most 1");
  });

  it("refuses a percentage where the field is not a fraction, and nonsense, naming the text", () => {
    expect(checkNumber("15%", days)).toBe('"15%": a percentage fits only fractions; enter a plain number');
    expect(checkNumber("abc", scan)).toBe('"abc" is not a number: enter e.g. 0.15 or 15%');
    expect(checkNumber("abc", days)).toBe('"abc" is not a number: enter e.g. 0.15');
    expect(checkNumber("1 5%", scan)).toBe('"1 5%" is not a percentage: enter e.g. 15% or 0.15');
    expect(checkNumber("%", scan)).toBe('"%" is not a percentage: enter e.g. 15% or 0.15');
    expect(checkNumber("0x10", days)).toBe('"0x10" is not a number: enter e.g. 0.15');
    expect(checkNumber("1e999", days)).toBe('"1e999" is too large');
    expect(checkNumber("", scan)).toBe("enter a number");
    expect(checkNumber("7.5", days)).toBe("must be an integer, at least 0, at most 365");
    expect(checkNumber("30", days)).toBe(30);
  });
});

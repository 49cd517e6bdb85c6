import { describe, expect, it } from "vitest";
import { formatPeriod, relativeTo } from "../../app/snapshot/vote-timing.ts";

describe("formatPeriod", () => {
  it("names the largest unit and the next one", () => {
    expect(formatPeriod(3 * 86_400)).toBe("3 days");
    expect(formatPeriod(300)).toBe("5 minutes");
    expect(formatPeriod(5_400)).toBe("1 hour 30 minutes");
    expect(formatPeriod(86_400 + 30)).toBe("1 day");
    expect(formatPeriod(61)).toBe("1 minute 1 second");
    expect(formatPeriod(45.9)).toBe("45 seconds");
    expect(formatPeriod(0.2)).toBe("less than a second");
  });
  it("says whether an instant is ahead or behind", () => {
    expect(relativeTo(1_000 + 250, 1_000_000)).toBe("in 4 minutes 10 seconds");
    expect(relativeTo(1_000 - 7_200, 1_000_000)).toBe("2 hours ago");
  });
});

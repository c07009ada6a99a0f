import { describe, expect, it } from "vitest";
import { addDays, addWorkingDays, isRealDate } from "./dates";

describe("dates", () => {
  it("knows real dates from impossible ones", () => {
    expect(isRealDate("2024-02-29")).toBe(true);
    expect(isRealDate("2023-02-29")).toBe(false);
    expect(isRealDate("2026-13-01")).toBe(false);
    expect(isRealDate("26/11/2026")).toBe(false);
  });
  it("adds calendar days across a month and a year", () => {
    expect(addDays("2026-12-29", 7)).toBe("2027-01-05");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });
  it("skips weekends when adding working days", () => {
    // Friday 2026-11-27 + 1 working day is Monday 2026-11-30.
    expect(addWorkingDays("2026-11-27", 1)).toBe("2026-11-30");
    // Thursday 2026-11-26 + 10 working days is Thursday 2026-12-10.
    expect(addWorkingDays("2026-11-26", 10)).toBe("2026-12-10");
  });
});

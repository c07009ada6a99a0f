import { describe, expect, it } from "vitest";
import { endOfAcademicYear } from "./academic-year";

describe("endOfAcademicYear", () => {
  it("is the next 31 August", () => {
    expect(endOfAcademicYear("2026-02-10")).toBe("2026-08-31");
    expect(endOfAcademicYear("2026-08-30")).toBe("2026-08-31");
    expect(endOfAcademicYear("2026-08-31")).toBe("2027-08-31");
    expect(endOfAcademicYear("2026-10-01")).toBe("2027-08-31");
  });
});

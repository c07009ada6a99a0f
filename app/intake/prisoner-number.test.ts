import { describe, expect, it } from "vitest";
import {
  isDigitsOnlyPrisonerNumber,
  isEnglandWalesPrisonerNumber,
  normalisePrisonerNumber,
} from "./prisoner-number";

describe("prisoner numbers", () => {
  it("normalises spaces, dashes and case", () => {
    expect(normalisePrisonerNumber(" a 1234-bc ")).toBe("A1234BC");
  });
  it.each(["A1234BC", "a1234bc", "Z 9999 ZZ"])("accepts %s", (n) => {
    expect(isEnglandWalesPrisonerNumber(n)).toBe(true);
  });
  it.each(["1234ABC", "A123BC", "A12345BC", "AB1234C", "", "A1234B"])("refuses %s", (n) => {
    expect(isEnglandWalesPrisonerNumber(n)).toBe(false);
  });
});

describe("Scottish and Northern Irish prisoner numbers", () => {
  it.each(["090000", " 090 000 "])("knows %s for a number of digits only", (n) => {
    expect(isDigitsOnlyPrisonerNumber(n)).toBe(true);
    expect(isEnglandWalesPrisonerNumber(n)).toBe(false);
  });
  it("does not take an England and Wales number for one", () => {
    expect(isDigitsOnlyPrisonerNumber("A1234BC")).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { csvCell, csvLine } from "./csv";

describe("CSV cells", () => {
  it.each(["=1+1", "+44 20", "-2", "@SUM(A1)", "\tx", "\rx"])(
    "%j cannot be read as a formula",
    (value) => {
      expect(csvCell(value)).toBe(`"'${value}"`);
    },
  );

  it("quotes quotes, commas and line breaks", () => {
    expect(csvCell('a "b", c\nd')).toBe('"a ""b"", c\nd"');
    expect(csvCell("plain")).toBe('"plain"');
  });

  it("makes a line, empty cells for nothing", () => {
    expect(csvLine(["a", 1, null, undefined, "=x"])).toBe(`"a","1","","","'=x"\r\n`);
  });
});

import { describe, expect, it } from "vitest";
import { cellText } from "./cell-text.mjs";
import { csvCell } from "./errors-csv.server";
import { guessMapping, IMPORT_FIELDS, mappingProblems } from "./fields";
import { mapRow, normaliseImportDate } from "./map-row";
import { detectDelimiter } from "./read-rows.server";
import { rowKey } from "./validate-row.server";

describe("import parts", () => {
  it("has one field a key", () => {
    const keys = IMPORT_FIELDS.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("guesses the mapping from usual headers, each field once", () => {
    expect(
      guessMapping(["Ref", "Name", "D.O.B.", "Prison No", "Date Received", "Offences", "Name"]),
    ).toEqual({
      legacyReference: "0",
      fullName: "1",
      dateOfBirth: "2",
      prisonerNumber: "3",
      receivedOn: "4",
      offences: "5",
    });
  });

  it("says what a mapping lacks or repeats", () => {
    const headers = ["A", "B", "C"];
    expect(mappingProblems(["fullName", "fullName", ""], headers).map((p) => p.message)).toEqual([
      "Full name is chosen for two columns: “A” and “B”",
      "Choose the column that holds: Date received",
    ]);
    expect(mappingProblems(["fullName", "receivedOn", "nonsense"], headers)).toHaveLength(1);
  });

  it("reads UK and ISO dates, and leaves anything else for validation to name", () => {
    expect(normaliseImportDate("3/4/2020")).toBe("2020-04-03");
    expect(normaliseImportDate("2020-4-3")).toBe("2020-04-03");
    expect(normaliseImportDate("April 2020")).toBe("April 2020");
    expect(
      mapRow([" Ann ", "", "14/03/2019"], { fullName: "0", aliases: "1", receivedOn: "2" }),
    ).toEqual({ fullName: "Ann", receivedOn: "2019-03-14" });
  });

  it("keys a row by its legacy reference, or by what it says whatever the column order", () => {
    expect(rowKey({ legacyReference: " L-1 ", fullName: "Ann" })).toBe("legacy:L-1");
    expect(rowKey({ fullName: "Ann  Lee", receivedOn: "2020-01-01" })).toBe(
      rowKey({ receivedOn: "2020-01-01", fullName: "ann lee" }),
    );
    expect(rowKey({ fullName: "Ann" })).not.toBe(rowKey({ fullName: "Anne" }));
  });

  it("finds the delimiter and reads cells as text", () => {
    expect(detectDelimiter('Name;"A, B";C')).toBe(";");
    expect(detectDelimiter("Name\tDOB")).toBe("\t");
    expect(detectDelimiter("Name")).toBe(",");
    expect(cellText(new Date(Date.UTC(1980, 4, 17)))).toBe("1980-05-17");
    expect(cellText({ richText: [{ text: "A" }, { text: "b" }] })).toBe("Ab");
    expect(cellText({ formula: "A1", result: 3 })).toBe("3");
  });

  it("never lets a spreadsheet read a problem as a formula", () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  });
});

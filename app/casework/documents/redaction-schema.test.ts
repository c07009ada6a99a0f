import { describe, expect, it } from "vitest";
import { parseAreaLine, RedactSchema, redactSchema } from "./redaction-schema";

const errorsOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues.map((i) => i.message) ?? [];

describe("the redaction form's schema", () => {
  it("reads areas one a line, in several spellings", () => {
    expect(parseAreaLine("page 2: 10 20 30 5")).toEqual({
      page: 2,
      left: 10,
      top: 20,
      width: 30,
      height: 5,
    });
    expect(parseAreaLine("3 0 92.5 100 7.5")).toEqual({
      page: 3,
      left: 0,
      top: 92.5,
      width: 100,
      height: 7.5,
    });
    expect(parseAreaLine("Page 1: 10%, 20%, 30%, 5%")).toMatchObject({ page: 1, height: 5 });
  });

  it("refuses an empty rectangle, one off the page and one it cannot read", () => {
    expect(parseAreaLine("page 1: 10 20 0 5")).toMatch(/more than 0/);
    expect(parseAreaLine("page 1: 80 20 30 5")).toMatch(/right edge/);
    expect(parseAreaLine("page 1: 10 98 30 5")).toMatch(/bottom edge/);
    expect(parseAreaLine("page 0: 10 20 30 5")).toMatch(/numbered from 1/);
    expect(parseAreaLine("the signature at the bottom")).toMatch(/page 2: 10 20 30 5/);
  });

  it("checks pages against the document's page count, naming the line", () => {
    const result = redactSchema(2).safeParse({ areas: "page 1: 0 0 50 50\n\npage 3: 0 0 10 10" });
    expect(errorsOf(result)).toEqual([
      "Area on line 3: there is no page 3: the document has 2 pages",
    ]);
    expect(RedactSchema.safeParse({ areas: "page 3: 0 0 10 10" }).success).toBe(true);
  });

  it("takes passages, areas or both, but not neither", () => {
    expect(RedactSchema.parse({ passages: "Roderick Quillan\n" })).toEqual({
      passages: ["Roderick Quillan"],
      areas: [],
    });
    expect(RedactSchema.parse({ areas: "page 1: 10 20 30 5" }).areas).toHaveLength(1);
    expect(errorsOf(RedactSchema.safeParse({ passages: " \n", areas: "" }))).toEqual([
      "Enter the passages to remove, or mark the areas to paint over",
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { excerpt } from "./excerpt";

describe("the start of a note shown in a list", () => {
  it("keeps a short note whole, with its lines run together", () => {
    expect(excerpt("Visited the client.\n\n  He named a new alibi witness.")).toBe(
      "Visited the client. He named a new alibi witness.",
    );
  });

  it("cuts a long note at a word and marks the cut", () => {
    const body = `${"word ".repeat(40)}end`;
    const shown = excerpt(body, 30);
    expect(shown).toBe("word word word word word word…");
    expect(shown.length).toBeLessThanOrEqual(31);
  });

  it("cuts a long word where it must", () => {
    expect(excerpt("x".repeat(50), 10)).toBe(`${"x".repeat(10)}…`);
  });
});

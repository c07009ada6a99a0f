import { describe, expect, it } from "vitest";
import { safeRedirect } from "./redirects";

describe("safeRedirect", () => {
  it("keeps a same-site path", () => {
    expect(safeRedirect("/organisations?x=1")).toBe("/organisations?x=1");
  });
  it.each([
    "https://evil.example",
    "//evil.example",
    "/\\evil.example",
    "javascript:alert(1)",
    null,
    undefined,
  ])("refuses %s", (to) => {
    expect(safeRedirect(to as string)).toBe("/");
  });
});

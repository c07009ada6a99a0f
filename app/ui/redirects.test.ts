import { describe, expect, it } from "vitest";
import { safeRedirect } from "./redirects";

/** What a browser does with a Location header: resolve it against the page it is on. */
const landsOn = (location: string) => new URL(location, "https://clearname.example/sign-in").host;

describe("safeRedirect", () => {
  it.each([
    ["/organisations?x=1", "/organisations?x=1"],
    ["/cases/abc#notes", "/cases/abc#notes"],
    ["/search?q=caf%C3%A9%20bar", "/search?q=caf%C3%A9%20bar"],
    ["/a/../cases", "/cases"],
  ])("keeps the same-site path %s", (to, expected) => {
    expect(safeRedirect(to)).toBe(expected);
  });

  // What URLSearchParams hands over after decoding `?redirectTo=…`, and the raw forms too.
  it.each([
    "https://evil.example",
    "http:evil.example",
    "https:/evil.example",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/%09/evil.example",
    "/\n/evil.example",
    "/%0a/evil.example",
    "/\r/evil.example",
    "/%0D/evil.example",
    "/\u0000/evil.example",
    "/%2F%2Fevil.example",
    "/%2f/evil.example",
    "/%5Cevil.example",
    "/%5c%5cevil.example",
    " //evil.example",
    "javascript:alert(1)",
    "evil.example",
    "",
    `/${"a".repeat(3000)}`,
    null,
    undefined,
  ])("refuses %j", (to) => {
    expect(safeRedirect(to as string)).toBe("/");
  });

  it("uses the fallback it is given", () => {
    expect(safeRedirect("//evil.example", "/home")).toBe("/home");
  });

  it("never answers with something a browser would take to another host", () => {
    const attempts = ["/\t/evil.example", "/%09/evil.example", "/\\/evil.example", "/.//evil"];
    for (const to of attempts) {
      expect(landsOn(safeRedirect(to))).toBe("clearname.example");
    }
  });
});

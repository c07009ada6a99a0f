import { describe, expect, it } from "vitest";
import { fromLondonLocal, readableLondonTime, toLondonLocal } from "./uk-time";

describe("London wall-clock times", () => {
  it("reads a winter time as GMT and a summer time as BST", () => {
    expect(fromLondonLocal("2026-12-05T09:30")?.toISOString()).toBe("2026-12-05T09:30:00.000Z");
    expect(fromLondonLocal("2026-07-01T09:30")?.toISOString()).toBe("2026-07-01T08:30:00.000Z");
  });

  it("writes an instant back as London reads it", () => {
    expect(toLondonLocal(new Date("2026-07-01T08:30:00Z"))).toBe("2026-07-01T09:30");
    expect(readableLondonTime(new Date("2026-12-05T09:30:00Z"))).toBe("5 December 2026 at 09:30");
  });

  it("refuses what is not a real date and time", () => {
    expect(fromLondonLocal("2026-02-30T10:00")).toBeNull();
    expect(fromLondonLocal("2026-12-05 09:30")).toBeNull();
    expect(fromLondonLocal("2026-12-05T24:00")).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { auditFilterQuery, readAuditFilter, readCursor } from "./audit-filter";

const USER = "3f1c2b7e-8d4a-4e5f-9a6b-1c2d3e4f5a6b";

describe("the audit tool's filter", () => {
  it("reads every field that is right", () => {
    const { filter, errors } = readAuditFilter(
      new URLSearchParams({
        user: USER,
        kind: "consultation",
        action: "application.viewed",
        from: "2026-11-01",
        to: "2026-11-30",
        subject: "",
      }),
    );
    expect(errors).toEqual({});
    expect(filter).toEqual({
      user: USER,
      kind: "consultation",
      action: "application.viewed",
      from: "2026-11-01",
      to: "2026-11-30",
    });
  });

  it("names each mistake, keeps what was typed, and still filters by the rest", () => {
    const { typed, filter, errors } = readAuditFilter(
      new URLSearchParams({
        user: USER,
        subject: "Robert'); drop table audit_events;--",
        kind: "gossip",
        from: "2026-02-31",
        action: "=HYPERLINK()",
      }),
    );
    expect(Object.keys(errors).sort()).toEqual(["action", "from", "kind", "subject"]);
    expect(typed.from).toBe("2026-02-31");
    expect(filter).toEqual({ user: USER });
  });

  it("refuses a period that ends before it starts", () => {
    const { errors, filter } = readAuditFilter(
      new URLSearchParams({ from: "2026-12-01", to: "2026-11-01" }),
    );
    expect(errors.to).toMatch(/before its start/);
    expect(filter).toEqual({ from: "2026-12-01" });
  });

  it("makes the query string of a filter, and reads only a positive cursor", () => {
    expect(auditFilterQuery({ user: USER, kind: "erasure" }, { before: "9" })).toBe(
      `?user=${USER}&kind=erasure&before=9`,
    );
    expect(auditFilterQuery({})).toBe("");
    expect(readCursor("42")).toBe(42);
    for (const bad of ["0", "-3", "1.5", "x", null, "99999999999999999999"])
      expect(readCursor(bad)).toBeUndefined();
  });
});

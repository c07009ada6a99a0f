import { describe, expect, it } from "vitest";
import { addMonths } from "~/shared/dates";
import {
  canApproveSweep,
  canClaimSweep,
  classesFor,
  defaultSchedule,
  dueReason,
  erasureRefusal,
  type Hold,
  holdCovering,
  holdInForce,
  isDue,
  latestDueFrom,
  ruleProblem,
} from "./rules";

const hold = (over: Partial<Hold> = {}): Hold => ({
  targetType: "application",
  targetId: "app-1",
  reason: "pending appeal",
  until: null,
  releasedAt: null,
  ...over,
});

describe("retention periods", () => {
  it("adds months, keeping to the end of a short month", () => {
    expect(addMonths("2019-03-02", 72)).toBe("2025-03-02");
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(addMonths("2025-03-31", -1)).toBe("2025-02-28");
  });

  it("is due on the day the period ends, not the day before", () => {
    expect(isDue("2019-03-02", 72, "2025-03-01")).toBe(false);
    expect(isDue("2019-03-02", 72, "2025-03-02")).toBe(true);
  });

  it("finds the latest day counted from that is due", () => {
    for (const [asOf, months] of [
      ["2025-03-02", 72],
      ["2025-02-28", 1],
      ["2024-02-29", 12],
      ["2026-12-05", 84],
    ] as const) {
      const latest = latestDueFrom(asOf, months);
      expect(isDue(latest, months, asOf)).toBe(true);
      const next = new Date(`${latest}T00:00:00Z`);
      next.setUTCDate(next.getUTCDate() + 1);
      expect(isDue(next.toISOString().slice(0, 10), months, asOf)).toBe(false);
    }
  });

  it("says why a record is due without naming anyone", () => {
    expect(dueReason("withdrawn_application", "2019-03-02", 72)).toBe(
      "withdrawn on 2019-03-02; 6 years passed on 2025-03-02",
    );
    expect(dueReason("import_file", "2026-01-10", 3)).toBe(
      "uploaded on 2026-01-10; 3 months passed on 2026-04-10",
    );
  });
});

describe("the schedule", () => {
  it("gives a project its cases and the audit trail, the network the rest", () => {
    expect(classesFor("project")).toEqual(["closed_case", "audit_event"]);
    expect(classesFor("network")).not.toContain("closed_case");
    expect(defaultSchedule("network").every((r) => r.reason.length > 20)).toBe(true);
  });

  it("never lets audit events be erased, and keeps periods sensible", () => {
    expect(ruleProblem("audit_event", { periodMonths: 120, action: "erase" })?.field).toBe(
      "action",
    );
    expect(ruleProblem("audit_event", { periodMonths: 120, action: "review" })).toBeNull();
    expect(ruleProblem("closed_case", { periodMonths: 0, action: "erase" })?.field).toBe(
      "periodMonths",
    );
    expect(ruleProblem("former_member_account", { periodMonths: 12, action: "erase" })?.field).toBe(
      "action",
    );
  });
});

describe("legal holds", () => {
  it("stand until released or past their last day", () => {
    expect(holdInForce(hold(), "2030-01-01")).toBe(true);
    expect(holdInForce(hold({ until: "2026-12-05" }), "2026-12-05")).toBe(true);
    expect(holdInForce(hold({ until: "2026-12-04" }), "2026-12-05")).toBe(false);
    expect(holdInForce(hold({ releasedAt: new Date() }), "2026-12-05")).toBe(false);
  });

  it("cover what hangs off the held record", () => {
    const onApplicant = hold({ targetType: "applicant", targetId: "person" });
    const lineage = { applicantIds: ["person"], applicationIds: ["app-2"], caseIds: ["case-1"] };
    expect(holdCovering([onApplicant], lineage, "2026-12-05")).toBe(onApplicant);
    expect(holdCovering([hold()], lineage, "2026-12-05")).toBeNull();
    const onCase = hold({ targetType: "case", targetId: "case-1" });
    expect(holdCovering([onCase], lineage, "2026-12-05")).toBe(onCase);
    // The same id under another kind of target is not the record.
    expect(holdCovering([hold({ targetId: "person" })], lineage, "2026-12-05")).toBeNull();
  });
});

describe("erasure refusals", () => {
  const none = { hold: null, openCases: [], keptCases: [], openApplications: [] };
  it("allows an erasure with nothing to keep", () => {
    expect(erasureRefusal(none)).toBeNull();
  });
  it("gives the hold first, then an open case, a kept case and an open application", () => {
    const all = {
      hold: { reason: "pending appeal" },
      openCases: [{ reference: "CN-2026-00042", projectName: "Ashdown" }],
      keptCases: [{ reference: "CN-2026-00043", projectName: "Glenmorra" }],
      openApplications: [{ reference: "CN-2026-00044" }],
    };
    expect(erasureRefusal(all)).toBe("held: pending appeal");
    expect(erasureRefusal({ ...all, hold: null })).toBe(
      "the case CN-2026-00042 is open at Ashdown",
    );
    expect(erasureRefusal({ ...all, hold: null, openCases: [] })).toMatch(
      /^the case CN-2026-00043 is kept by Glenmorra/,
    );
    expect(erasureRefusal({ ...none, openApplications: all.openApplications })).toBe(
      "the application CN-2026-00044 is not closed",
    );
  });
});

describe("sweeps", () => {
  it("are approved only as a dry run of the officer's own organisation", () => {
    expect(canApproveSweep({ status: "dry_run", organisationId: "n" }, ["n"])).toBe(true);
    expect(canApproveSweep({ status: "dry_run", organisationId: "n" }, ["p"])).toBe(false);
    expect(canApproveSweep({ status: "approved", organisationId: "n" }, ["n"])).toBe(false);
  });
  it("are taken over only when approved or when their runner stopped beating", () => {
    const now = new Date("2026-12-05T06:00:00Z");
    expect(canClaimSweep({ status: "approved", heartbeatAt: null }, now)).toBe(true);
    expect(
      canClaimSweep({ status: "running", heartbeatAt: new Date("2026-12-05T05:59:00Z") }, now),
    ).toBe(false);
    expect(
      canClaimSweep({ status: "running", heartbeatAt: new Date("2026-12-05T05:00:00Z") }, now),
    ).toBe(true);
    expect(canClaimSweep({ status: "done", heartbeatAt: null }, now)).toBe(false);
  });
});

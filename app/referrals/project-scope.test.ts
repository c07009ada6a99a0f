import { describe, expect, it } from "vitest";
import type { Viewer, ViewerMembership } from "~/access/viewer";
import { daysBetween, expiryPhrase } from "./project-labels";
import { caseProjectIds, offerProjectIds } from "./project-scope";

const membership = (
  organisationId: string,
  roleKey: ViewerMembership["roleKey"],
  organisationKind: ViewerMembership["organisationKind"] = "project",
): ViewerMembership => ({
  organisationId,
  organisationName: organisationId,
  organisationKind,
  roleKey,
  endsOn: null,
});
const viewer = (memberships: ViewerMembership[]): Viewer => ({
  id: "u",
  email: "u@example.org",
  name: "U",
  twoFactorEnabled: false,
  memberships,
});

describe("which projects' offers and cases a user sees", () => {
  it("gives a lead their project's offers and cases, a caseworker only the cases", () => {
    const v = viewer([membership("ashdown", "project_lead"), membership("fenwick", "caseworker")]);
    expect(offerProjectIds(v)).toEqual(["ashdown"]);
    expect(caseProjectIds(v)).toEqual(["ashdown", "fenwick"]);
  });

  it("gives network staff none, even those who read every application", () => {
    const v = viewer([
      membership("network", "administrator", "network"),
      membership("network", "referral_coordinator", "network"),
      membership("ashdown", "project_administrator"),
    ]);
    expect(offerProjectIds(v)).toEqual([]);
    expect(caseProjectIds(v)).toEqual([]);
  });
});

describe("how long an offer has left", () => {
  it("counts whole days, in the past too", () => {
    expect(daysBetween("2026-02-27", "2026-03-01")).toBe(2);
    expect(expiryPhrase("2026-03-01", "2026-03-01")).toBe("expires today");
    expect(expiryPhrase("2026-03-01", "2026-03-02")).toBe("expires in 1 day");
    expect(expiryPhrase("2026-03-01", "2026-03-22")).toBe("expires in 21 days");
    expect(expiryPhrase("2026-03-03", "2026-03-01")).toBe("expired 2 days ago");
  });
});

import { describe, expect, it } from "vitest";
import { can, mustUseTwoFactor, permissionsOf, type Viewer } from "./viewer";

const base: Viewer = {
  id: "u",
  email: "u@example.org",
  name: "U",
  twoFactorEnabled: false,
  memberships: [],
};

function viewerWith(
  roleKey: Viewer["memberships"][number]["roleKey"],
  organisationId = "org-a",
): Viewer {
  return {
    ...base,
    memberships: [
      { organisationId, organisationName: "A", organisationKind: "project", roleKey, endsOn: null },
    ],
  };
}

describe("can", () => {
  it("denies everything to nobody", () => {
    expect(can(null, "view:organisation:any")).toBe(false);
    expect(permissionsOf(null)).toEqual([]);
  });

  it("denies a user with no memberships", () => {
    expect(can(base, "view:organisation:any")).toBe(false);
  });

  it("grants a project lead's own-organisation permission only in that organisation", () => {
    const lead = viewerWith("project_lead", "org-a");
    expect(can(lead, "manage:membership:own", "org-a")).toBe(true);
    expect(can(lead, "manage:membership:own", "org-b")).toBe(false);
    expect(can(lead, "manage:membership:any")).toBe(false);
  });

  it("gives a caseworker no management permission", () => {
    const caseworker = viewerWith("caseworker");
    expect(permissionsOf(caseworker)).toEqual(["view:case:own"]);
    expect(permissionsOf(caseworker).some((p) => p.startsWith("manage:"))).toBe(false);
  });

  it("requires a second factor of administrators and data-protection officers only", () => {
    expect(mustUseTwoFactor(viewerWith("administrator"))).toBe(true);
    expect(mustUseTwoFactor(viewerWith("data_protection_officer"))).toBe(true);
    expect(mustUseTwoFactor(viewerWith("assessor"))).toBe(false);
  });
});

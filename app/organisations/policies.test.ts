import { describe, expect, it } from "vitest";
import type { Viewer } from "~/access/viewer";
import { canEditOrganisation, canManageMembers, canViewOrganisation } from "./policies";

const member = (
  roleKey: Viewer["memberships"][number]["roleKey"],
  organisationId: string,
): Viewer => ({
  id: "u",
  email: "u@example.org",
  name: "U",
  twoFactorEnabled: true,
  memberships: [
    {
      organisationId,
      organisationName: "X",
      organisationKind:
        roleKey === "administrator" || roleKey === "assessor" ? "network" : "project",
      roleKey,
      endsOn: null,
    },
  ],
});

describe("organisation policies", () => {
  it("lets network staff see any organisation but not change it", () => {
    const assessor = member("assessor", "hub");
    expect(canViewOrganisation(assessor, "project-b")).toBe(true);
    expect(canEditOrganisation(assessor, "project-b")).toBe(false);
  });

  it("keeps a project's lead to their own project", () => {
    const lead = member("project_lead", "project-a");
    expect(canViewOrganisation(lead, "project-a")).toBe(true);
    expect(canViewOrganisation(lead, "project-b")).toBe(false);
    expect(canEditOrganisation(lead, "project-b")).toBe(false);
    expect(canManageMembers(lead, "project-a")).toBe(true);
    expect(canManageMembers(lead, "project-b")).toBe(false);
  });

  it("lets a caseworker see their project but not manage it", () => {
    const caseworker = member("caseworker", "project-a");
    expect(canViewOrganisation(caseworker, "project-a")).toBe(true);
    expect(canEditOrganisation(caseworker, "project-a")).toBe(false);
    expect(canManageMembers(caseworker, "project-a")).toBe(false);
  });

  it("lets an administrator manage every organisation", () => {
    const admin = member("administrator", "hub");
    expect(canEditOrganisation(admin, "project-b")).toBe(true);
    expect(canManageMembers(admin, "project-b")).toBe(true);
  });
});

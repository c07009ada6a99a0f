import { describe, expect, it } from "vitest";
import { ROLES } from "~/access/catalogue";
import { navigationFor } from "./navigation";

describe("navigationFor", () => {
  it("shows nothing to someone signed out", () => {
    expect(navigationFor([], false)).toEqual([]);
  });

  it("shows an administrator the users, audit and outbox pages", () => {
    const hrefs = navigationFor(ROLES.administrator.permissions, true).map((i) => i.href);
    expect(hrefs).toEqual([
      "/",
      "/applications",
      "/assessments",
      "/eligibility/dashboard",
      "/imports",
      "/organisations",
      "/admin/establishments",
      "/admin/settings",
      "/admin/users",
      "/admin/audit",
      "/admin/outbox",
      "/account",
    ]);
  });

  it("shows an assessor applications but not imports or administration", () => {
    const hrefs = navigationFor(ROLES.assessor.permissions, true).map((i) => i.href);
    expect(hrefs).toEqual([
      "/",
      "/applications",
      "/assessments",
      "/eligibility/dashboard",
      "/organisations",
      "/account",
    ]);
  });

  it("shows a caseworker only home and their account", () => {
    const hrefs = navigationFor(ROLES.caseworker.permissions, true).map((i) => i.href);
    expect(hrefs).toEqual(["/", "/account"]);
  });
});

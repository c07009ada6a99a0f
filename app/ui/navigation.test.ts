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
      "/referrals",
      "/imports",
      "/organisations",
      "/projects/overview",
      "/admin/establishments",
      "/admin/settings",
      "/admin/users",
      "/data-protection/audit",
      "/admin/outbox",
      "/notifications",
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
      "/projects/overview",
      "/notifications",
      "/account",
    ]);
  });

  it("shows a caseworker their project's cases, but not its offers", () => {
    const hrefs = navigationFor(ROLES.caseworker.permissions, true).map((i) => i.href);
    expect(hrefs).toEqual(["/", "/cases", "/search", "/notifications", "/account"]);
  });

  it("shows a project lead the offers made to the project and its cases", () => {
    const hrefs = navigationFor(ROLES.project_lead.permissions, true).map((i) => i.href);
    expect(hrefs).toEqual([
      "/",
      "/offers",
      "/cases",
      "/search",
      "/data-protection",
      "/notifications",
      "/account",
    ]);
  });

  it("shows a referral coordinator the referral queue", () => {
    const hrefs = navigationFor(ROLES.referral_coordinator.permissions, true).map((i) => i.href);
    expect(hrefs).toContain("/referrals");
    expect(navigationFor(ROLES.assessor.permissions, true).map((i) => i.href)).not.toContain(
      "/referrals",
    );
  });

  it("counts unread notifications in the navigation", () => {
    const label = (unread: number) =>
      navigationFor([], true, unread).find((i) => i.href === "/notifications")?.label;
    expect(label(0)).toBe("Notifications");
    expect(label(3)).toBe("Notifications (3 unread)");
  });
});

describe("the data-protection officer's navigation", () => {
  it("leads to the data-protection pages and the audit trail", () => {
    const hrefs = navigationFor(ROLES.data_protection_officer.permissions, true).map((i) => i.href);
    expect(hrefs).toContain("/data-protection");
    expect(hrefs).toContain("/data-protection/audit");
    expect(navigationFor(ROLES.caseworker.permissions, true).map((i) => i.href)).not.toContain(
      "/data-protection",
    );
  });
});

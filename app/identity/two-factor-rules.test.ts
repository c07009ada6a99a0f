import { describe, expect, it } from "vitest";
import type { Viewer } from "~/access/viewer";
import { canTurnOffTwoFactor, isTotpKey } from "./two-factor-rules";

const viewer = (...roles: Viewer["memberships"][number]["roleKey"][]): Viewer => ({
  id: "u",
  email: "u@example.org",
  name: "U",
  twoFactorEnabled: true,
  memberships: roles.map((roleKey, i) => ({
    organisationId: `org-${i}`,
    organisationName: "O",
    organisationKind: "network",
    roleKey,
    endsOn: null,
  })),
});

describe("turning two-factor sign-in off", () => {
  it("is for those whose roles do not require it", () => {
    expect(canTurnOffTwoFactor(viewer("assessor"))).toBe(true);
    expect(canTurnOffTwoFactor(viewer())).toBe(true);
  });

  it("is refused to an administrator or data-protection officer", () => {
    expect(canTurnOffTwoFactor(viewer("administrator"))).toBe(false);
    expect(canTurnOffTwoFactor(viewer("data_protection_officer"))).toBe(false);
  });

  it("is refused when any one membership requires it", () => {
    expect(canTurnOffTwoFactor(viewer("assessor", "administrator"))).toBe(false);
  });
});

describe("the key being set up", () => {
  it("is 32 characters of base32", () => {
    expect(isTotpKey("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")).toBe(true);
    expect(isTotpKey("JBSWY3DPEHPK3PXP")).toBe(false);
    expect(isTotpKey("jbswy3dpehpk3pxpjbswy3dpehpk3pxp")).toBe(false);
    expect(isTotpKey("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PX1")).toBe(false);
    expect(isTotpKey(undefined)).toBe(false);
  });
});

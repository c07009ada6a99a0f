import { mustUseTwoFactor, type Viewer } from "~/access/viewer";

/**
 * Turning one's own second factor off: not for anyone holding a role that requires it
 * (administrators, data-protection officers), in any of their organisations.
 */
export function canTurnOffTwoFactor(viewer: Viewer): boolean {
  return !mustUseTwoFactor(viewer);
}

export const TWO_FACTOR_REQUIRED =
  "Your role requires two-factor sign-in, so it cannot be turned off.";

/** A key being set up, as the enrolment form carries it: 32 characters of base32. */
export function isTotpKey(value: unknown): value is string {
  return typeof value === "string" && /^[A-Z2-7]{32}$/.test(value);
}

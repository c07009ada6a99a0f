import { describe, expect, it } from "vitest";
import { signDraftToken, verifyDraftToken } from "./draft-cookie.server";
import { DRAFT_SESSION_MINUTES } from "./draft-data";

const SECRET = "a".repeat(40);
const ID = "3f2b8c1e-5d4a-4f6b-9c8d-7e6f5a4b3c2d";

describe("the draft cookie", () => {
  it("opens the draft it was signed for, until it runs out", () => {
    const now = Date.now();
    const token = signDraftToken(SECRET, ID, now);
    expect(verifyDraftToken(SECRET, token, now)).toBe(ID);
    expect(verifyDraftToken(SECRET, token, now + DRAFT_SESSION_MINUTES * 60_000 + 1000)).toBeNull();
  });

  it("cannot be made for another draft, moved to one, or extended without the secret", () => {
    const token = signDraftToken(SECRET, ID);
    const [, expires, mac] = token.split(".");
    const other = "11111111-2222-4333-8444-555555555555";
    expect(verifyDraftToken(SECRET, `${other}.${expires}.${mac}`)).toBeNull();
    expect(verifyDraftToken(SECRET, `${ID}.${Number(expires) + 3600}.${mac}`)).toBeNull();
    expect(verifyDraftToken("b".repeat(40), token)).toBeNull();
    expect(verifyDraftToken(SECRET, signDraftToken("b".repeat(40), ID))).toBeNull();
    expect(verifyDraftToken(SECRET, ID)).toBeNull();
    expect(verifyDraftToken(SECRET, "")).toBeNull();
  });
});

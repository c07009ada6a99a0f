import { describe, expect, it } from "vitest";
import { canSignOff, OWN_NOTE_REFUSAL, signOffRefusal } from "./sign-off-rules";

const LEAD = "11111111-1111-4111-8111-111111111111";
const OTHER = "22222222-2222-4222-8222-222222222222";
const facts = { leads: true, viewerId: LEAD, authorId: OTHER, signedOff: false };

describe("who may sign off a note", () => {
  it("lets a lead sign off another member's unsigned note", () => {
    expect(signOffRefusal(facts)).toBeNull();
    expect(canSignOff(facts)).toBe(true);
  });
  it("refuses a lead her own note: another lead must sign it", () => {
    expect(signOffRefusal({ ...facts, authorId: LEAD })).toBe(OWN_NOTE_REFUSAL);
    expect(canSignOff({ ...facts, authorId: LEAD })).toBe(false);
  });
  it("refuses someone who does not lead the project, and a note already signed off", () => {
    expect(signOffRefusal({ ...facts, leads: false })).toMatch(/Only a lead/);
    expect(signOffRefusal({ ...facts, signedOff: true })).toMatch(/already been signed off/);
  });
  it("lets a lead sign off the note of a member whose account is gone", () => {
    expect(canSignOff({ ...facts, authorId: null })).toBe(true);
  });
});

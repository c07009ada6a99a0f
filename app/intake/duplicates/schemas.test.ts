import { describe, expect, it } from "vitest";
import { decisionText, MatchActionSchema } from "./schemas";

const ID = "3f2a9c1e-0b1d-4e5f-8a9b-0c1d2e3f4a5b";

describe("the matches page's forms", () => {
  it("links, unlinks, and merges only when confirmed", () => {
    expect(
      MatchActionSchema.safeParse({ intent: "link", kind: "co_defendant", linkedApplicationId: ID })
        .success,
    ).toBe(true);
    expect(
      MatchActionSchema.safeParse({ intent: "link", kind: "duplicate", linkedApplicationId: ID })
        .success,
    ).toBe(false);
    expect(MatchActionSchema.safeParse({ intent: "unlink", linkId: "x" }).success).toBe(false);
    const unconfirmed = MatchActionSchema.safeParse({
      intent: "merge",
      otherApplicantId: ID,
      keep: "this",
    });
    expect(unconfirmed.error?.issues[0]?.message).toBe("Confirm that these are the same person");
    expect(
      MatchActionSchema.safeParse({
        intent: "merge",
        otherApplicantId: ID,
        keep: "other",
        confirm: "yes",
      }).success,
    ).toBe(true);
  });

  it("says what became of an application", () => {
    expect(decisionText("closed", "ineligible")).toBe("Closed: ineligible");
    expect(decisionText("ready_for_assessment", null)).toBe("Ready for assessment");
  });
});

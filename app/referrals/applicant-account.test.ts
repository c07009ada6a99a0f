import { describe, expect, it } from "vitest";
import { accountOf, accountProvenance, accountSections } from "./applicant-account";

describe("the applicant's own account", () => {
  it("keeps the answers as written and drops empty or non-text ones", () => {
    const a = accountOf({
      answers: { whyWrong: "I was at my sister's.\nShe told the police.", alibi: "  ", x: 3 },
      channel: "online",
      receivedOn: "2026-03-01",
    });
    expect(a).toEqual({
      answers: { whyWrong: "I was at my sister's.\nShe told the police." },
      channel: "online",
      receivedOn: "2026-03-01",
    });
  });

  it("is null when none came with the offer", () => {
    expect(accountOf(null)).toBeNull();
    expect(accountOf("text")).toBeNull();
  });

  it("lists answered questions section by section, choices in words", () => {
    const sections = accountSections({
      answers: { plea: "not_guilty", appealHistory: "Appeal refused in 2018", court: "HCJ" },
      channel: null,
      receivedOn: null,
    });
    expect(sections.map((s) => s.key)).toEqual(["conviction", "appeals"]);
    expect(sections[0]?.rows).toEqual([
      { label: "Court where convicted", value: "HCJ" },
      { label: "Plea", value: "Not guilty" },
    ]);
  });

  it("says where the account came from", () => {
    expect(accountProvenance({ answers: {}, channel: "post", receivedOn: "2026-02-10" })).toBe(
      "The applicant's answers to the network's questionnaire, received by post on 2026-02-10, as written.",
    );
  });
});

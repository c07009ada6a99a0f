import { describe, expect, it } from "vitest";
import { composePolicy, type PolicyFacts } from "./policy-text";

const facts: PolicyFacts = {
  organisation: {
    name: "Glenmorra Innocence Project",
    kind: "project",
    address: ["1 College Wynd"],
    email: "gip@example.org",
  },
  officers: ["Morag Reid"],
  schedule: [
    {
      label: "Closed cases",
      period: "7 years",
      countedFrom: "the day the case closed",
      action: "erased",
      reason: "Limitation for claims.",
    },
  ],
  sessionIdleMinutes: 20,
  generatedOn: "5 December 2026",
};

describe("the appropriate policy document", () => {
  it("is written from the live settings: who, the officer, the schedule and the session limit", () => {
    const text = JSON.stringify(composePolicy(facts));
    expect(text).toContain("Glenmorra Innocence Project (1 College Wynd, gip@example.org)");
    expect(text).toContain("Morag Reid");
    expect(text).toContain(
      "Closed cases: kept 7 years from the day the case closed, then erased. Limitation for claims.",
    );
    expect(text).toContain("after 20 minutes idle");
    expect(text).toContain("Criminal Cases Review Commission");
  });

  it("names the Schedule 1 conditions and says when there is no schedule yet", () => {
    const policy = composePolicy({
      ...facts,
      schedule: [],
      organisation: { ...facts.organisation, kind: "network" },
    });
    const text = JSON.stringify(policy);
    expect(text).toContain("paragraph 33 (legal claims");
    expect(text).toContain("No retention schedule has been set yet.");
    expect(text).toContain("Assessing each application for eligibility");
    expect(policy.sections.map((s) => s.heading)).toContain("How erasure is done");
  });
});

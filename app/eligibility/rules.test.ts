import { describe, expect, it } from "vitest";
import {
  type AssessmentForRules,
  appealWindowEnds,
  CHASE_AFTER_DAYS,
  decisionRefusal,
  defaultChaseOn,
  isEditable,
  isUrgent,
  missingForRecommendation,
  missingOnAssessment,
  missingOnForm,
  needsReview,
  recommendationRefusal,
  reconsiderationRefusal,
  reviewRefusal,
} from "./rules";

const complete: AssessmentForRules = {
  couldBeInnocent: "yes",
  couldBeInnocentReasons: "The identification was made in poor light.",
  canBeInvestigated: "unclear",
  canBeInvestigatedReasons: "The clothing may still be held.",
  lineCount: 1,
};

const blank: AssessmentForRules = {
  couldBeInnocent: null,
  couldBeInnocentReasons: null,
  canBeInvestigated: null,
  canBeInvestigatedReasons: null,
  lineCount: 0,
};

const fields = (missing: { field: string }[]) => missing.map((m) => m.field);

describe("what a recommendation needs", () => {
  it("names each unanswered question and missing reason of a blank assessment, in form order", () => {
    const missing = missingForRecommendation(blank, {
      recommendation: "ineligible",
      ineligibleReasons: ["appeal_pending"],
    });
    expect(fields(missing)).toEqual([
      "couldBeInnocent",
      "couldBeInnocentReasons",
      "canBeInvestigated",
      "canBeInvestigatedReasons",
    ]);
    expect(missing[0]?.message).toBe("Answer question 1: could the applicant be innocent?");
  });

  it.each([
    ["couldBeInnocent", { couldBeInnocent: null }],
    ["couldBeInnocentReasons", { couldBeInnocentReasons: "   " }],
    ["canBeInvestigated", { canBeInvestigated: null }],
    ["canBeInvestigatedReasons", { canBeInvestigatedReasons: "" }],
  ] as const)("names %s alone when only it is missing", (field, change) => {
    const missing = missingForRecommendation(
      { ...complete, ...change },
      { recommendation: "eligible", ineligibleReasons: [] },
    );
    expect(fields(missing)).toEqual([field]);
  });

  it("takes a complete assessment with a line as eligible", () => {
    expect(
      missingForRecommendation(complete, { recommendation: "eligible", ineligibleReasons: [] }),
    ).toEqual([]);
  });

  it("wants a line of investigation for eligible, but not for ineligible", () => {
    const noLines = { ...complete, lineCount: 0 };
    expect(
      fields(
        missingForRecommendation(noLines, { recommendation: "eligible", ineligibleReasons: [] }),
      ),
    ).toEqual(["lines"]);
    expect(
      missingForRecommendation(noLines, {
        recommendation: "ineligible",
        ineligibleReasons: ["no_line_of_investigation"],
      }),
    ).toEqual([]);
  });

  it("refuses eligible when either question is answered no", () => {
    const missing = missingForRecommendation(
      { ...complete, couldBeInnocent: "no", canBeInvestigated: "no" },
      { recommendation: "eligible", ineligibleReasons: [] },
    );
    expect(missing).toEqual([
      {
        field: "couldBeInnocent",
        message: "An eligible application needs question 1 answered yes or unclear, not no",
      },
      {
        field: "canBeInvestigated",
        message: "An eligible application needs question 2 answered yes or unclear, not no",
      },
    ]);
  });

  it("accepts no answers for ineligible", () => {
    expect(
      missingForRecommendation(
        { ...complete, couldBeInnocent: "no", canBeInvestigated: "no" },
        { recommendation: "ineligible", ineligibleReasons: ["no_factual_innocence"] },
      ),
    ).toEqual([]);
  });

  it("wants at least one reason for ineligible", () => {
    expect(
      missingForRecommendation(complete, { recommendation: "ineligible", ineligibleReasons: [] }),
    ).toEqual([
      { field: "ineligibleReasons", message: "Choose at least one reason it is ineligible" },
    ]);
  });

  it("wants what is asked for and when to chase for more information, and nothing else", () => {
    expect(
      fields(
        missingForRecommendation(blank, {
          recommendation: "more_information",
          ineligibleReasons: [],
          informationRequested: " ",
          chaseOn: null,
        }),
      ),
    ).toEqual(["informationRequested", "chaseOn"]);
    expect(
      missingForRecommendation(blank, {
        recommendation: "more_information",
        ineligibleReasons: [],
        informationRequested: "A copy of the summing-up",
        chaseOn: "2026-12-18",
      }),
    ).toEqual([]);
  });

  it("needs nothing for withdrawn", () => {
    expect(
      missingForRecommendation(blank, { recommendation: "withdrawn", ineligibleReasons: [] }),
    ).toEqual([]);
  });
});

describe("who reviews", () => {
  const policy = {
    reasonsRequiringReview: new Set(["appeal_pending", "no_factual_innocence"]),
    eligibleRequiresReview: false,
  };

  it("sends ineligible to review when any chosen reason requires it", () => {
    expect(
      needsReview({ recommendation: "ineligible", ineligibleReasons: ["appeal_pending"] }, policy),
    ).toBe(true);
    expect(
      needsReview(
        {
          recommendation: "ineligible",
          ineligibleReasons: ["outside_jurisdiction", "appeal_pending"],
        },
        policy,
      ),
    ).toBe(true);
  });

  it("lets ineligible through when none of its reasons requires review", () => {
    expect(
      needsReview(
        { recommendation: "ineligible", ineligibleReasons: ["outside_jurisdiction"] },
        policy,
      ),
    ).toBe(false);
  });

  it("sends eligible to review only when the setting says so", () => {
    const eligible = { recommendation: "eligible", ineligibleReasons: [] } as const;
    expect(needsReview(eligible, policy)).toBe(false);
    expect(needsReview(eligible, { ...policy, eligibleRequiresReview: true })).toBe(true);
  });

  it("never reviews more information or withdrawn", () => {
    const strict = { reasonsRequiringReview: new Set(["x"]), eligibleRequiresReview: true };
    expect(needsReview({ recommendation: "more_information", ineligibleReasons: [] }, strict)).toBe(
      false,
    );
    expect(needsReview({ recommendation: "withdrawn", ineligibleReasons: [] }, strict)).toBe(false);
  });

  const waiting = { status: "in_review", recommendedBy: "asha", assessorId: "asha" } as const;

  it("refuses the recommender their own review", () => {
    expect(reviewRefusal("asha", waiting)).toMatch(/cannot review your own/);
  });

  it("refuses the assessor when someone else made the recommendation", () => {
    expect(reviewRefusal("asha", { ...waiting, recommendedBy: "ben" })).toMatch(
      /cannot review your own/,
    );
    expect(reviewRefusal("ben", { ...waiting, recommendedBy: "ben" })).toMatch(
      /cannot review your own/,
    );
  });

  it("lets another assessor review", () => {
    expect(reviewRefusal("carys", waiting)).toBeNull();
  });

  it.each(["draft", "returned", "agreed", "decided"] as const)(
    "refuses a review of an assessment that is %s",
    (status) => {
      expect(reviewRefusal("carys", { ...waiting, status })).toBe(
        "This assessment is not waiting for a review.",
      );
    },
  );
});

describe("recording the decision", () => {
  it("is allowed only once agreed", () => {
    expect(decisionRefusal({ status: "agreed", recommendation: "eligible" })).toBeNull();
  });

  it.each([
    ["draft", null, "Make a recommendation before recording the decision."],
    ["draft", "eligible", "Make a recommendation before recording the decision."],
    ["in_review", "ineligible", "The recommendation is waiting for a second reviewer."],
    [
      "returned",
      "ineligible",
      "The reviewer returned this recommendation: revise it and recommend again.",
    ],
    ["decided", "eligible", "The decision has already been recorded."],
    ["agreed", null, "Make a recommendation before recording the decision."],
  ] as const)("is refused when %s with %s", (status, recommendation, message) => {
    expect(decisionRefusal({ status, recommendation })).toBe(message);
  });

  it("leaves the answers editable only in draft or returned", () => {
    expect(
      ["draft", "in_review", "returned", "agreed", "decided"].filter(isEditable as never),
    ).toEqual(["draft", "returned"]);
  });
});

describe("reconsideration", () => {
  it("reopens only the latest decided assessment", () => {
    expect(reconsiderationRefusal({ status: "decided", isLatest: true })).toBeNull();
    expect(reconsiderationRefusal({ status: "decided", isLatest: false })).toMatch(
      /later assessment/,
    );
  });

  it.each(["draft", "in_review", "returned", "agreed"] as const)(
    "refuses an assessment that is %s",
    (status) => {
      expect(reconsiderationRefusal({ status, isLatest: true })).toBe(
        "Only a recorded decision can be reconsidered.",
      );
    },
  );
});

describe("the appeal window", () => {
  it("ends 28 days after the later of conviction and sentence", () => {
    expect(appealWindowEnds({ convictionDate: "2026-01-10", sentenceDate: "2026-02-01" })).toBe(
      "2026-03-01",
    );
    expect(appealWindowEnds({ convictionDate: "2026-02-01", sentenceDate: null })).toBe(
      "2026-03-01",
    );
    expect(appealWindowEnds({})).toBeNull();
  });

  it("is urgent up to and including the 28th day, and not the day after", () => {
    const sentenced = { convictionDate: "2026-01-20", sentenceDate: "2026-02-01" };
    expect(isUrgent(sentenced, "2026-02-28")).toBe(true);
    expect(isUrgent(sentenced, "2026-03-01")).toBe(true);
    expect(isUrgent(sentenced, "2026-03-02")).toBe(false);
  });

  it("counts across a leap day", () => {
    expect(appealWindowEnds({ convictionDate: "2028-02-10" })).toBe("2028-03-09");
  });

  it("is urgent whenever the assessor flags the window open, whatever the dates", () => {
    expect(
      isUrgent({ flags: ["appeal_window_open"], convictionDate: "2001-05-04" }, "2026-03-02"),
    ).toBe(true);
    expect(isUrgent({ flags: ["in_custody"] }, "2026-03-02")).toBe(false);
  });
});

describe("where what is missing is answered", () => {
  it("puts the questions and lines on the assessment, and the reasons and chase on the form", () => {
    expect(fields(missingOnAssessment(blank, "eligible"))).toEqual([
      "couldBeInnocent",
      "couldBeInnocentReasons",
      "canBeInvestigated",
      "canBeInvestigatedReasons",
      "lines",
    ]);
    expect(fields(missingOnForm({ recommendation: "ineligible", ineligibleReasons: [] }))).toEqual([
      "ineligibleReasons",
    ]);
    expect(
      fields(missingOnForm({ recommendation: "more_information", ineligibleReasons: [] })),
    ).toEqual(["informationRequested", "chaseOn"]);
  });

  it("adds up to everything a recommendation needs, in form order", () => {
    const r = { recommendation: "ineligible" as const, ineligibleReasons: [] };
    expect(missingForRecommendation(blank, r)).toEqual([
      ...missingOnAssessment(blank, "ineligible"),
      ...missingOnForm(r),
    ]);
  });

  it("asks nothing of the assessment for more information or withdrawn", () => {
    expect(missingOnAssessment(blank, "more_information")).toEqual([]);
    expect(missingOnAssessment(blank, "withdrawn")).toEqual([]);
  });
});

describe("making the recommendation", () => {
  const me = "assessor-1";

  it("is for the assigned assessor while the answers can change", () => {
    expect(recommendationRefusal(me, { assessorId: me, status: "draft" })).toBeNull();
    expect(recommendationRefusal(me, { assessorId: me, status: "returned" })).toBeNull();
  });

  it("refuses anyone else, and a nobody's assessment, whatever its status", () => {
    expect(recommendationRefusal(me, { assessorId: "assessor-2", status: "draft" })).toBe(
      "not_assessor",
    );
    expect(recommendationRefusal(me, { assessorId: null, status: "draft" })).toBe("not_assessor");
  });

  it.each(["in_review", "agreed", "decided"] as const)("says it is already %s", (status) => {
    expect(recommendationRefusal(me, { assessorId: me, status })).toBe(status);
  });

  it("offers the saved chase date while it is ahead, else four weeks from today", () => {
    expect(CHASE_AFTER_DAYS).toBe(28);
    expect(defaultChaseOn("2026-12-20", "2026-12-04")).toBe("2026-12-20");
    expect(defaultChaseOn("2026-12-04", "2026-12-04")).toBe("2027-01-01");
    expect(defaultChaseOn(null, "2028-02-10")).toBe("2028-03-09");
  });
});

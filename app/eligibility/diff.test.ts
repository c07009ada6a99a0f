import { describe, expect, it } from "vitest";
import { type AssessmentAnswers, describeValue, diffAnswers, FIELD_LABELS } from "./diff";
import { AssessmentSchema } from "./schemas";

/** Answers as the form's schema gives them (every field present, blanks undefined). */
function answers(values: Record<string, unknown> = {}): AssessmentAnswers {
  const { version: _version, ...rest } = AssessmentSchema.parse({ version: 1, ...values });
  return rest;
}
/** Answers as they might be built elsewhere, with blank fields left out altogether. */
const loose = (values: Record<string, unknown>) => values as unknown as AssessmentAnswers;
const blank = answers();

describe("diffAnswers", () => {
  it("finds nothing when the answers are the same, however blanks are written", () => {
    expect(diffAnswers(blank, { ...blank })).toEqual([]);
    expect(
      diffAnswers(
        answers({ offences: "", appealStages: [{ stage: "Leave", date: "" }] }),
        loose({ ...blank, appealStages: [{ stage: "Leave" }] }),
      ),
    ).toEqual([]);
  });

  it("names each differing field with its label, what is saved and what was typed", () => {
    const saved = answers({ offences: "Robbery", couldBeInnocent: "yes", flags: ["in_custody"] });
    const yours = answers({
      offences: "Robbery and assault",
      couldBeInnocent: "yes",
      courtName: "Leeds Crown Court",
    });
    expect(diffAnswers(saved, yours)).toEqual([
      { field: "offences", label: "Offences", saved: "Robbery", yours: "Robbery and assault" },
      { field: "courtName", label: "Court's name", saved: "(blank)", yours: "Leeds Crown Court" },
      { field: "flags", label: "Flags", saved: "in_custody", yours: "(none)" },
    ]);
  });

  it("compares rows of a list by their content, ignoring the order of their keys", () => {
    const a = { category: "alibi", description: "Trace the taxi driver", priority: "high" };
    const b = { priority: "high", description: "Trace the taxi driver", category: "alibi" };
    expect(diffAnswers(answers({ lines: [a] }), loose({ ...blank, lines: [b] }))).toEqual([]);
    const changed = diffAnswers(
      answers({ lines: [a] }),
      answers({ lines: [{ ...a, description: "Trace the cab driver" }] }),
    );
    expect(changed).toEqual([
      {
        field: "lines",
        label: "Lines of investigation",
        saved: "alibi · Trace the taxi driver · high",
        yours: "alibi · Trace the cab driver · high",
      },
    ]);
  });

  it("has a label for every answer of the form (and none for the version)", () => {
    const keys = Object.keys(AssessmentSchema.shape).filter((k) => k !== "version");
    expect(keys.length).toBeGreaterThan(20);
    expect(Object.keys(FIELD_LABELS).sort()).toEqual(keys.sort());
    expect(FIELD_LABELS).not.toHaveProperty("version");
  });
});

it("treats causes and flags as sets: their order is no change", () => {
  expect(
    diffAnswers(
      answers({ flags: ["in_custody", "vulnerable"], suspectedCauses: ["dna", "alibi"] }),
      answers({ flags: ["vulnerable", "in_custody"], suspectedCauses: ["alibi", "dna"] }),
    ),
  ).toEqual([]);
});

describe("describeValue", () => {
  it("says blank or none rather than showing nothing", () => {
    expect(describeValue(undefined)).toBe("(blank)");
    expect(describeValue("")).toBe("(blank)");
    expect(describeValue([])).toBe("(none)");
    expect(describeValue(["dna", "alibi"])).toBe("dna; alibi");
  });
});

import type { AssessmentInput } from "./schemas";

/** The labels of the assessment form's fields, for messages and the conflict view. */
export const FIELD_LABELS: Record<Exclude<keyof AssessmentInput, "version">, string> = {
  offences: "Offences",
  offenceType: "Offence type",
  courtType: "Court",
  courtName: "Court's name",
  jurisdiction: "Jurisdiction",
  offenceDate: "Date of the offence",
  convictionDate: "Date of conviction",
  sentenceDate: "Date of sentence",
  plea: "Plea",
  sentence: "Sentence",
  tariff: "Tariff or minimum term",
  coDefendants: "Co-defendants",
  appealStages: "Appeal history",
  priorReviews: "Earlier CCRC or SCCRC applications",
  claimsFactualInnocence: "Claims factual innocence",
  couldBeInnocent: "Question 1: could the applicant be innocent?",
  couldBeInnocentReasons: "Reasons for question 1",
  canBeInvestigated: "Question 2: can anything be done?",
  canBeInvestigatedReasons: "Reasons for question 2",
  lines: "Lines of investigation",
  suspectedCauses: "Suspected causes",
  flags: "Flags",
};

export type AssessmentAnswers = Omit<AssessmentInput, "version">;

export interface FieldDifference {
  field: keyof AssessmentAnswers;
  label: string;
  /** What is saved now (another assessor's save). */
  saved: string;
  /** What this person submitted. */
  yours: string;
}

/** A field's value as one line of text, for showing side by side. */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null || value === "") return "(blank)";
  if (Array.isArray(value)) {
    if (value.length === 0) return "(none)";
    return value
      .map((v) =>
        typeof v === "object" && v !== null
          ? Object.values(v as Record<string, unknown>)
              .filter((x) => x !== undefined && x !== "")
              .join(" · ")
          : String(v),
      )
      .join("; ");
  }
  return String(value);
}

function normalise(value: unknown): string {
  // A list of keys (causes, flags) is a set: the order they were ticked in is no change.
  if (Array.isArray(value) && value.every((v) => typeof v === "string"))
    return JSON.stringify([...value].sort());
  if (Array.isArray(value))
    return JSON.stringify(
      value.map((v) =>
        typeof v === "object" && v !== null
          ? Object.fromEntries(
              Object.entries(v as Record<string, unknown>)
                .filter(([, x]) => x !== undefined && x !== "" && x !== null)
                .sort(([a], [b]) => a.localeCompare(b)),
            )
          : v,
      ),
    );
  return value === undefined || value === null || value === "" ? "" : String(value);
}

/**
 * The fields where what someone submitted differs from what is saved now: shown when their
 * save lost a race, so they can see what the other assessor changed before saving again.
 */
export function diffAnswers(saved: AssessmentAnswers, yours: AssessmentAnswers): FieldDifference[] {
  return (Object.keys(FIELD_LABELS) as (keyof AssessmentAnswers)[])
    .filter((field) => normalise(saved[field]) !== normalise(yours[field]))
    .map((field) => ({
      field,
      label: FIELD_LABELS[field],
      saved: describeValue(saved[field]),
      yours: describeValue(yours[field]),
    }));
}

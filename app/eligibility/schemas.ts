import { z } from "zod";
import {
  ANSWERS,
  COURT_TYPES,
  JURISDICTIONS,
  PRIORITIES,
  RECOMMENDATIONS,
} from "~/db/schema/eligibility";
import { PLEAS } from "~/intake/questionnaire";
import { isRealDate, today } from "~/shared/dates";
import { isId } from "~/shared/ids";
import { FLAG_KEYS, missingOnForm } from "./rules";

/**
 * The forms of an eligibility assessment: one schema each, used by the page (Conform, in
 * the browser and on the server) and by the server functions. Every answer of the
 * assessment form is optional so a draft can be saved part-written; what a recommendation
 * needs is checked by rules.ts when it is made.
 */
export const COURT_TYPE_LABELS: Record<(typeof COURT_TYPES)[number], string> = {
  crown_court: "Crown Court",
  magistrates: "Magistrates' court",
  high_court_of_justiciary: "High Court of Justiciary (Scotland)",
  sheriff_court: "Sheriff court (Scotland)",
  northern_ireland_crown_court: "Crown Court in Northern Ireland",
  court_martial: "Court martial",
  other: "Other",
};

export const JURISDICTION_LABELS: Record<(typeof JURISDICTIONS)[number], string> = {
  england_wales: "England and Wales",
  scotland: "Scotland",
  northern_ireland: "Northern Ireland",
};

/** Which review body a jurisdiction's cases go to later. */
export const REVIEW_BODY: Record<(typeof JURISDICTIONS)[number], "CCRC" | "SCCRC"> = {
  england_wales: "CCRC",
  scotland: "SCCRC",
  northern_ireland: "CCRC",
};

export const PRIORITY_LABELS: Record<(typeof PRIORITIES)[number], string> = {
  high: "High",
  medium: "Medium",
  low: "Low",
};

/** Broad offence types, for filtering the queue and the dashboard. */
export const OFFENCE_TYPES = {
  homicide: "Homicide",
  sexual: "Sexual offence",
  violence: "Violence against the person",
  robbery: "Robbery",
  arson: "Arson or criminal damage",
  drugs: "Drugs",
  fraud: "Fraud or dishonesty",
  other: "Other",
} as const;
export type OffenceType = keyof typeof OFFENCE_TYPES;
export const OFFENCE_TYPE_KEYS = Object.keys(OFFENCE_TYPES) as OffenceType[];

const optionalText = (label: string, max = 500) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be ${max.toLocaleString("en-GB")} characters or fewer`)
    .optional()
    .transform((v) => (v ? v : undefined));

const optionalDate = (label: string, notFuture = true) =>
  optionalText(label, 10)
    .refine(
      (v) => v === undefined || isRealDate(v),
      `${label} must be a real date, like 2019-03-14`,
    )
    .refine(
      (v) => !notFuture || v === undefined || v <= today(),
      `${label} cannot be in the future`,
    );

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || (values as readonly string[]).includes(v), message)
    .transform((v) => v as T[number] | undefined);

const stringList = (allowed: readonly string[] | null, message: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter(Boolean))
    .refine((v) => allowed === null || v.every((x) => allowed.includes(x)), message);

export const AppealStageSchema = z.object({
  stage: z
    .string({ error: "Say which stage this was" })
    .trim()
    .min(1, "Say which stage this was")
    .max(200),
  date: optionalDate("The date of the stage"),
  outcome: optionalText("The outcome", 500),
  grounds: optionalText("The grounds", 5_000),
});

export const PriorReviewSchema = z.object({
  body: z.enum(["ccrc", "sccrc"], { error: "Choose the CCRC or the SCCRC" }),
  reference: optionalText("The reference", 100),
  appliedOn: optionalDate("The date applied"),
  decision: optionalText("The decision", 2_000),
  decidedOn: optionalDate("The date of the decision"),
});

export const InvestigationLineSchema = z.object({
  category: z.string({ error: "Choose a category" }).trim().min(1, "Choose a category"),
  description: z
    .string({ error: "Describe the line of investigation" })
    .trim()
    .min(1, "Describe the line of investigation")
    .max(5_000, "The description must be 5,000 characters or fewer"),
  rationale: optionalText("Why it could settle the claim", 5_000),
  priority: z.enum(PRIORITIES, { error: "Choose a priority" }).default("medium"),
});

/** The assessment form: the conviction, the appeal history, the two questions and the lines. */
export const AssessmentSchema = z
  .object({
    version: z.coerce.number({ error: "The form is out of date: reload the page" }).int().min(1),
    offences: optionalText("The offences", 5_000),
    offenceType: optionalEnum(
      OFFENCE_TYPE_KEYS as unknown as [string, ...string[]],
      "Choose one of the offence types",
    ),
    courtType: optionalEnum(COURT_TYPES, "Choose one of the courts"),
    courtName: optionalText("The court's name", 200),
    jurisdiction: optionalEnum(JURISDICTIONS, "Choose one of the jurisdictions"),
    offenceDate: optionalDate("The date of the offence"),
    convictionDate: optionalDate("The date of conviction"),
    sentenceDate: optionalDate("The date of sentence"),
    plea: optionalEnum(
      PLEAS.map((p) => p.value) as unknown as [string, ...string[]],
      "Choose one of the pleas",
    ),
    sentence: optionalText("The sentence"),
    tariff: optionalText("The tariff or minimum term"),
    coDefendants: optionalText("The co-defendants", 2_000),
    appealStages: z.array(AppealStageSchema).max(20, "Record at most 20 appeal stages").default([]),
    priorReviews: z
      .array(PriorReviewSchema)
      .max(10, "Record at most 10 earlier reviews")
      .default([]),
    claimsFactualInnocence: optionalEnum(ANSWERS, "Answer yes, no or unclear"),
    couldBeInnocent: optionalEnum(ANSWERS, "Answer yes, no or unclear"),
    couldBeInnocentReasons: optionalText("The reasons for question 1", 20_000),
    canBeInvestigated: optionalEnum(ANSWERS, "Answer yes, no or unclear"),
    canBeInvestigatedReasons: optionalText("The reasons for question 2", 20_000),
    lines: z.array(InvestigationLineSchema).max(30, "Record at most 30 lines").default([]),
    suspectedCauses: stringList(null, "Choose causes from the list"),
    flags: stringList(FLAG_KEYS, "Choose flags from the list"),
  })
  .superRefine((v, ctx) => {
    if (v.offenceDate && v.convictionDate && v.offenceDate > v.convictionDate)
      ctx.addIssue({
        code: "custom",
        path: ["convictionDate"],
        message: "The conviction cannot be before the offence",
      });
    if (v.convictionDate && v.sentenceDate && v.sentenceDate < v.convictionDate)
      ctx.addIssue({
        code: "custom",
        path: ["sentenceDate"],
        message: "The sentence cannot be before the conviction",
      });
  });
export type AssessmentInput = z.infer<typeof AssessmentSchema>;

/** The recommendation form. */
export const RecommendationSchema = z
  .object({
    version: z.coerce.number({ error: "The form is out of date: reload the page" }).int().min(1),
    recommendation: z.enum(RECOMMENDATIONS, { error: "Choose a recommendation" }),
    ineligibleReasons: stringList(null, "Choose reasons from the list"),
    recommendationNotes: optionalText("The notes", 20_000),
    informationRequested: optionalText("The information asked for", 5_000),
    chaseOn: optionalDate("The chase date", false).refine(
      (v) => v === undefined || v > today(),
      "The chase date must be after today",
    ),
  })
  // What the choice needs on this form is said on its field before anything is sent.
  .superRefine((v, ctx) => {
    for (const m of missingOnForm(v))
      ctx.addIssue({ code: "custom", path: [m.field], message: m.message });
  });
export type RecommendationFormInput = z.infer<typeof RecommendationSchema>;

/** The second reviewer's form. */
export const ReviewSchema = z
  .object({
    outcome: z.enum(["agreed", "returned"], { error: "Choose whether you agree" }),
    comment: optionalText("The comment", 10_000),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === "returned" && !v.comment)
      ctx.addIssue({
        code: "custom",
        path: ["comment"],
        message: "Say why you are returning it, so the assessor knows what to revise",
      });
  });
export type ReviewInput = z.infer<typeof ReviewSchema>;

const checkbox = () =>
  z
    .union([z.literal("on"), z.literal("true"), z.boolean()])
    .optional()
    .transform((v) => v === true || v === "on" || v === "true");

/** Recording the decision, which produces the letter. */
export const DecisionSchema = z.object({
  version: z.coerce.number({ error: "The form is out of date: reload the page" }).int().min(1),
  largePrint: checkbox(),
  /** Print the recommendation's notes in an ineligible letter, after the reasons. */
  includeNotes: checkbox(),
});
export type DecisionInput = Omit<z.infer<typeof DecisionSchema>, "includeNotes"> & {
  includeNotes?: boolean;
};

/** An applicant's request for reconsideration. */
export const ReconsiderationSchema = z.object({
  reason: z
    .string({ error: "Say why the applicant asks for reconsideration" })
    .trim()
    .min(1, "Say why the applicant asks for reconsideration")
    .max(10_000, "The reason must be 10,000 characters or fewer"),
});

/** Handing an assessment to another assessor. */
export const HandoverSchema = z.object({
  version: z.coerce.number({ error: "The form is out of date: reload the page" }).int().min(1),
  assessorId: z
    .string({ error: "Choose the assessor to hand it to" })
    .refine(isId, "Choose the assessor to hand it to"),
  note: optionalText("The note", 2_000),
});

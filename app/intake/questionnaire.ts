import { z } from "zod";
import { isRealDate, today } from "~/shared/dates";

/**
 * The stage-1 questionnaire, section by section, as the paper form asks it. The staff
 * entry form, the online application, the printable blank form and the import mapping
 * are all built from this one description. Every answer is optional: letters rarely
 * answer everything.
 */
export type QuestionKind = "text" | "textarea" | "date" | "choice";

export interface Question {
  name: string;
  label: string;
  hint?: string;
  kind: QuestionKind;
  options?: readonly { value: string; label: string }[];
}

export interface QuestionnaireSection {
  key: string;
  title: string;
  questions: readonly Question[];
}

export const PLEAS = [
  { value: "not_guilty", label: "Not guilty" },
  { value: "guilty", label: "Guilty" },
  { value: "mixed", label: "Guilty to some charges, not guilty to others" },
  { value: "unknown", label: "Not stated" },
] as const;

export const QUESTIONNAIRE_SECTIONS: readonly QuestionnaireSection[] = [
  {
    key: "conviction",
    title: "The offence and the conviction",
    questions: [
      { name: "offences", label: "Offence or offences convicted of", kind: "textarea" },
      { name: "placeOfCrime", label: "Where the crime took place", kind: "text" },
      {
        name: "offenceDate",
        label: "Date of the offence",
        hint: "For example 2019-03-14",
        kind: "date",
      },
      {
        name: "court",
        label: "Court where convicted",
        hint: "For example Leeds Crown Court",
        kind: "text",
      },
      { name: "convictionDate", label: "Date of conviction", kind: "date" },
      { name: "plea", label: "Plea", kind: "choice", options: PLEAS },
      {
        name: "sentence",
        label: "Sentence",
        hint: "For example life, minimum term 18 years",
        kind: "text",
      },
    ],
  },
  {
    key: "prosecution",
    title: "The prosecution case",
    questions: [
      { name: "prosecutionCase", label: "What the prosecution said happened", kind: "textarea" },
      {
        name: "prosecutionEvidence",
        label: "The evidence against the applicant",
        kind: "textarea",
      },
    ],
  },
  {
    key: "defence",
    title: "The defence case",
    questions: [
      { name: "defenceCase", label: "What the defence said at trial", kind: "textarea" },
      { name: "defenceEvidence", label: "The evidence for the defence", kind: "textarea" },
    ],
  },
  {
    key: "lawyers",
    title: "Previous lawyers",
    questions: [
      { name: "trialLawyers", label: "Solicitors and barristers at trial", kind: "textarea" },
      { name: "appealLawyers", label: "Lawyers on appeal", kind: "textarea" },
      { name: "reviewLawyers", label: "Lawyers for a CCRC or SCCRC application", kind: "textarea" },
    ],
  },
  {
    key: "appeals",
    title: "Appeals and reviews",
    questions: [
      {
        name: "appealHistory",
        label: "Every appeal made, with dates and outcomes",
        kind: "textarea",
      },
      {
        name: "appealFailureReasons",
        label: "Reasons given for the appeal failing",
        kind: "textarea",
      },
      {
        name: "reviewApplications",
        label: "Applications to the CCRC or SCCRC, and their decisions",
        kind: "textarea",
      },
    ],
  },
  {
    key: "claim",
    title: "Why the applicant says they were wrongly convicted",
    questions: [
      { name: "whyWrong", label: "Why they say they were wrongly convicted", kind: "textarea" },
      { name: "alibi", label: "Any alibi", kind: "textarea" },
      {
        name: "physicalEvidence",
        label: "Physical evidence, such as DNA or fingerprints",
        kind: "textarea",
      },
      { name: "freshEvidence", label: "Evidence the jury did not hear", kind: "textarea" },
      { name: "howProjectCouldHelp", label: "How a project could help", kind: "textarea" },
    ],
  },
];

export const QUESTIONS: readonly Question[] = QUESTIONNAIRE_SECTIONS.flatMap((s) => s.questions);

function answerSchema(q: Question) {
  const max = q.kind === "textarea" ? 20_000 : 500;
  const base = z
    .string()
    .trim()
    .max(max, `${q.label} must be ${max.toLocaleString("en-GB")} characters or fewer`)
    .optional()
    .transform((v) => (v ? v : undefined));
  if (q.kind === "date") {
    return base
      .refine(
        (v) => v === undefined || isRealDate(v),
        `${q.label} must be a real date, like 2019-03-14`,
      )
      .refine((v) => v === undefined || v <= today(), `${q.label} cannot be in the future`);
  }
  if (q.kind === "choice" && q.options) {
    const values = q.options.map((o) => o.value);
    return base.refine(
      (v) => v === undefined || values.includes(v),
      `Choose one of the answers for ${q.label.toLowerCase()}`,
    );
  }
  return base;
}

export const QuestionnaireSchema = z
  .object(
    Object.fromEntries(QUESTIONS.map((q) => [q.name, answerSchema(q)])) as Record<
      string,
      ReturnType<typeof answerSchema>
    >,
  )
  .superRefine((v, ctx) => {
    const offenceDate = v.offenceDate as string | undefined;
    const convictionDate = v.convictionDate as string | undefined;
    if (offenceDate && convictionDate && offenceDate > convictionDate) {
      ctx.addIssue({
        code: "custom",
        path: ["convictionDate"],
        message: "The conviction cannot be before the offence",
      });
    }
  });

export type Questionnaire = Partial<Record<string, string>>;

/** How many questions have an answer: shown in the queue as how complete an application is. */
export function answeredCount(q: Questionnaire): number {
  return QUESTIONS.filter((question) => Boolean(q[question.name])).length;
}

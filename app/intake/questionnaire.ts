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
  /** The label staff see: short, as the paper form's box is headed. */
  label: string;
  hint?: string;
  /** The question as the public form asks it, in plain English (GOV.UK style). */
  ask?: string;
  /** A hint for the public form, in place of `hint`. */
  askHint?: string;
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
  { value: "unknown", label: "Not known" },
] as const;

export const QUESTIONNAIRE_SECTIONS: readonly QuestionnaireSection[] = [
  {
    key: "conviction",
    title: "The offence and the conviction",
    questions: [
      {
        name: "offences",
        label: "Offence or offences convicted of",
        kind: "textarea",
        ask: "What was the applicant convicted of?",
        askHint: "List each offence on a new line",
      },
      {
        name: "placeOfCrime",
        label: "Where the crime took place",
        kind: "text",
        ask: "Where did the crime happen?",
      },
      {
        name: "offenceDate",
        label: "Date of the offence",
        ask: "When did the crime happen?",
        hint: "For example 2019-03-14",
        kind: "date",
      },
      {
        name: "court",
        label: "Court where convicted",
        ask: "Which court convicted the applicant?",
        hint: "For example Leeds Crown Court",
        kind: "text",
      },
      {
        name: "convictionDate",
        label: "Date of conviction",
        ask: "When was the applicant convicted?",
        kind: "date",
      },
      {
        name: "plea",
        label: "Plea",
        ask: "At the trial, did the applicant say they were guilty or not guilty?",
        kind: "choice",
        options: PLEAS,
      },
      {
        name: "sentence",
        label: "Sentence",
        ask: "What was the sentence?",
        askHint: "For example, life with a minimum term of 18 years",
        hint: "For example life, minimum term 18 years",
        kind: "text",
      },
    ],
  },
  {
    key: "prosecution",
    title: "The prosecution case",
    questions: [
      {
        name: "prosecutionCase",
        label: "What the prosecution said happened",
        kind: "textarea",
        ask: "What did the prosecution say happened?",
        askHint: "The prosecution is the side that said the applicant was guilty",
      },
      {
        name: "prosecutionEvidence",
        label: "The evidence against the applicant",
        ask: "What evidence was used against the applicant?",
        kind: "textarea",
      },
    ],
  },
  {
    key: "defence",
    title: "The defence case",
    questions: [
      {
        name: "defenceCase",
        label: "What the defence said at trial",
        kind: "textarea",
        ask: "What did the applicant's side say at the trial?",
        askHint: "This is called the defence case",
      },
      {
        name: "defenceEvidence",
        label: "The evidence for the defence",
        kind: "textarea",
        ask: "What evidence was given for the applicant?",
      },
    ],
  },
  {
    key: "lawyers",
    title: "Previous lawyers",
    questions: [
      {
        name: "trialLawyers",
        label: "Solicitors and barristers at trial",
        kind: "textarea",
        ask: "Who were the applicant's solicitors and barristers at the trial?",
      },
      {
        name: "appealLawyers",
        label: "Lawyers on appeal",
        kind: "textarea",
        ask: "Who were the applicant's lawyers for any appeal?",
      },
      {
        name: "reviewLawyers",
        label: "Lawyers for a CCRC or SCCRC application",
        kind: "textarea",
        ask: "Who were the applicant's lawyers for any application to the CCRC or SCCRC?",
        askHint:
          "The Criminal Cases Review Commission (CCRC) or the Scottish Criminal Cases Review Commission (SCCRC)",
      },
    ],
  },
  {
    key: "appeals",
    title: "Appeals and reviews",
    questions: [
      {
        name: "appealHistory",
        label: "Every appeal made, with dates and outcomes",
        ask: "What appeals has the applicant made?",
        askHint: "For each appeal, give the date, the court and what happened",
        kind: "textarea",
      },
      {
        name: "appealFailureReasons",
        label: "Reasons given for the appeal failing",
        ask: "If an appeal failed, what reasons did the judges give?",
        kind: "textarea",
      },
      {
        name: "reviewApplications",
        label: "Applications to the CCRC or SCCRC, and their decisions",
        ask: "Has the applicant applied to the CCRC or SCCRC, and what did they decide?",
        kind: "textarea",
      },
    ],
  },
  {
    key: "claim",
    title: "Why the applicant says they were wrongly convicted",
    questions: [
      {
        name: "whyWrong",
        label: "Why they say they were wrongly convicted",
        kind: "textarea",
        ask: "Why does the applicant say they were wrongly convicted?",
      },
      {
        name: "alibi",
        label: "Any alibi",
        kind: "textarea",
        ask: "Where was the applicant when the crime happened?",
        askHint: "If someone can say where they were, tell us who",
      },
      {
        name: "physicalEvidence",
        label: "Physical evidence, such as DNA or fingerprints",
        ask: "Was there any physical evidence, such as DNA or fingerprints?",
        kind: "textarea",
      },
      {
        name: "freshEvidence",
        label: "Evidence the jury did not hear",
        kind: "textarea",
        ask: "Is there evidence the jury or the judge did not hear?",
      },
      {
        name: "howProjectCouldHelp",
        label: "How a project could help",
        kind: "textarea",
        ask: "How do you think we could help?",
      },
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

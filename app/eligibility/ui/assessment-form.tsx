import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { PLEAS } from "~/intake/questionnaire";
import {
  ChoiceField,
  CsrfInput,
  ErrorSummary,
  SelectField,
  TextareaField,
  TextField,
} from "~/ui/forms";
import { type AssessmentAnswers, FIELD_LABELS } from "../diff";
import { ANSWER_LABELS, FLAGS } from "../rules";
import {
  AssessmentSchema,
  COURT_TYPE_LABELS,
  JURISDICTION_LABELS,
  OFFENCE_TYPES,
} from "../schemas";
import type { AssessmentOptions } from "./assessment-summary";
import {
  AppealStagesFields,
  type AssessmentFormShape,
  InvestigationLinesFields,
  PriorReviewsFields,
} from "./repeatable-fieldsets";

const toOptions = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

const ANSWER_OPTIONS = toOptions(ANSWER_LABELS);
const OFFENCE_TYPE_OPTIONS = toOptions(OFFENCE_TYPES);
const COURT_TYPE_OPTIONS = toOptions(COURT_TYPE_LABELS);
const JURISDICTION_OPTIONS = toOptions(JURISDICTION_LABELS);
const PLEA_OPTIONS = PLEAS.map((p) => ({ value: p.value, label: p.label }));
const FLAG_OPTIONS = toOptions(FLAGS);

/** Active entries of a reference list, and any retired one this assessment already uses. */
function listOptions(
  rows: readonly { key: string; label: string; active: boolean }[],
  used: readonly string[],
) {
  return rows
    .filter((r) => r.active || used.includes(r.key))
    .map((r) => ({ value: r.key, label: r.active ? r.label : `${r.label} (no longer in use)` }));
}

/**
 * The assessment form: the conviction, the appeal history, the two questions with the lines
 * of investigation, suspected causes and flags. Every answer is optional so a draft can be
 * saved part-written. The hidden version is the one the answers were loaded at (or, after a
 * conflict, the one saved now, so that saving again overwrites it deliberately).
 */
export function AssessmentForm({
  answers,
  version,
  options,
  lastResult,
}: {
  answers: AssessmentAnswers;
  version: number;
  options: AssessmentOptions;
  lastResult: SubmissionResult<string[]> | null | undefined;
}) {
  const [form, fields] = useForm<AssessmentFormShape>({
    id: "assessment",
    lastResult,
    defaultValue: { ...answers, version: String(version) },
    constraint: getZodConstraint(AssessmentSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AssessmentSchema }),
  });
  const categories = listOptions(
    options.categories,
    answers.lines.map((l) => l.category),
  );
  const causes = listOptions(options.causes, answers.suspectedCauses);

  const summaryFields: Record<string, { id: string; errors: string[] | undefined }> = {};
  // Conform's fields cannot be enumerated: name them from the labels.
  for (const name of Object.keys(FIELD_LABELS) as (keyof typeof FIELD_LABELS)[])
    summaryFields[name] = fields[name];
  // Each row's messages name the row, so "Choose a category" says which line it is about.
  const rows = [
    ["Appeal stage", fields.appealStages.getFieldList(), ["stage", "date", "outcome", "grounds"]],
    [
      "Earlier application",
      fields.priorReviews.getFieldList(),
      ["body", "reference", "appliedOn", "decision", "decidedOn"],
    ],
    [
      "Line of investigation",
      fields.lines.getFieldList(),
      ["category", "description", "rationale", "priority"],
    ],
  ] as const;
  for (const [what, items, names] of rows)
    items.forEach((item, index) => {
      const fieldset = item.getFieldset() as Record<
        string,
        { id: string; name: string; errors?: string[] }
      >;
      for (const name of names) {
        const sub = fieldset[name];
        if (!sub) continue;
        summaryFields[sub.name] = {
          id: sub.id,
          errors: sub.errors?.map((e) => `${what} ${index + 1}: ${e}`),
        };
      }
    });

  const saveBar = (
    <div className="save-bar">
      <button type="submit" className="button">
        Save draft
      </button>
    </div>
  );
  return (
    <>
      <ErrorSummary form={form} fields={summaryFields} />
      <Form method="post" {...getFormProps(form)} className="assessment-form">
        <CsrfInput />
        <input type="hidden" name="version" value={version} />
        {/* The first submit button is the one Enter presses: saving, not adding a row. */}
        {saveBar}

        <section aria-labelledby="form-conviction" className="form-section">
          <h2 id="form-conviction">The conviction</h2>
          <TextareaField field={fields.offences} label="Offences" rows={3} />
          <SelectField
            field={fields.offenceType}
            label="Offence type"
            options={OFFENCE_TYPE_OPTIONS}
          />
          <SelectField field={fields.courtType} label="Court" options={COURT_TYPE_OPTIONS} />
          <TextField
            field={fields.courtName}
            label="Court's name"
            hint="For example Leeds Crown Court"
          />
          <ChoiceField
            field={fields.jurisdiction}
            label="Jurisdiction"
            hint="Left empty, it is set from the court's name when you save: the High Court of Justiciary or a sheriff court means Scotland, a Crown Court in a Northern Irish town Northern Ireland."
            type="radio"
            options={JURISDICTION_OPTIONS}
          />
          <TextField
            field={fields.offenceDate}
            label="Date of the offence"
            type="date"
            width="medium"
          />
          <TextField
            field={fields.convictionDate}
            label="Date of conviction"
            type="date"
            width="medium"
          />
          <TextField
            field={fields.sentenceDate}
            label="Date of sentence"
            type="date"
            width="medium"
          />
          <SelectField field={fields.plea} label="Plea" options={PLEA_OPTIONS} />
          <TextField
            field={fields.sentence}
            label="Sentence"
            hint="For example life imprisonment"
          />
          <TextField
            field={fields.tariff}
            label="Tariff or minimum term"
            hint="For example 18 years"
          />
          <TextareaField
            field={fields.coDefendants}
            label="Co-defendants"
            hint="Their names and what happened to them"
            rows={3}
          />
        </section>

        <section aria-labelledby="form-appeals" className="form-section">
          <h2 id="form-appeals">The appeal history</h2>
          <AppealStagesFields form={form} fields={fields} />
          <PriorReviewsFields form={form} fields={fields} />
        </section>

        <section aria-labelledby="form-q1" className="form-section">
          <h2 id="form-q1">Question 1: could the applicant be innocent?</h2>
          <ChoiceField
            field={fields.claimsFactualInnocence}
            label="Does the applicant claim to be factually innocent?"
            hint="That they did not commit the offence, not a defence such as self-defence or consent."
            type="radio"
            options={ANSWER_OPTIONS}
          />
          <ChoiceField
            field={fields.couldBeInnocent}
            label="Could the applicant be innocent?"
            type="radio"
            options={ANSWER_OPTIONS}
          />
          <TextareaField
            field={fields.couldBeInnocentReasons}
            label="Reasons for question 1"
            rows={6}
          />
        </section>

        <section aria-labelledby="form-q2" className="form-section">
          <h2 id="form-q2">Question 2: can anything be done to find out?</h2>
          <ChoiceField
            field={fields.canBeInvestigated}
            label="Can anything be done to find out whether the applicant is innocent?"
            type="radio"
            options={ANSWER_OPTIONS}
          />
          <TextareaField
            field={fields.canBeInvestigatedReasons}
            label="Reasons for question 2"
            rows={6}
          />
          <InvestigationLinesFields form={form} fields={fields} categories={categories} />
        </section>

        <section aria-labelledby="form-causes" className="form-section">
          <h2 id="form-causes">Suspected causes and flags</h2>
          <ChoiceField
            field={fields.suspectedCauses}
            label="Suspected causes of a wrongful conviction"
            hint="Choose all that apply."
            type="checkbox"
            options={causes}
          />
          <ChoiceField
            field={fields.flags}
            label="Flags"
            hint="Choose all that apply. An open appeal window makes the application urgent."
            type="checkbox"
            options={FLAG_OPTIONS}
          />
        </section>
        {saveBar}
      </Form>
    </>
  );
}

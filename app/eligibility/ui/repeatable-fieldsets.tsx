import type { FieldMetadata, FormMetadata } from "@conform-to/react";
import type { ReactNode } from "react";
import type { z } from "zod";
import { ChoiceField, SelectField, TextareaField, TextField } from "~/ui/forms";
import type { AssessmentSchema } from "../schemas";
import { PRIORITY_LABELS } from "../schemas";

export type AssessmentFormShape = z.input<typeof AssessmentSchema>;
export type AssessmentFormMetadata = FormMetadata<AssessmentFormShape>;
type Fields = ReturnType<AssessmentFormMetadata["getFieldset"]>;

interface Option {
  value: string;
  label: string;
}

function FieldErrors({ field }: { field: Pick<FieldMetadata, "errorId" | "errors"> }) {
  if (!field.errors?.length) return null;
  return (
    <p id={field.errorId} className="error-message">
      <span className="visually-hidden">Error: </span>
      {field.errors[0]}
    </p>
  );
}

/**
 * A list of rows the assessor can add to and remove from. The buttons are Conform list
 * intents: with JavaScript they change the list in place; without it they submit the form,
 * and the server sends it back with the row added or removed, nothing saved and nothing lost.
 */
function Repeatable({
  form,
  field,
  title,
  hint,
  addLabel,
  emptyText,
  count,
  addDefault,
  children,
}: {
  form: AssessmentFormMetadata;
  field: Pick<FieldMetadata, "id" | "name" | "errorId" | "errors">;
  title: string;
  hint?: string;
  addLabel: string;
  emptyText: string;
  count: number;
  addDefault?: Record<string, string>;
  children: ReactNode;
}) {
  const headingId = `${field.id}-heading`;
  return (
    <section id={field.id} tabIndex={-1} className="repeatable" aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      {hint ? <p className="hint">{hint}</p> : null}
      <FieldErrors field={field} />
      {count === 0 ? <p>{emptyText}</p> : null}
      {children}
      <button
        className="button button-secondary"
        {...form.insert.getButtonProps({
          name: field.name as never,
          ...(addDefault ? { defaultValue: addDefault as never } : {}),
        })}
      >
        {addLabel}
      </button>
    </section>
  );
}

function RemoveButton({
  form,
  name,
  index,
  what,
}: {
  form: AssessmentFormMetadata;
  name: string;
  index: number;
  what: string;
}) {
  return (
    <button
      className="button button-secondary button-small"
      {...form.remove.getButtonProps({ name: name as never, index })}
    >
      Remove <span className="visually-hidden">{what}</span>
    </button>
  );
}

/** The appeal history: each stage (appeal, renewal, referral), its date, outcome and grounds. */
export function AppealStagesFields({
  form,
  fields,
}: {
  form: AssessmentFormMetadata;
  fields: Fields;
}) {
  const list = fields.appealStages;
  const items = list.getFieldList();
  return (
    <Repeatable
      form={form}
      field={list}
      title="Appeal stages"
      hint="Each stage in order: for example leave to appeal refused by the single judge, renewed to the full court."
      addLabel="Add an appeal stage"
      emptyText="No appeal stages recorded."
      count={items.length}
    >
      {items.map((item, index) => {
        const f = item.getFieldset();
        const legend = `Appeal stage ${index + 1}`;
        return (
          <fieldset key={item.key} className="fieldset repeatable-item">
            <legend className="repeatable-legend">{legend}</legend>
            <TextField
              field={f.stage}
              label="Stage"
              hint="For example Court of Appeal, full court"
            />
            <TextField field={f.date} label="Date" type="date" width="medium" />
            <TextField field={f.outcome} label="Outcome" />
            <TextareaField field={f.grounds} label="Grounds" rows={3} />
            <RemoveButton form={form} name={list.name} index={index} what={legend.toLowerCase()} />
          </fieldset>
        );
      })}
    </Repeatable>
  );
}

const REVIEW_BODIES: Option[] = [
  { value: "ccrc", label: "Criminal Cases Review Commission (CCRC)" },
  { value: "sccrc", label: "Scottish Criminal Cases Review Commission (SCCRC)" },
];

/** Earlier applications to the CCRC or SCCRC and what they decided. */
export function PriorReviewsFields({
  form,
  fields,
}: {
  form: AssessmentFormMetadata;
  fields: Fields;
}) {
  const list = fields.priorReviews;
  const items = list.getFieldList();
  return (
    <Repeatable
      form={form}
      field={list}
      title="Earlier CCRC or SCCRC applications"
      addLabel="Add an earlier CCRC or SCCRC application"
      emptyText="No earlier CCRC or SCCRC applications recorded."
      count={items.length}
    >
      {items.map((item, index) => {
        const f = item.getFieldset();
        const legend = `Earlier application ${index + 1}`;
        return (
          <fieldset key={item.key} className="fieldset repeatable-item">
            <legend className="repeatable-legend">{legend}</legend>
            <ChoiceField
              field={f.body}
              label="Which commission"
              type="radio"
              options={REVIEW_BODIES}
            />
            <TextField field={f.reference} label="Their reference" width="medium" />
            <TextField field={f.appliedOn} label="Date applied" type="date" width="medium" />
            <TextareaField field={f.decision} label="What they decided" rows={3} />
            <TextField
              field={f.decidedOn}
              label="Date of the decision"
              type="date"
              width="medium"
            />
            <RemoveButton form={form} name={list.name} index={index} what={legend.toLowerCase()} />
          </fieldset>
        );
      })}
    </Repeatable>
  );
}

const PRIORITIES: Option[] = Object.entries(PRIORITY_LABELS).map(([value, label]) => ({
  value,
  label,
}));

/** The lines of investigation that could settle the claim, from the categories list. */
export function InvestigationLinesFields({
  form,
  fields,
  categories,
}: {
  form: AssessmentFormMetadata;
  fields: Fields;
  categories: Option[];
}) {
  const list = fields.lines;
  const items = list.getFieldList();
  return (
    <Repeatable
      form={form}
      field={list}
      title="Lines of investigation"
      hint="What a project could do that might show whether the applicant is innocent. An eligible recommendation needs at least one."
      addLabel="Add a line of investigation"
      emptyText="No lines of investigation yet."
      count={items.length}
      addDefault={{ priority: "medium" }}
    >
      {items.map((item, index) => {
        const f = item.getFieldset();
        const legend = `Line of investigation ${index + 1}`;
        return (
          <fieldset key={item.key} className="fieldset repeatable-item">
            <legend className="repeatable-legend">{legend}</legend>
            <SelectField field={f.category} label="Category" options={categories} />
            <TextareaField field={f.description} label="What to investigate" rows={3} />
            <TextareaField field={f.rationale} label="Why it could settle the claim" rows={3} />
            <ChoiceField field={f.priority} label="Priority" type="radio" options={PRIORITIES} />
            <RemoveButton form={form} name={list.name} index={index} what={legend.toLowerCase()} />
          </fieldset>
        );
      })}
    </Repeatable>
  );
}

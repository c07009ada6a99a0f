import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { CsrfInput, ErrorSummary, SelectField } from "~/ui/forms";
import { ASSIGN_FORM_ID } from "./assessment-queue-table";
import { BulkAssignSchema } from "./bulk-assign-schema";

export interface BulkAssignResult {
  assessorName: string;
  started: { id: string; reference: string }[];
  handedOver: { id: string; reference: string }[];
  skipped: { id: string; reference: string; reason: string }[];
}

/**
 * Assigns the ticked applications to an assessor: starts the assessment of those not yet
 * started, hands over those already open. Works without JavaScript.
 */
export function BulkAssignForm({
  assessors,
  lastResult,
  outcome,
}: {
  assessors: { value: string; label: string }[];
  lastResult?: SubmissionResult<string[]>;
  outcome: BulkAssignResult | null;
}) {
  const [form, fields] = useForm({
    id: ASSIGN_FORM_ID,
    lastResult,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: BulkAssignSchema }),
  });
  return (
    <section aria-labelledby="assign-heading" className="bulk-actions">
      <h2 id="assign-heading">Assign the selected applications</h2>
      {outcome ? <AssignOutcome outcome={outcome} /> : null}
      <ErrorSummary form={form} fields={{ ids: fields.ids, assessorId: fields.assessorId }} />
      <div
        id={fields.ids.id}
        className={`field${fields.ids.errors ? " field-error" : ""}`}
        tabIndex={-1}
      >
        <p className="hint">
          Tick applications in the queue, then choose an assessor. An application nobody has started
          is taken for assessment in their name; an open assessment is handed over to them.
        </p>
        {fields.ids.errors ? (
          <p className="error-message">
            <span className="visually-hidden">Error: </span>
            {fields.ids.errors[0]}
          </p>
        ) : null}
      </div>
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <div className="filter-bar">
          <SelectField field={fields.assessorId} label="Assessor" options={assessors} />
          <button type="submit" className="button button-secondary">
            Assign
          </button>
        </div>
      </Form>
    </section>
  );
}

function references(items: { reference: string }[]): string {
  return items.map((i) => i.reference).join(", ");
}

function AssignOutcome({ outcome }: { outcome: BulkAssignResult }) {
  const { started, handedOver, skipped, assessorName } = outcome;
  return (
    <div className={`notice${skipped.length > 0 ? " notice-warning" : ""}`} role="status">
      <p>
        {started.length > 0
          ? `Started ${started.length} ${started.length === 1 ? "assessment" : "assessments"} for ${assessorName}: ${references(started)}. `
          : ""}
        {handedOver.length > 0
          ? `Handed ${handedOver.length} ${handedOver.length === 1 ? "assessment" : "assessments"} over to ${assessorName}: ${references(handedOver)}. `
          : ""}
        {started.length + handedOver.length === 0 ? "Nothing was assigned. " : ""}
        {skipped.length > 0 ? `${skipped.length} left as they were:` : ""}
      </p>
      {skipped.length > 0 ? (
        <ul>
          {skipped.map((s) => (
            <li key={s.id}>
              {s.reference || "An application"}: {s.reason}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

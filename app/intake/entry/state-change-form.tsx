import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { ChoiceField, CsrfInput, ErrorSummary, SelectField, TextField } from "~/ui/forms";
import { type ApplicationState, CLOSED_REASONS, STATE_LABELS } from "../transitions";
import { StateChangeSchema } from "./state-change-schema";

/** Moves an application on: only the states allowed from where it is are offered. */
export function StateChangeForm({
  applicationId,
  next,
  lastResult,
}: {
  applicationId: string;
  next: readonly ApplicationState[];
  lastResult?: SubmissionResult<string[]> | null;
}) {
  const [form, fields] = useForm({
    id: "state-change",
    lastResult,
    constraint: getZodConstraint(StateChangeSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StateChangeSchema }),
  });
  if (next.length === 0) return <p>This application's state cannot be changed from here.</p>;
  return (
    <>
      <ErrorSummary
        form={form}
        fields={{ to: fields.to, closedReason: fields.closedReason, chaseOn: fields.chaseOn }}
      />
      <Form method="post" action={`/applications/${applicationId}/state`} {...getFormProps(form)}>
        <CsrfInput />
        <SelectField
          field={fields.to}
          label="Move it to"
          options={next.map((s) => ({ value: s, label: STATE_LABELS[s] }))}
        />
        {next.includes("closed") ? (
          <ChoiceField
            field={fields.closedReason}
            label="Why it is being closed (only when closing)"
            type="radio"
            options={[
              { value: "withdrawn", label: CLOSED_REASONS.withdrawn },
              { value: "duplicate", label: CLOSED_REASONS.duplicate },
            ]}
          />
        ) : null}
        {next.includes("awaiting_information") ? (
          <TextField
            field={fields.chaseOn}
            label="Chase on (only when waiting for information, optional)"
            hint="When to write again if nothing arrives, for example 2026-12-18"
            type="date"
            width="medium"
          />
        ) : null}
        <button type="submit" className="button">
          Change state
        </button>
      </Form>
    </>
  );
}

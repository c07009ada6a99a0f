import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { REQUEST_KINDS } from "~/db/schema/data-protection";
import { ChoiceField, CsrfInput, ErrorSummary, TextareaField, TextField } from "~/ui/forms";
import { KIND_LABELS, RequestSchema } from "../schemas";

export interface RequestFormValues {
  kind?: string;
  personName?: string;
  personDetails?: string;
  applicantId?: string;
  contactAddress?: string;
  identityCheck?: string;
  details?: string;
  receivedOn?: string;
  version?: string;
}

/** Logging a request, or correcting what was logged: the same fields, under their error summary. */
export function RequestForm({
  id,
  intent,
  lastResult,
  defaultValue,
  submit,
}: {
  id: string;
  intent: string;
  lastResult: SubmissionResult<string[]> | undefined;
  defaultValue: RequestFormValues;
  submit: string;
}) {
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RequestSchema }),
  });
  return (
    <>
      <ErrorSummary
        form={form}
        fields={{
          kind: fields.kind,
          personName: fields.personName,
          personDetails: fields.personDetails,
          applicantId: fields.applicantId,
          contactAddress: fields.contactAddress,
          identityCheck: fields.identityCheck,
          details: fields.details,
          receivedOn: fields.receivedOn,
        }}
      />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="intent" value={intent} />
        {defaultValue.version ? (
          <input type="hidden" name="version" value={defaultValue.version} />
        ) : null}
        <ChoiceField
          field={fields.kind}
          label="What the person asks for"
          type="radio"
          options={REQUEST_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
        />
        <TextField field={fields.personName} label="The person's name" />
        <TextareaField
          field={fields.personDetails}
          label="Other names, date of birth and prisoner number (optional)"
          hint="One to a line, for example 1984-02-17 or A1234BC. The search for their records uses them."
          rows={3}
        />
        <TextField
          field={fields.applicantId}
          label="The applicant's record (optional)"
          hint="If the person is an applicant, the id in the address of their applicant page."
        />
        <TextareaField field={fields.contactAddress} label="Address to reply to" rows={3} />
        <TextareaField
          field={fields.identityCheck}
          label="How their identity was checked"
          hint="For example: prisoner number and date of birth match the record; letter came through the prison."
          rows={2}
        />
        <TextareaField
          field={fields.details}
          label="What they ask for, in their words (optional)"
          hint="For a correction or erasure: what is to be corrected or erased, and why."
          rows={4}
        />
        <TextField field={fields.receivedOn} label="Received on" type="date" width="medium" />
        <button type="submit" className="button">
          {submit}
        </button>
      </Form>
    </>
  );
}

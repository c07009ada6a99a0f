import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { CsrfInput, ErrorSummary, TextareaField, TextField } from "~/ui/forms";
import { BreachSchema } from "../schemas";

/** Recording a breach: what happened, when it was found (the 72 hours start there). */
export function BreachForm({ lastResult }: { lastResult: SubmissionResult<string[]> | undefined }) {
  const [form, fields] = useForm({
    id: "breach",
    lastResult,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: BreachSchema }),
  });
  return (
    <>
      <ErrorSummary
        form={form}
        fields={{
          title: fields.title,
          whatHappened: fields.whatHappened,
          discoveredAt: fields.discoveredAt,
          occurredAt: fields.occurredAt,
          dataAffected: fields.dataAffected,
          peopleAffected: fields.peopleAffected,
        }}
      />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="record" />
        <TextField
          field={fields.title}
          label="Short title"
          hint="For example: letter sent to the wrong prison"
        />
        <TextareaField field={fields.whatHappened} label="What happened" />
        <TextField
          field={fields.discoveredAt}
          type="datetime-local"
          label="When the organisation found out"
          hint="UK time. The 72 hours to tell the ICO run from here."
        />
        <TextField
          field={fields.occurredAt}
          type="datetime-local"
          label="When it happened (if known)"
        />
        <TextareaField
          field={fields.dataAffected}
          label="What personal data was involved (if known)"
          hint="The kinds of data, not the data itself: for example, an applicant's conviction and prison number."
          rows={3}
        />
        <TextField
          field={fields.peopleAffected}
          label="How many people are affected (if known)"
          width="short"
        />
        <button type="submit" className="button">
          Record the breach
        </button>
      </Form>
    </>
  );
}

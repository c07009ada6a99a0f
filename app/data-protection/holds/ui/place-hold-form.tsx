import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { ChoiceField, CsrfInput, ErrorSummary, TextareaField, TextField } from "~/ui/forms";
import { HOLD_TARGET_LABELS, type PlaceHoldInput, PlaceHoldSchema } from "../schemas";

/** Placing a legal hold: on what, why and until when. */
export function PlaceHoldForm({
  lastResult,
  defaultValue,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  defaultValue?: { targetType?: string; reference?: string };
}) {
  const [form, fields] = useForm<PlaceHoldInput>({
    id: "place-hold",
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PlaceHoldSchema }),
  });
  return (
    <>
      <ErrorSummary
        form={form}
        fields={{
          targetType: fields.targetType,
          reference: fields.reference,
          reason: fields.reason,
          until: fields.until,
        }}
      />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="place" />
        <ChoiceField
          field={fields.targetType}
          label="What the hold is on"
          type="radio"
          options={Object.entries(HOLD_TARGET_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <TextField
          field={fields.reference}
          label="Reference"
          hint="The application's or case's reference, for example CN-2026-00042. For an applicant, the reference of any of their applications."
          width="medium"
        />
        <TextareaField
          field={fields.reason}
          label="Why the records must be kept"
          hint="For example: a claim has been made, a complaint is open, the police have asked for the file. Name no one."
          rows={3}
        />
        <TextField
          field={fields.until}
          label="Until (optional)"
          hint="The hold lapses at the end of this day. Leave it empty to hold until released."
          type="date"
        />
        <button type="submit" className="button">
          Place the hold
        </button>
      </Form>
    </>
  );
}

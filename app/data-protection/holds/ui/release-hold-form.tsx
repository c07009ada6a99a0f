import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { CsrfInput, ErrorSummary, TextareaField } from "~/ui/forms";
import { ReleaseHoldSchema } from "../schemas";

/** Releasing one hold, with the reason. */
export function ReleaseHoldForm({
  holdId,
  label,
  lastResult,
}: {
  holdId: string;
  label: string;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const [form, fields] = useForm({
    id: `release-${holdId}`,
    lastResult,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReleaseHoldSchema }),
  });
  return (
    <>
      <ErrorSummary form={form} fields={{ releaseReason: fields.releaseReason }} />
      <Form method="post" {...getFormProps(form)} aria-label={`Release the hold on ${label}`}>
        <CsrfInput />
        <input type="hidden" name="intent" value="release" />
        <input type="hidden" name="holdId" value={holdId} />
        <TextareaField
          field={fields.releaseReason}
          label={`Why the hold on ${label} is released`}
          rows={2}
        />
        <button type="submit" className="button button-secondary">
          Release the hold
        </button>
      </Form>
    </>
  );
}

import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { ChoiceField, CsrfInput, ErrorSummary, TextareaField } from "~/ui/forms";
import { CloseSchema } from "../schemas";

const OUTCOMES: Record<string, { value: string; label: string }[]> = {
  access: [
    { value: "completed", label: "Completed: the bundle was sent" },
    { value: "refused", label: "Refused (manifestly unfounded or excessive)" },
    { value: "withdrawn", label: "Withdrawn by the person" },
  ],
  rectification: [
    { value: "completed", label: "Completed: the records were corrected" },
    { value: "refused", label: "Refused: the records are accurate" },
    { value: "withdrawn", label: "Withdrawn by the person" },
  ],
  erasure: [
    { value: "completed", label: "Erase the records and complete" },
    { value: "refused", label: "Refused: the records must be kept" },
    { value: "withdrawn", label: "Withdrawn by the person" },
  ],
};

/** Closing a request with the decision and its reasons. */
export function CloseForm({
  kind,
  lastResult,
}: {
  kind: string;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const [form, fields] = useForm({
    id: "close-request",
    lastResult,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CloseSchema }),
  });
  return (
    <>
      <ErrorSummary form={form} fields={{ outcome: fields.outcome, decision: fields.decision }} />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="close" />
        <ChoiceField
          field={fields.outcome}
          label="How the request ends"
          type="radio"
          options={OUTCOMES[kind] ?? []}
        />
        <TextareaField
          field={fields.decision}
          label="The decision and its reasons"
          hint={
            kind === "rectification"
              ? "What was corrected, where, and why; or why the records are accurate."
              : "What was decided and why; this is what the requester is told."
          }
          rows={5}
        />
        <button type="submit" className="button">
          Close the request
        </button>
      </Form>
    </>
  );
}

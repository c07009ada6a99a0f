import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { CsrfInput, ErrorSummary, TextareaField, TextField } from "~/ui/forms";
import { ReviewSchema } from "../schemas";

/**
 * The form of a case review, to record one or to correct it: the date, who attended, the
 * decisions and the actions, under its error summary.
 */
export function ReviewForm({
  id,
  intent,
  lastResult,
  defaultValue,
  submit,
}: {
  id: string;
  /** The page's intent this form posts: `add` on the list, `change` on the correction page. */
  intent: string;
  lastResult: SubmissionResult<string[]> | undefined;
  defaultValue?: { heldOn: string; attendees: string; decisions: string; actions: string };
  submit: string;
}) {
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue,
    constraint: getZodConstraint(ReviewSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReviewSchema }),
  });
  return (
    <>
      <ErrorSummary
        form={form}
        fields={{
          heldOn: fields.heldOn,
          attendees: fields.attendees,
          decisions: fields.decisions,
          actions: fields.actions,
        }}
      />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="intent" value={intent} />
        <TextField field={fields.heldOn} label="Date of the review" type="date" width="medium" />
        <TextareaField field={fields.attendees} label="Who attended" rows={2} />
        <TextareaField field={fields.decisions} label="Decisions" rows={5} />
        <TextareaField
          field={fields.actions}
          label="Actions"
          hint="What is to be done, by whom and by when."
          rows={5}
        />
        <button type="submit" className="button">
          {submit}
        </button>
      </Form>
    </>
  );
}

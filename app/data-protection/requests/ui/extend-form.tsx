import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { CsrfInput, ErrorSummary, TextareaField, TextField } from "~/ui/forms";
import { ExtendSchema } from "../schemas";

/** Extending the deadline: the new date (at most two further months) and the reason. */
export function ExtendForm({
  latest,
  lastResult,
}: {
  latest: string;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const [form, fields] = useForm({
    id: "extend-request",
    lastResult,
    defaultValue: { extendTo: latest },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ExtendSchema }),
  });
  return (
    <>
      <ErrorSummary form={form} fields={{ extendTo: fields.extendTo, reason: fields.reason }} />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="extend" />
        <TextField
          field={fields.extendTo}
          label="Answer by"
          hint={`No later than ${latest}.`}
          type="date"
          width="medium"
        />
        <TextareaField
          field={fields.reason}
          label="Why more time is needed"
          hint="The letter to the requester gives this reason."
          rows={3}
        />
        <button type="submit" className="button button-secondary">
          Extend and write the letter
        </button>
      </Form>
    </>
  );
}

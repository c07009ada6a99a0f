import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { ChoiceField, CsrfInput, ErrorSummary } from "~/ui/forms";
import { ApproveSweepSchema } from "../schemas";

/** Approving a dry run: the confirmation must be ticked. */
export function ApproveForm({
  total,
  lastResult,
}: {
  total: number;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const [form, fields] = useForm({
    id: "approve-sweep",
    lastResult,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ApproveSweepSchema }),
  });
  return (
    <>
      <ErrorSummary form={form} fields={{ confirm: fields.confirm }} />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="approve" />
        <ChoiceField
          field={fields.confirm}
          label="Confirm the sweep"
          type="checkbox"
          options={[
            {
              value: "yes",
              label: `Erase or anonymise the ${total} records listed as due. This cannot be undone.`,
            },
          ]}
        />
        <button type="submit" className="button button-warning">
          Approve the sweep
        </button>
      </Form>
    </>
  );
}

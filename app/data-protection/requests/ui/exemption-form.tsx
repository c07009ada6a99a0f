import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { CheckboxField } from "~/casework/notes/checkbox-field";
import { CsrfInput, ErrorSummary, TextareaField, TextField } from "~/ui/forms";
import { ExemptionSchema } from "../schemas";

/** Adding an exemption to the list, or changing one (its name, description, whether in use). */
export function ExemptionForm({
  exemption,
  lastResult,
}: {
  exemption: { id: string; label: string; description: string; active: boolean } | null;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const [form, fields] = useForm({
    id: exemption ? `exemption-${exemption.id}` : "new-exemption",
    lastResult,
    defaultValue: exemption
      ? {
          exemptionId: exemption.id,
          label: exemption.label,
          description: exemption.description,
          active: exemption.active ? "on" : "",
        }
      : {},
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ExemptionSchema }),
  });
  return (
    <>
      <ErrorSummary form={form} fields={{ label: fields.label, description: fields.description }} />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="save" />
        {exemption ? <input type="hidden" name="exemptionId" value={exemption.id} /> : null}
        <TextField field={fields.label} label="Name" />
        <TextareaField field={fields.description} label="What it covers (optional)" rows={2} />
        {exemption ? (
          <CheckboxField
            field={fields.active}
            label="In use"
            hint="An exemption no longer in use stays on the items already withheld under it."
          />
        ) : null}
        <button type="submit" className="button button-secondary">
          {exemption ? "Save the exemption" : "Add the exemption"}
        </button>
      </Form>
    </>
  );
}

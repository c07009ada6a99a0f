import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { z } from "zod";
import { CheckboxField } from "~/casework/notes/checkbox-field";
import { CsrfInput, ErrorSummary } from "~/ui/forms";

/**
 * Removing an entry of the case file (a time entry, a review, papers) needs a box ticked, so
 * that one click cannot remove it.
 */
export const RemovalSchema = z.object({
  confirm: z.literal("on", { error: "Tick the box to confirm that it is to be removed" }),
});

/**
 * The removal form of a correction page: a warning, the confirmation box and the button.
 * It posts `intent=remove` to the page's own action, which answers a missing tick with the
 * error summary, with JavaScript on or off.
 */
export function ConfirmRemoval({
  lastResult,
  heading,
  warning,
  confirmLabel,
  button,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  heading: string;
  warning: string;
  confirmLabel: string;
  button: string;
}) {
  const [form, fields] = useForm({
    id: "remove",
    lastResult,
    constraint: getZodConstraint(RemovalSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RemovalSchema }),
  });
  return (
    <section aria-labelledby="remove-heading" className="narrow">
      <h2 id="remove-heading">{heading}</h2>
      <p>{warning}</p>
      <ErrorSummary form={form} fields={{ confirm: fields.confirm }} />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="remove" />
        <CheckboxField field={fields.confirm} label={confirmLabel} required />
        <button type="submit" className="button button-warning">
          {button}
        </button>
      </Form>
    </section>
  );
}

import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { CsrfInput, ErrorSummary, SelectField, TextareaField, TextField } from "~/ui/forms";
import { ACTION_LABELS, type RetentionAction } from "../classes";
import { ChangeRuleSchema } from "../schemas";

/** One line of the retention schedule, to change its period, action and reason. */
export function RuleForm({
  recordClass,
  label,
  actions,
  defaultValue,
  lastResult,
}: {
  recordClass: string;
  label: string;
  actions: readonly RetentionAction[];
  defaultValue: { periodMonths: number; action: string; reason: string; version: number };
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const [form, fields] = useForm({
    id: `rule-${recordClass}`,
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue: {
      ...defaultValue,
      periodMonths: String(defaultValue.periodMonths),
      version: String(defaultValue.version),
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangeRuleSchema }),
  });
  return (
    <>
      <ErrorSummary
        form={form}
        fields={{ periodMonths: fields.periodMonths, action: fields.action, reason: fields.reason }}
      />
      <Form method="post" {...getFormProps(form)} aria-label={`Change: ${label}`}>
        <CsrfInput />
        <input type="hidden" name="intent" value="change" />
        <input type="hidden" name="recordClass" value={recordClass} />
        <input type="hidden" name="version" value={defaultValue.version} />
        <TextField
          field={fields.periodMonths}
          label="Period in months"
          type="number"
          width="short"
        />
        <SelectField
          field={fields.action}
          label="When the period ends"
          options={actions.map((a) => ({ value: a, label: ACTION_LABELS[a] }))}
        />
        <TextareaField field={fields.reason} label="Why this period" rows={3} />
        <button type="submit" className="button button-secondary">
          Save this line
        </button>
      </Form>
    </>
  );
}

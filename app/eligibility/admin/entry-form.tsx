import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { ChoiceField, CsrfInput, ErrorSummary, TextareaField, TextField } from "~/ui/forms";
import { ENTRY_SCHEMAS, type ListName } from "./schemas";

export interface EntryDefaults {
  label?: string;
  description?: string;
  letterText?: string;
  requiresReview?: boolean;
  stamp?: string;
}

/** Adding or changing an entry of one of the lists: the fields that list has. */
export function EntryForm({
  list,
  defaultValue,
  lastResult,
  submitLabel,
}: {
  list: ListName;
  defaultValue: EntryDefaults;
  lastResult?: SubmissionResult<string[]>;
  submitLabel: string;
}) {
  const schema = ENTRY_SCHEMAS[list];
  const [form, fields] = useForm({
    id: `entry-${list}`,
    lastResult,
    defaultValue: {
      label: defaultValue.label ?? "",
      description: defaultValue.description ?? "",
      letterText: defaultValue.letterText ?? "",
      requiresReview:
        defaultValue.requiresReview === undefined
          ? "yes"
          : defaultValue.requiresReview
            ? "yes"
            : "no",
      stamp: defaultValue.stamp,
    },
    constraint: getZodConstraint(schema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  // Conform's field metadata for fields only some lists have.
  const all = fields as unknown as Record<
    "label" | "description" | "letterText" | "requiresReview" | "stamp",
    typeof fields.label
  >;
  const shown: Record<string, typeof fields.label> =
    list === "suspected-causes"
      ? { label: all.label, description: all.description }
      : list === "ineligibility-reasons"
        ? { label: all.label, letterText: all.letterText, requiresReview: all.requiresReview }
        : { label: all.label };
  return (
    <>
      <ErrorSummary form={form} fields={shown} />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="intent" value={list} />
        {defaultValue.stamp ? (
          <input type="hidden" name={all.stamp.name} value={defaultValue.stamp} />
        ) : null}
        <TextField
          field={all.label}
          label="Label"
          hint="As assessors see it in the list. A new entry's key is made from it and does not change on a rename."
        />
        {list === "suspected-causes" ? (
          <TextareaField
            field={all.description}
            label="Description (optional)"
            hint="Shown to assessors beside the label"
            rows={3}
          />
        ) : null}
        {list === "ineligibility-reasons" ? (
          <>
            <TextareaField
              field={all.letterText}
              label="What the decision letter says"
              hint="One plain-English paragraph, addressed to the applicant"
              rows={5}
            />
            <ChoiceField
              field={all.requiresReview}
              label="Must a second reviewer agree before an application is found ineligible for this reason?"
              type="radio"
              options={[
                { value: "yes", label: "Yes" },
                { value: "no", label: "No" },
              ]}
            />
          </>
        ) : null}
        <button type="submit" className="button">
          {submitLabel}
        </button>
      </Form>
    </>
  );
}

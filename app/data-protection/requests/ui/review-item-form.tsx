import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { ChoiceField, CsrfInput, ErrorSummary, SelectField, TextareaField } from "~/ui/forms";
import { ReviewSchema } from "../schemas";

const DECISIONS = [
  { value: "released", label: "Release it whole" },
  { value: "redacted", label: "Release it with passages removed" },
  { value: "withheld", label: "Withhold it under an exemption" },
];

/** The officer's decision on one item: released, passages removed, or withheld and why. */
export function ReviewItemForm({
  item,
  exemptions,
  lastResult,
}: {
  item: {
    id: string;
    title: string;
    decision: string;
    exemptionId: string | null;
    redactions: string[];
    note: string | null;
  };
  exemptions: { id: string; label: string; active: boolean }[];
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const [form, fields] = useForm({
    id: `review-${item.id}`,
    lastResult,
    defaultValue: {
      itemId: item.id,
      decision: item.decision === "pending" ? "" : item.decision,
      exemptionId: item.exemptionId ?? "",
      redactions: item.redactions.join("\n"),
      note: item.note ?? "",
    },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReviewSchema }),
  });
  return (
    <details className="case-action" open={lastResult ? true : undefined}>
      <summary>
        Decide<span className="visually-hidden"> on {item.title}</span>
      </summary>
      <ErrorSummary
        form={form}
        fields={{
          decision: fields.decision,
          exemptionId: fields.exemptionId,
          redactions: fields.redactions,
        }}
      />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="review" />
        <input type="hidden" name="itemId" value={item.id} />
        <ChoiceField field={fields.decision} label="Decision" type="radio" options={DECISIONS} />
        <SelectField
          field={fields.exemptionId}
          label="Exemption relied on (when withheld)"
          options={exemptions
            .filter((e) => e.active || e.id === item.exemptionId)
            .map((e) => ({ value: e.id, label: e.label }))}
        />
        <TextareaField
          field={fields.redactions}
          label="Passages to remove (when released with passages removed)"
          hint="Type each passage exactly as it appears, one to a line, for example a witness's name. Every occurrence is taken out of the released copy."
          rows={3}
        />
        <TextareaField field={fields.note} label="Note (optional)" rows={2} />
        <button type="submit" className="button button-secondary">
          Save the decision<span className="visually-hidden"> on {item.title}</span>
        </button>
      </Form>
    </details>
  );
}

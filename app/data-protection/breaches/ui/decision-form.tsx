import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { toLondonLocal } from "~/shared/uk-time";
import { ChoiceField, CsrfInput, ErrorSummary, TextareaField, TextField } from "~/ui/forms";
import { BreachDecisionSchema, DECISION_LABELS, RISK_LABELS } from "../schemas";

interface Current {
  version: number;
  risk: string | null;
  decision: string;
  decisionReasons: string | null;
  reportedToIcoAt: Date | null;
  icoReference: string | null;
  whoWasTold: string;
  actionsTaken: string;
}

const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/** Assessing a breach and recording the decision, the report and who was told. */
export function DecisionForm({
  current,
  lastResult,
}: {
  current: Current;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const [form, fields] = useForm({
    id: "decision",
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue: {
      version: String(current.version),
      risk: current.risk ?? undefined,
      decision: current.decision,
      decisionReasons: current.decisionReasons ?? "",
      reportedToIcoAt: current.reportedToIcoAt ? toLondonLocal(current.reportedToIcoAt) : "",
      icoReference: current.icoReference ?? "",
      whoWasTold: current.whoWasTold,
      actionsTaken: current.actionsTaken,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: BreachDecisionSchema }),
  });
  return (
    <>
      <ErrorSummary
        form={form}
        fields={{
          risk: fields.risk,
          decision: fields.decision,
          decisionReasons: fields.decisionReasons,
          reportedToIcoAt: fields.reportedToIcoAt,
          icoReference: fields.icoReference,
          whoWasTold: fields.whoWasTold,
          actionsTaken: fields.actionsTaken,
        }}
      />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="decide" />
        <input type="hidden" name={fields.version.name} value={String(current.version)} />
        <ChoiceField
          field={fields.risk}
          type="radio"
          label="How likely is the breach to harm the people affected?"
          options={options(RISK_LABELS)}
        />
        <ChoiceField
          field={fields.decision}
          type="radio"
          label="Decision"
          hint="A breach that is likely to result in a risk to people is reported to the ICO."
          options={options(DECISION_LABELS)}
        />
        <TextareaField field={fields.decisionReasons} label="Reasons for the decision" rows={4} />
        <TextField
          field={fields.reportedToIcoAt}
          type="datetime-local"
          label="When it was reported to the ICO"
          hint="UK time. Leave empty until it has been."
        />
        <TextField field={fields.icoReference} label="The ICO's reference" width="medium" />
        <TextareaField
          field={fields.whoWasTold}
          label="Who was told, and when"
          hint="The people affected, another controller such as a member project, the police."
          rows={3}
        />
        <TextareaField field={fields.actionsTaken} label="What was done about it" rows={4} />
        <button type="submit" className="button">
          Save the assessment
        </button>
      </Form>
    </>
  );
}

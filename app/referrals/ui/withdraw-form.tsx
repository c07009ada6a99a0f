import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { CsrfInput, ErrorSummary, TextareaField } from "~/ui/forms";
import { WithdrawOfferSchema, WithdrawReferralSchema } from "../schemas";

const KINDS = {
  "withdraw-offer": {
    schema: WithdrawOfferSchema,
    idField: "offerId",
    label: "Why is the offer withdrawn?",
    hint: "The project's leads are told, with this reason.",
    button: "Withdraw the offer",
  },
  "withdraw-referral": {
    schema: WithdrawReferralSchema,
    idField: "caseId",
    label: "Why is the referral withdrawn?",
    hint: "The project's leads are told, with this reason. The case comes back to the referral queue; the project keeps its closed file.",
    button: "Withdraw the referral",
  },
} as const;

/** Taking back an open offer, or an accepted case from its project: a reason is required. */
export function WithdrawForm({
  intent,
  id,
  lastResult,
}: {
  intent: keyof typeof KINDS;
  /** The offer's or the case's id. */
  id: string;
  lastResult: SubmissionResult<string[]> | null | undefined;
}) {
  const kind = KINDS[intent];
  const [form, fields] = useForm({
    id: intent,
    lastResult,
    constraint: getZodConstraint(kind.schema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: kind.schema }),
  });
  return (
    <>
      <ErrorSummary form={form} fields={{ reason: fields.reason }} />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="intent" value={intent} />
        <input type="hidden" name={kind.idField} value={id} />
        <TextareaField field={fields.reason} label={kind.label} hint={kind.hint} rows={4} />
        <button type="submit" className="button button-warning">
          {kind.button}
        </button>
      </Form>
    </>
  );
}

import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { CsrfInput, ErrorSummary, SelectField, TextareaField, TextField } from "~/ui/forms";
import { ChaseSchema, ReplySchema } from "../paper-schemas";
import type { FormResult, PaperRequest } from "./form-result";

/** Recording that a request was chased, and when to chase it next. */
export function ChaseForm({ r, lastResult }: { r: PaperRequest; lastResult: FormResult }) {
  const [form, fields] = useForm({
    id: `chase-${r.id}`,
    lastResult,
    constraint: getZodConstraint(ChaseSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChaseSchema }),
  });
  return (
    <>
      <ErrorSummary
        form={form}
        fields={{ chasedOn: fields.chasedOn, nextChaseOn: fields.nextChaseOn }}
      />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="chase" />
        <input type="hidden" name="requestId" value={r.id} />
        <TextField field={fields.chasedOn} label="Chased on" type="date" width="medium" />
        <TextField
          field={fields.nextChaseOn}
          label="Chase again on (optional)"
          type="date"
          width="medium"
        />
        <button type="submit" className="button">
          Record the chaser
        </button>
      </Form>
    </>
  );
}

/** Recording the reply to a request: papers sent, or refused. */
export function ReplyForm({ r, lastResult }: { r: PaperRequest; lastResult: FormResult }) {
  const [form, fields] = useForm({
    id: `reply-${r.id}`,
    lastResult,
    constraint: getZodConstraint(ReplySchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReplySchema }),
  });
  return (
    <>
      <ErrorSummary
        form={form}
        fields={{ status: fields.status, repliedOn: fields.repliedOn, reply: fields.reply }}
      />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="reply" />
        <input type="hidden" name="requestId" value={r.id} />
        <SelectField
          field={fields.status}
          label="The reply"
          options={[
            { value: "answered", label: "Answered: papers sent" },
            { value: "refused", label: "Refused" },
          ]}
        />
        <TextField field={fields.repliedOn} label="Date of the reply" type="date" width="medium" />
        <TextareaField field={fields.reply} label="What they said" rows={3} />
        <button type="submit" className="button">
          Record the reply
        </button>
      </Form>
    </>
  );
}

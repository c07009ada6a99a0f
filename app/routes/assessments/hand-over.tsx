import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { getApplicationBeside } from "~/eligibility/application-beside.server";
import { getAssessment } from "~/eligibility/get-assessment.server";
import { handOverAssessment, listAssessors } from "~/eligibility/hand-over.server";
import { STATUS_LABELS } from "~/eligibility/rules";
import { HandoverSchema } from "~/eligibility/schemas";
import { formAction, requireIds } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { CsrfInput, ErrorSummary, SelectField, TextareaField } from "~/ui/forms";
import type { Route } from "./+types/hand-over";

export const middleware: Route.MiddlewareFunction[] = [access(requires("assess:application:any"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  return asViewer(context, async (tx, acting) => {
    const { assessment: a } = await getAssessment(tx, acting, id, "hand-over");
    const application = await getApplicationBeside(tx, a.applicationId);
    const assessors = await listAssessors(tx);
    return {
      assessment: {
        id: a.id,
        status: a.status,
        version: a.version,
        assessorId: a.assessorId,
      },
      reference: application.reference,
      applicantName: application.applicant.fullName,
      assessors,
      viewerId: acting.viewer.id,
    };
  });
}

export const action = formAction({
  ids: ["id"],
  intents: (intent) => ({
    "hand-over": intent({
      schema: HandoverSchema,
      run: async (input, { tx, acting, ids }) => {
        await handOverAssessment(tx, acting, ids.id, input);
        return { taken: input.assessorId === acting.viewer.id };
      },
      done: ({ taken }, ids) => `/assessments/${ids.id}?${taken ? "taken" : "handed"}=1`,
    }),
  }),
});

export default function HandOver({ loaderData, actionData }: Route.ComponentProps) {
  const { assessment: a, assessors, viewerId } = loaderData;
  const [form, fields] = useForm({
    id: "hand-over",
    lastResult: resultFor(actionData, "hand-over"),
    defaultValue: { version: String(a.version) },
    constraint: getZodConstraint(HandoverSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: HandoverSchema }),
  });
  const current = assessors.find((s) => s.id === a.assessorId);
  const choices = assessors
    .filter((s) => s.id !== a.assessorId)
    .map((s) => ({ value: s.id, label: s.id === viewerId ? `${s.name} (you)` : s.name }));
  return (
    <div className="narrow">
      <title>{`Hand over the assessment of ${loaderData.reference} – Clearname`}</title>
      <p className="caption">
        {loaderData.reference} · {loaderData.applicantName}
      </p>
      <h1>Hand over the assessment</h1>
      <p>
        Assigned to{" "}
        {a.assessorId === viewerId ? "you" : (current?.name ?? "someone who can no longer assess")}{" "}
        ({STATUS_LABELS[a.status].toLowerCase()}). The draft and its history go with it.
      </p>
      {a.status === "decided" ? (
        <p>A decided assessment cannot be handed over.</p>
      ) : (
        <>
          <ErrorSummary form={form} fields={{ assessorId: fields.assessorId, note: fields.note }} />
          <Form method="post" {...getFormProps(form)}>
            <CsrfInput />
            <input type="hidden" name="version" value={a.version} />
            <SelectField field={fields.assessorId} label="Hand it to" options={choices} />
            <TextareaField
              field={fields.note}
              label="Note (optional)"
              hint="Why you are handing it over. It is kept in the audit trail with the hand-over."
              rows={3}
            />
            <button type="submit" className="button">
              Hand over
            </button>
          </Form>
        </>
      )}
      <p>
        <Link to={`/assessments/${a.id}`}>Back to the assessment</Link>
      </p>
    </div>
  );
}

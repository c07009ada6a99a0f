import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, Form, Link, redirect } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { getApplicationBeside } from "~/eligibility/application-beside.server";
import { getAssessment } from "~/eligibility/get-assessment.server";
import { handOverAssessment, listAssessors } from "~/eligibility/hand-over.server";
import { STATUS_LABELS } from "~/eligibility/rules";
import { HandoverSchema } from "~/eligibility/schemas";
import { AppError } from "~/errors/app-error";
import { CsrfInput, ErrorSummary, SelectField, TextareaField } from "~/ui/forms";
import type { Route } from "./+types/hand-over";

export const middleware: Route.MiddlewareFunction[] = [access(requires("assess:application:any"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  return asViewer(context, async (tx, acting) => {
    const { assessment: a } = await getAssessment(tx, acting, params.id, "hand-over");
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

export async function action({ request, params, context }: Route.ActionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: HandoverSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const input = submission.value;
  const outcome = await asViewer(context, async (tx, acting) => {
    try {
      await handOverAssessment(tx, acting, params.id, input);
      return { taken: input.assessorId === acting.viewer.id, error: null };
    } catch (error) {
      if (error instanceof AppError && (error.code === "INVALID" || error.code === "CONFLICT"))
        return {
          taken: false,
          error: {
            status: error.status,
            field: typeof error.details.field === "string" ? error.details.field : null,
            message: error.message,
          },
        };
      throw error;
    }
  });
  if (outcome.error) {
    const { field, message, status } = outcome.error;
    return data(
      {
        result: field
          ? submission.reply({ fieldErrors: { [field]: [message] } })
          : submission.reply({ formErrors: [message] }),
      },
      { status },
    );
  }
  throw redirect(`/assessments/${params.id}?${outcome.taken ? "taken" : "handed"}=1`);
}

export default function HandOver({ loaderData, actionData }: Route.ComponentProps) {
  const { assessment: a, assessors, viewerId } = loaderData;
  const [form, fields] = useForm({
    id: "hand-over",
    lastResult: actionData?.result,
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

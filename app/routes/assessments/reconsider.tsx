import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "react-router";
import type { z } from "zod";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { getApplicationBeside } from "~/eligibility/application-beside.server";
import { getAssessment } from "~/eligibility/get-assessment.server";
import { listApplicationAssessments } from "~/eligibility/list-application-assessments.server";
import { reconsider } from "~/eligibility/reconsider.server";
import { RECOMMENDATION_LABELS, reconsiderationRefusal } from "~/eligibility/rules";
import { ReconsiderationSchema } from "~/eligibility/schemas";
import { dayOf } from "~/eligibility/ui/labels";
import { STATE_LABELS } from "~/intake/transitions";
import { longDate } from "~/letters/merge";
import { formAction, requireIds } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { CsrfInput, ErrorSummary, TextareaField } from "~/ui/forms";
import type { Route } from "./+types/reconsider";

export const middleware: Route.MiddlewareFunction[] = [access(requires("assess:application:any"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  return asViewer(context, async (tx, acting) => {
    const found = await getAssessment(tx, acting, id, "reconsider");
    const a = found.assessment;
    const application = await getApplicationBeside(tx, a.applicationId);
    const history = await listApplicationAssessments(tx, a.applicationId);
    const latest = history[0];
    return {
      id: a.id,
      recommendation: a.recommendation,
      decidedOn: a.decidedAt ? dayOf(a.decidedAt) : null,
      reference: application.reference,
      applicantName: application.applicant.fullName,
      applicationState: application.state,
      // Said before the form, not only after a refused submit.
      refusal: reconsiderationRefusal({ status: a.status, isLatest: latest?.id === a.id }),
      latestId: latest && latest.id !== a.id ? latest.id : null,
    };
  });
}

export const action = formAction({
  ids: ["id"],
  intents: (intent) => ({
    reconsider: intent({
      schema: ReconsiderationSchema,
      run: (input, { tx, acting, ids }) => reconsider(tx, acting, ids.id, input),
      done: (opened) => `/assessments/${opened.id}`,
    }),
  }),
});

export default function Reconsider({ loaderData: d, actionData }: Route.ComponentProps) {
  const [form, fields] = useForm<z.input<typeof ReconsiderationSchema>>({
    id: "reconsideration",
    lastResult: resultFor(actionData, "reconsider"),
    constraint: getZodConstraint(ReconsiderationSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReconsiderationSchema }),
  });
  return (
    <div className="narrow">
      <title>{`Reconsideration of ${d.reference} – Clearname`}</title>
      <p className="caption">
        {d.reference} · {d.applicantName}
      </p>
      <h1>Record a request for reconsideration</h1>
      <dl className="summary-list">
        <div>
          <dt>Decision</dt>
          <dd>
            {d.recommendation ? RECOMMENDATION_LABELS[d.recommendation] : "Not decided"}
            {d.decidedOn ? `, recorded on ${longDate(d.decidedOn)}` : ""}
          </dd>
        </div>
        <div>
          <dt>The application is now</dt>
          <dd>{STATE_LABELS[d.applicationState]}</dd>
        </div>
      </dl>
      {d.refusal ? (
        <div className="notice notice-warning">
          <p>{d.refusal}</p>
          {d.latestId ? (
            <p>
              <Link to={`/assessments/${d.latestId}`}>Go to the latest assessment</Link>
            </p>
          ) : null}
        </div>
      ) : (
        <>
          <p>
            A new assessment opens, assigned to you, with the answers and lines of investigation of
            this one to start from. This decision and its letter are kept as they are, and the new
            assessment is linked to it. The application moves back to “
            {STATE_LABELS.under_assessment}”.
          </p>
          <ErrorSummary form={form} fields={{ reason: fields.reason }} />
          <Form method="post" {...getFormProps(form)}>
            <CsrfInput />
            <TextareaField
              field={fields.reason}
              label="Why does the applicant ask for reconsideration?"
              hint="What they say was wrong, or the new information they have. It is kept with the new assessment."
              rows={6}
            />
            <button type="submit" className="button">
              Open a new assessment
            </button>
          </Form>
        </>
      )}
      <p>
        <Link to={`/assessments/${d.id}`}>Back to the assessment of {d.reference}</Link>
      </p>
    </div>
  );
}

import { and, eq, ne } from "drizzle-orm";
import { Form, Link } from "react-router";
import { z } from "zod";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { applications, assessments } from "~/db/schema";
import { startAssessment } from "~/eligibility/start-assessment.server";
import { notFound } from "~/errors/app-error";
import { STATE_LABELS } from "~/intake/transitions";
import { formAction, requireIds } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { CsrfInput } from "~/ui/forms";
import type { Route } from "./+types/assess";

export const middleware: Route.MiddlewareFunction[] = [access(requires("assess:application:any"))];

/** The confirm page (the button on the application's page posts here directly). */
export async function loader({ params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  return asViewer(context, async (tx) => {
    const [application] = await tx
      .select({ id: applications.id, reference: applications.reference, state: applications.state })
      .from(applications)
      .where(eq(applications.id, id));
    if (!application) throw notFound("application");
    const [open] = await tx
      .select({ id: assessments.id })
      .from(assessments)
      .where(and(eq(assessments.applicationId, id), ne(assessments.status, "decided")));
    return { application, openAssessmentId: open?.id ?? null };
  });
}

export const action = formAction({
  ids: ["id"],
  intents: (intent) => ({
    assess: intent({
      schema: z.object({}),
      run: (_, { tx, acting, ids }) => startAssessment(tx, acting, ids.id),
      done: ({ id, created }) => `/assessments/${id}?${created ? "started" : "open"}=1`,
    }),
  }),
});

export default function AssessApplication({ loaderData, actionData }: Route.ComponentProps) {
  const { application: a, openAssessmentId } = loaderData;
  const error = resultFor(actionData, "assess")?.error?.[""]?.join(" ");
  return (
    <div className="narrow">
      <title>{`Assess ${a.reference} – Clearname`}</title>
      <p className="caption">{a.reference}</p>
      <h1>Assess this application</h1>
      {error ? (
        <div className="error-summary" role="alert" aria-labelledby="assess-error-title">
          <h2 id="assess-error-title">It cannot be assessed now</h2>
          <p>{error}</p>
        </div>
      ) : null}
      {openAssessmentId ? (
        <p>
          This application is already being assessed.{" "}
          <Link to={`/assessments/${openAssessmentId}`}>Open the assessment</Link>
        </p>
      ) : (
        <>
          <p>It is {STATE_LABELS[a.state].toLowerCase()}.</p>
          <p>
            Assessing it assigns it to you and moves it to “under assessment”. The conviction is
            filled in from the questionnaire for you to check.
          </p>
          <Form method="post">
            <CsrfInput />
            <button type="submit" className="button">
              Assess this application
            </button>
          </Form>
        </>
      )}
      <p>
        <Link to={`/applications/${a.id}`}>Back to {a.reference}</Link>
      </p>
    </div>
  );
}

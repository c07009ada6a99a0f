import { parseWithZod } from "@conform-to/zod/v4";
import { data, Link, redirect } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { AppError } from "~/errors/app-error";
import { changeApplicationState } from "~/intake/change-state.server";
import { getApplicationForEntry } from "~/intake/entry/get-application.server";
import { StateChangeForm } from "~/intake/entry/state-change-form";
import { StateChangeSchema } from "~/intake/entry/state-change-schema";
import { nextStates, STATE_LABELS } from "~/intake/transitions";
import type { Route } from "./+types/state";

export const middleware: Route.MiddlewareFunction[] = [access(requires("manage:application:any"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const application = await asViewer(context, (tx, acting) =>
    getApplicationForEntry(tx, acting, params.id, "state"),
  );
  return { application, next: nextStates(application.state) };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: StateChangeSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const { to, closedReason, chaseOn } = submission.value;
  const problem = await asViewer(context, async (tx, acting) => {
    try {
      const outcome = await changeApplicationState(tx, acting, [params.id], {
        to,
        closedReason,
        chaseOn,
      });
      const skipped = outcome.skipped[0];
      return skipped ? { field: "to", message: `It ${skipped.reason}.` } : null;
    } catch (error) {
      if (error instanceof AppError && error.code === "INVALID")
        return { field: String(error.details.field ?? "to"), message: error.message };
      throw error;
    }
  });
  if (problem)
    return data(
      { result: submission.reply({ fieldErrors: { [problem.field]: [problem.message] } }) },
      { status: 400 },
    );
  throw redirect(`/applications/${params.id}?state=changed`);
}

export default function ChangeState({ loaderData, actionData }: Route.ComponentProps) {
  const { application, next } = loaderData;
  return (
    <div className="narrow">
      <title>{`Change the state of ${application.reference} – Clearname`}</title>
      <p className="caption">
        {application.reference} · {application.applicant.fullName}
      </p>
      <h1>Change the state</h1>
      <p>It is now: {STATE_LABELS[application.state]}.</p>
      <StateChangeForm applicationId={application.id} next={next} lastResult={actionData?.result} />
      <p>
        <Link to={`/applications/${application.id}`}>Back to {application.reference}</Link>
      </p>
    </div>
  );
}

import { Link } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { invalid } from "~/errors/app-error";
import { changeApplicationState } from "~/intake/change-state.server";
import { getApplicationForEntry } from "~/intake/entry/get-application.server";
import { StateChangeForm } from "~/intake/entry/state-change-form";
import { StateChangeSchema } from "~/intake/entry/state-change-schema";
import { nextStates, STATE_LABELS } from "~/intake/transitions";
import { formAction, requireIds } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import type { Route } from "./+types/state";

export const middleware: Route.MiddlewareFunction[] = [access(requires("manage:application:any"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  const application = await asViewer(context, (tx, acting) =>
    getApplicationForEntry(tx, acting, id, "state"),
  );
  return { application, next: nextStates(application.state) };
}

export const action = formAction({
  ids: ["id"],
  intents: (intent) => ({
    change: intent({
      schema: StateChangeSchema,
      run: async ({ to, closedReason, chaseOn }, { tx, acting, ids }) => {
        const outcome = await changeApplicationState(tx, acting, [ids.id], {
          to,
          closedReason,
          chaseOn,
        });
        // One application: one that was left as it was is this form's refusal.
        const skipped = outcome.skipped[0];
        if (skipped) throw invalid(`It ${skipped.reason}.`, { field: "to" });
      },
      done: (_, ids) => `/applications/${ids.id}?state=changed`,
    }),
  }),
});

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
      <StateChangeForm
        applicationId={application.id}
        next={next}
        lastResult={resultFor(actionData, "change")}
      />
      <p>
        <Link to={`/applications/${application.id}`}>Back to {application.reference}</Link>
      </p>
    </div>
  );
}

import { Link } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { correctOrRemove } from "~/casework/correct-or-remove.server";
import { formatMinutes, splitMinutes, TimeEntrySchema } from "~/casework/time/schemas";
import {
  changeTimeEntry,
  getTimeEntry,
  removeTimeEntry,
} from "~/casework/time/time-corrections.server";
import { TimeEntryForm } from "~/casework/time/ui/time-entry-form";
import { CaseNav } from "~/casework/ui/case-nav";
import { ConfirmRemoval } from "~/casework/ui/confirm-removal";
import type { Route } from "./+types/time.$entryId";

/** Correcting or removing a time entry: its author, or a lead (checked in the domain). */
export const middleware: Route.MiddlewareFunction[] = [access(requires("view:case:own"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  return asViewer(context, (tx, acting) => getTimeEntry(tx, acting, params.id, params.entryId));
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { id, entryId } = params;
  return correctOrRemove(request, {
    formId: "change-time",
    schema: TimeEntrySchema,
    change: (input) =>
      asViewer(context, (tx, acting) => changeTimeEntry(tx, acting, id, entryId, input)),
    changed: `/cases/${id}/time?changed=1`,
    remove: () => asViewer(context, (tx, acting) => removeTimeEntry(tx, acting, id, entryId)),
    removed: `/cases/${id}/time?removed=1`,
  });
}

export default function TimeEntryPage({ loaderData, actionData }: Route.ComponentProps) {
  const { case: c, entry } = loaderData;
  const resultFor = (id: string) => (actionData?.formId === id ? actionData.result : undefined);
  return (
    <>
      <title>{`Correct a time entry – ${c.reference} – Clearname`}</title>
      <CaseNav caseId={c.id} reference={c.reference} current="time" />
      <p className="caption">Case {c.reference}</p>
      <h1>Correct a time entry</h1>
      <p>
        {entry.own ? "You logged" : `${entry.userName} logged`} {formatMinutes(entry.minutes)} on{" "}
        {entry.workedOn}. The correction is recorded in the audit trail with what it replaced.
      </p>
      <section aria-labelledby="change-heading" className="narrow">
        <h2 id="change-heading">Change the entry</h2>
        <TimeEntryForm
          id="change-time"
          lastResult={resultFor("change-time")}
          defaultValue={{
            workedOn: entry.workedOn,
            ...splitMinutes(entry.minutes),
            activity: entry.activity,
          }}
          activityLabel="What was worked on"
          submit="Save the correction"
        />
      </section>
      <ConfirmRemoval
        lastResult={resultFor("remove")}
        heading="Remove the entry"
        warning="Remove an entry only if the time was logged by mistake. It leaves the time log and its totals; the audit trail keeps what it said."
        confirmLabel="Yes, remove this time entry"
        button="Remove the entry"
      />
      <p>
        <Link to={`/cases/${c.id}/time`}>Back to the time log of {c.reference}</Link>
      </p>
    </>
  );
}

import { Link } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { formatMinutes, splitMinutes, TimeEntrySchema } from "~/casework/time/schemas";
import {
  changeTimeEntry,
  getTimeEntry,
  removeTimeEntry,
} from "~/casework/time/time-corrections.server";
import { TimeEntryForm } from "~/casework/time/ui/time-entry-form";
import { CaseNav } from "~/casework/ui/case-nav";
import { ConfirmRemoval, RemovalSchema } from "~/casework/ui/confirm-removal";
import { formAction, requireIds } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import type { Route } from "./+types/time.$entryId";

/** Correcting or removing a time entry: its author, or a lead (checked in the domain). */
export const middleware: Route.MiddlewareFunction[] = [access(requires("view:case:own"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id, entryId } = requireIds(params, ["id", "entryId"]);
  return asViewer(context, (tx, acting) => getTimeEntry(tx, acting, id, entryId));
}

export const action = formAction({
  ids: ["id", "entryId"],
  intents: (intent) => ({
    change: intent({
      schema: TimeEntrySchema,
      run: (input, { tx, acting, ids }) => changeTimeEntry(tx, acting, ids.id, ids.entryId, input),
      done: (_, ids) => `/cases/${ids.id}/time?changed=1`,
    }),
    remove: intent({
      schema: RemovalSchema,
      run: (_, { tx, acting, ids }) => removeTimeEntry(tx, acting, ids.id, ids.entryId),
      done: (_, ids) => `/cases/${ids.id}/time?removed=1`,
    }),
  }),
});

export default function TimeEntryPage({ loaderData, actionData }: Route.ComponentProps) {
  const { case: c, entry } = loaderData;
  return (
    <>
      <title>{`Correct a time entry – ${c.reference} – Clearname`}</title>
      <CaseNav caseId={c.id} closed={c.closed} reference={c.reference} current="time" />
      <p className="caption">Case {c.reference}</p>
      <h1>Correct a time entry</h1>
      <p>
        {entry.own ? "You logged" : `${entry.userName} logged`} {formatMinutes(entry.minutes)} on{" "}
        {entry.workedOn}. The audit trail records which fields you corrected, by whom and when.
      </p>
      {c.closed ? null : (
        <section aria-labelledby="change-heading" className="narrow">
          <h2 id="change-heading">Change the entry</h2>
          <TimeEntryForm
            id="change-time"
            intent="change"
            lastResult={resultFor(actionData, "change")}
            defaultValue={{
              workedOn: entry.workedOn,
              ...splitMinutes(entry.minutes),
              activity: entry.activity,
            }}
            activityLabel="What was worked on"
            submit="Save the correction"
          />
        </section>
      )}
      <ConfirmRemoval
        lastResult={resultFor(actionData, "remove")}
        heading="Remove the entry"
        warning="Remove an entry only if the time was logged by mistake. It leaves the time log and its totals; the audit trail records that it was removed, by whom and when."
        confirmLabel="Yes, remove this time entry"
        button="Remove the entry"
      />
      <p>
        <Link to={`/cases/${c.id}/time`}>Back to the time log of {c.reference}</Link>
      </p>
    </>
  );
}

import { Link, useSearchParams } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { formatMinutes, TimeEntrySchema } from "~/casework/time/schemas";
import { addTimeEntry, listTime } from "~/casework/time/time.server";
import { TimeEntryForm } from "~/casework/time/ui/time-entry-form";
import { CaseNav } from "~/casework/ui/case-nav";
import { today } from "~/shared/dates";
import { formAction, requireIds } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { useFormKey } from "~/ui/forms";
import type { Route } from "./+types/time";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:case:own"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  const page = await asViewer(context, (tx, acting) => listTime(tx, acting, id));
  return { ...page, today: today() };
}

export const action = formAction({
  ids: ["id"],
  intents: (intent) => ({
    add: intent({
      schema: TimeEntrySchema,
      run: (input, { tx, acting, ids }) => addTimeEntry(tx, acting, ids.id, input),
      done: (_, ids) => `/cases/${ids.id}/time?added=1`,
    }),
  }),
});

const NOTICES: Record<string, string> = {
  added: "Time logged.",
  changed: "Time entry corrected.",
  removed: "Time entry removed.",
};

export default function TimePage({ loaderData, actionData }: Route.ComponentProps) {
  const { case: c, entries, totals } = loaderData;
  const [searchParams] = useSearchParams();
  const formKey = useFormKey();
  const notice = Object.entries(NOTICES).find(([k]) => searchParams.get(k))?.[1];
  return (
    <>
      <title>{`Time log – ${c.reference} – Clearname`}</title>
      <CaseNav caseId={c.id} closed={c.closed} reference={c.reference} current="time" />
      {notice && !actionData ? (
        <div className="notice" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      <p className="caption">Case {c.reference}</p>
      <h1>Time log</h1>
      <section aria-labelledby="totals-heading">
        <h2 id="totals-heading">Totals</h2>
        <p>
          Time on the case: <strong>{formatMinutes(totals.caseMinutes)}</strong>
        </p>
        {totals.perPerson.length > 0 ? (
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">Time per person on {c.reference}</caption>
              <thead>
                <tr>
                  <th scope="col">Person</th>
                  <th scope="col">Time</th>
                </tr>
              </thead>
              <tbody>
                {totals.perPerson.map((p) => (
                  <tr key={p.userId}>
                    <th scope="row">{p.name}</th>
                    <td>{formatMinutes(p.minutes)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
      {c.closed ? null : (
        <section aria-labelledby="add-heading" className="narrow">
          <h2 id="add-heading">Log your time</h2>
          <TimeEntryForm
            key={formKey}
            id="add-time"
            intent="add"
            lastResult={resultFor(actionData, "add")}
            defaultValue={{ workedOn: loaderData.today }}
            activityLabel="What you worked on"
            submit="Log the time"
          />
        </section>
      )}
      <section aria-labelledby="entries-heading">
        <h2 id="entries-heading">Entries</h2>
        {entries.length === 0 ? (
          <p>No time has been logged on this case.</p>
        ) : (
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">Time logged on {c.reference}</caption>
              <thead>
                <tr>
                  <th scope="col">Day</th>
                  <th scope="col">Person</th>
                  <th scope="col">Time</th>
                  <th scope="col">Activity</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.id}>
                    <td>{e.workedOn}</td>
                    <td>{e.userName}</td>
                    <td>{formatMinutes(e.minutes)}</td>
                    <td>{e.activity}</td>
                    <td>
                      {e.mayChange ? (
                        <Link to={`/cases/${c.id}/time/${e.id}`}>
                          Correct or remove
                          <span className="visually-hidden">
                            {" "}
                            the entry of {e.workedOn} by {e.userName}
                          </span>
                        </Link>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

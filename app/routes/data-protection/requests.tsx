import { Link } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { listRequests } from "~/data-protection/requests/list-requests.server";
import { logRequest } from "~/data-protection/requests/log-request.server";
import { KIND_LABELS, RequestSchema } from "~/data-protection/requests/schemas";
import { RequestForm } from "~/data-protection/requests/ui/request-form";
import { today } from "~/shared/dates";
import { formAction } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { useFormKey } from "~/ui/forms";
import type { Route } from "./+types/requests";

/** Subject access, rectification and erasure requests of the officer's own organisation. */
export const middleware: Route.MiddlewareFunction[] = [access(requires("protect:data:own"))];

export async function loader({ context }: Route.LoaderArgs) {
  return { requests: await asViewer(context, (tx, acting) => listRequests(tx, acting)) };
}

export const action = formAction({
  intents: (intent) => ({
    log: intent({
      schema: RequestSchema,
      run: (input, { tx, acting }) => logRequest(tx, acting, input),
      done: ({ id }) => `/data-protection/requests/${id}?logged=1`,
    }),
  }),
});

const STATUS: Record<string, string> = {
  open: "Open",
  extended: "Extended",
  completed: "Completed",
  refused: "Refused",
  withdrawn: "Withdrawn",
};

export default function Requests({ loaderData, actionData }: Route.ComponentProps) {
  const { requests } = loaderData;
  return (
    <>
      <title>Subject requests – Clearname</title>
      <p className="caption">
        <Link to="/data-protection">Data protection</Link>
      </p>
      <h1>Subject access, rectification and erasure requests</h1>
      <p>
        A request must be answered within one calendar month of the day it was received; the
        deadline can be extended by up to two further months, with a letter saying why.
      </p>
      {requests.length === 0 ? (
        <p>No request has been logged.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">
            Requests, open ones first by when they are due
          </caption>
          <thead>
            <tr>
              <th scope="col">Reference</th>
              <th scope="col">Request</th>
              <th scope="col">Person</th>
              <th scope="col">Received</th>
              <th scope="col">Due</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {requests.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link to={`/data-protection/requests/${r.id}`}>{r.reference}</Link>
                </td>
                <td>{KIND_LABELS[r.kind as keyof typeof KIND_LABELS]}</td>
                <td>{r.personName}</td>
                <td>{r.receivedOn}</td>
                <td>
                  {r.dueOn}
                  {r.overdue ? (
                    <>
                      {" "}
                      <strong className="tag tag-urgent">Overdue</strong>
                    </>
                  ) : null}
                </td>
                <td>{STATUS[r.status] ?? r.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section aria-labelledby="log-heading" className="narrow">
        <h2 id="log-heading">Log a request</h2>
        <RequestForm
          key={useFormKey()}
          id="log-request"
          intent="log"
          lastResult={resultFor(actionData, "log")}
          defaultValue={{ kind: "access", receivedOn: today() }}
          submit="Log the request"
        />
      </section>
    </>
  );
}

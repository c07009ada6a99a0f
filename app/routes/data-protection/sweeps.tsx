import { Form, Link } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { listSweeps } from "~/data-protection/retention/list-sweeps.server";
import { StartDryRunSchema } from "~/data-protection/retention/schemas";
import { startDryRun } from "~/data-protection/retention/start-dry-run.server";
import { SWEEP_STATUS_LABELS } from "~/data-protection/retention/ui/sweep-status";
import { formAction } from "~/ui/form-action.server";
import { CsrfInput } from "~/ui/forms";
import type { Route } from "./+types/sweeps";

/** Retention sweeps of the officer's own organisation, and starting a dry run. */
export const middleware: Route.MiddlewareFunction[] = [access(requires("protect:data:own"))];

export async function loader({ context }: Route.LoaderArgs) {
  return { sweeps: await asViewer(context, (tx, acting) => listSweeps(tx, acting)) };
}

export const action = formAction({
  intents: (intent) => ({
    start: intent({
      schema: StartDryRunSchema,
      run: (_, { tx, acting }) => startDryRun(tx, acting),
      done: ({ id }) => `/data-protection/sweeps/${id}`,
    }),
  }),
});

export default function Sweeps({ loaderData }: Route.ComponentProps) {
  const { sweeps } = loaderData;
  return (
    <>
      <title>Retention sweeps – Clearname</title>
      <p className="caption">
        <Link to="/data-protection">Data protection</Link>
      </p>
      <h1>Retention sweeps</h1>
      <p>
        A sweep starts as a dry run: it lists every record whose period under the{" "}
        <Link to="/data-protection/retention">retention schedule</Link> has run out, and why, and
        changes nothing. Once you approve it, the records are erased or anonymised in the
        background; records under a <Link to="/data-protection/holds">legal hold</Link> are left
        alone.
      </p>
      <Form method="post">
        <CsrfInput />
        <input type="hidden" name="intent" value="start" />
        <button type="submit" className="button">
          Start a dry run
        </button>
      </Form>
      {sweeps.length === 0 ? (
        <p>No sweep has been run.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Sweeps, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Dry run</th>
              <th scope="col">Status</th>
              <th scope="col">Records to erase or anonymise</th>
              <th scope="col">Done</th>
            </tr>
          </thead>
          <tbody>
            {sweeps.map((s) => (
              <tr key={s.id}>
                <td>
                  <Link to={`/data-protection/sweeps/${s.id}`}>Due on {s.asOf}</Link>
                </td>
                <td>{SWEEP_STATUS_LABELS[s.status]}</td>
                <td>{s.total}</td>
                <td>{s.processed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

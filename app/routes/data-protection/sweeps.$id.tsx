import { Link } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { servicesContext } from "~/context.server";
import { approveSweep } from "~/data-protection/retention/approve-sweep.server";
import { ACTION_LABELS } from "~/data-protection/retention/classes";
import { getSweep } from "~/data-protection/retention/get-sweep.server";
import { runSweepsInBackground } from "~/data-protection/retention/run-sweeps-in-background.server";
import { ApproveSweepSchema } from "~/data-protection/retention/schemas";
import { ApproveForm } from "~/data-protection/retention/ui/approve-form";
import {
  ITEM_STATUS_LABELS,
  SWEEP_STATUS_LABELS,
} from "~/data-protection/retention/ui/sweep-status";
import { formAction, requireIds } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import type { Route } from "./+types/sweeps.$id";

/** A sweep: its dry run (what is due and why), its approval, and its progress. */
export const middleware: Route.MiddlewareFunction[] = [access(requires("protect:data:own"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  return asViewer(context, (tx, acting) => getSweep(tx, acting, id));
}

export const action = formAction({
  ids: ["id"],
  intents: (intent) => ({
    approve: intent({
      schema: ApproveSweepSchema,
      run: async (_, { tx, acting, ids, args, afterCommit }) => {
        const approved = await approveSweep(tx, acting, ids.id);
        const services = args.context.get(servicesContext);
        afterCommit([async () => runSweepsInBackground(services)]);
        return approved;
      },
      done: (_, ids) => `/data-protection/sweeps/${ids.id}?approved=1`,
    }),
  }),
});

export default function Sweep({ loaderData, actionData }: Route.ComponentProps) {
  const { sweep, classes, statusCounts } = loaderData;
  const working = sweep.status === "approved" || sweep.status === "running";
  return (
    <>
      <title>{`Retention sweep due on ${sweep.asOf} – Clearname`}</title>
      <p className="caption">
        <Link to="/data-protection/sweeps">Retention sweeps</Link>
      </p>
      <h1>Retention sweep: records due on {sweep.asOf}</h1>
      <p>
        <strong>{SWEEP_STATUS_LABELS[sweep.status]}</strong>. Dry run made on {sweep.createdOn}
        {sweep.approvedOn ? `, approved on ${sweep.approvedOn}` : ""}
        {sweep.finishedOn ? `, finished on ${sweep.finishedOn}` : ""}.
      </p>
      {sweep.status !== "dry_run" ? (
        <div className="notice" role="status">
          <p>
            {sweep.processed} of {sweep.total} records done.{" "}
            {Object.entries(statusCounts)
              .map(([status, n]) => `${ITEM_STATUS_LABELS[status] ?? status}: ${n}`)
              .join(", ")}
            .
          </p>
          {working ? (
            <p>
              The sweep runs in the background.{" "}
              <Link to={`/data-protection/sweeps/${sweep.id}`}>Refresh to see its progress</Link>.
            </p>
          ) : null}
        </div>
      ) : null}
      <table className="table">
        <caption>What the dry run found, by class of record</caption>
        <thead>
          <tr>
            <th scope="col">Records</th>
            <th scope="col">Due</th>
            <th scope="col">Held</th>
          </tr>
        </thead>
        <tbody>
          {classes.map((c) => (
            <tr key={c.recordClass}>
              <td>{c.label}</td>
              <td>{c.due}</td>
              <td>{c.held}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {classes
        .filter((c) => c.items.length > 0)
        .map((c) => (
          <section key={c.recordClass} aria-labelledby={`class-${c.recordClass}`}>
            <h2 id={`class-${c.recordClass}`}>{c.label}</h2>
            <table className="table">
              <caption className="visually-hidden">
                {`A sample of ${c.label.toLowerCase()}, with why each is due`}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Record</th>
                  <th scope="col">Why it is due</th>
                  <th scope="col">Action</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {c.items.map((i) => (
                  <tr key={i.id}>
                    <td>{i.label}</td>
                    <td>{i.dueReason}</td>
                    <td>{ACTION_LABELS[i.action as keyof typeof ACTION_LABELS] ?? i.action}</td>
                    <td>
                      {ITEM_STATUS_LABELS[i.status] ?? i.status}
                      {i.outcome ? `: ${i.outcome}` : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
      {sweep.status === "dry_run" ? (
        <section aria-labelledby="approve-heading" className="narrow">
          <h2 id="approve-heading">Approve the sweep</h2>
          {sweep.total === 0 ? (
            <p>Nothing is due to be erased or anonymised.</p>
          ) : (
            <ApproveForm total={sweep.total} lastResult={resultFor(actionData, "approve")} />
          )}
        </section>
      ) : null}
    </>
  );
}

import { Form, Link } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { listAuditEvents } from "~/audit/list-audit-events.server";
import { normaliseSearchParams } from "~/shared/normalise-input";
import type { Route } from "./+types/admin.audit";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:audit:any"))];

export async function loader({ request, context }: Route.LoaderArgs) {
  const search = normaliseSearchParams(new URL(request.url).searchParams);
  const before = Number.parseInt(search.get("before") ?? "", 10);
  const action = search.get("action")?.trim().slice(0, 100) || undefined;
  const page = await asViewer(context, (tx, acting) =>
    listAuditEvents(tx, acting, {
      before: Number.isFinite(before) && before > 0 ? before : undefined,
      action,
    }),
  );
  return {
    action: action ?? "",
    more: page.more,
    events: page.events.map((e) => ({
      ...e,
      occurredAt: e.occurredAt.toISOString(),
      details: JSON.stringify(e.details),
    })),
  };
}

export default function AuditTrail({ loaderData }: Route.ComponentProps) {
  const last = loaderData.events.at(-1);
  return (
    <>
      <title>Audit trail – Clearname</title>
      <h1>Audit trail</h1>
      <p>
        Every sign-in, change and view of personal data, newest first. The trail cannot be changed;
        run <code>npm run audit:verify</code> to check its chain.
      </p>
      <Form method="get" className="filter-bar">
        <label htmlFor="action" className="label">
          Action
        </label>
        <input
          id="action"
          name="action"
          className="input input-medium"
          defaultValue={loaderData.action}
          placeholder="e.g. auth.signed_in"
        />
        <button type="submit" className="button button-secondary">
          Filter
        </button>
      </Form>
      <table className="table">
        <caption className="visually-hidden">Audit events</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">When (UTC)</th>
            <th scope="col">Who</th>
            <th scope="col">Action</th>
            <th scope="col">Record</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {loaderData.events.map((e) => (
            <tr key={e.seq}>
              <td>{e.seq}</td>
              <td>{e.occurredAt.replace("T", " ").slice(0, 19)}</td>
              <td>{e.actorName ?? "—"}</td>
              <td>{e.action}</td>
              <td>
                {e.entityType}
                {e.entityId ? ` ${e.entityId.slice(0, 8)}` : ""}
              </td>
              <td className="details">{e.details === "{}" ? "" : e.details}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {loaderData.more && last ? (
        <p>
          <Link
            to={`?before=${last.seq}${loaderData.action ? `&action=${encodeURIComponent(loaderData.action)}` : ""}`}
          >
            Older events
          </Link>
        </p>
      ) : null}
    </>
  );
}

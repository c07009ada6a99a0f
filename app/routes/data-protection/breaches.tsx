import { Link } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { listBreaches } from "~/data-protection/breaches/list-breaches.server";
import { deadlineState, describeDeadline } from "~/data-protection/breaches/rules";
import { DECISION_LABELS } from "~/data-protection/breaches/schemas";
import { readableLondonTime } from "~/shared/uk-time";
import type { Route } from "./+types/breaches";

export const middleware: Route.MiddlewareFunction[] = [access(requires("protect:data:own"))];

export async function loader({ context }: Route.LoaderArgs) {
  const breaches = await asViewer(context, (tx, acting) => listBreaches(tx, acting));
  const now = new Date();
  return {
    breaches: breaches.map((b) => ({
      ...b,
      discovered: readableLondonTime(b.discoveredAt),
      deadline: describeDeadline(deadlineState(b, now)),
      urgent: !b.closedAt && ["open", "overdue"].includes(deadlineState(b, now).kind),
    })),
  };
}

export default function Breaches({ loaderData: { breaches } }: Route.ComponentProps) {
  return (
    <>
      <title>Personal data breaches – Clearname</title>
      <p className="caption">
        <Link to="/data-protection">Data protection</Link>
      </p>
      <h1>Personal data breaches</h1>
      <p>
        Every breach is recorded here, reported to the ICO or not (UK GDPR Art 33(5)). The ICO must
        be told within 72 hours of finding out, unless the breach is unlikely to result in a risk to
        people.
      </p>
      <p>
        <Link to="/data-protection/breaches/new" className="button">
          Record a breach
        </Link>
      </p>
      {breaches.length === 0 ? (
        <p>No breach has been recorded.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Breaches, open first</caption>
          <thead>
            <tr>
              <th scope="col">Breach</th>
              <th scope="col">Found</th>
              <th scope="col">Decision</th>
              <th scope="col">The 72 hours</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {breaches.map((b) => (
              <tr key={b.id}>
                <td>
                  <Link to={`/data-protection/breaches/${b.id}`}>{b.title}</Link>
                </td>
                <td>{b.discovered}</td>
                <td>{DECISION_LABELS[b.decision]}</td>
                <td>{b.urgent ? <strong>{b.deadline}</strong> : b.deadline}</td>
                <td>{b.closedAt ? "Closed" : "Open"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

import { Link } from "react-router";
import type { RequestRow } from "../list-requests.server";
import { KIND_LABELS } from "../schemas";

/** The officer's open requests and when each is due, overdue ones marked: on the home page. */
export function OpenRequestsPanel({ requests }: { requests: RequestRow[] }) {
  return (
    <section aria-labelledby="subject-requests-heading">
      <h2 id="subject-requests-heading">Open data protection requests</h2>
      {requests.length === 0 ? (
        <p>No request is open.</p>
      ) : (
        <ul className="plain-list">
          {requests.map((r) => (
            <li key={r.id}>
              {r.overdue ? <strong className="tag tag-urgent">Overdue</strong> : null}{" "}
              <strong>due {r.dueOn}</strong>:{" "}
              <Link to={`/data-protection/requests/${r.id}`}>{r.reference}</Link> —{" "}
              {KIND_LABELS[r.kind as keyof typeof KIND_LABELS]} request of {r.personName}
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/data-protection/requests">All requests</Link>
      </p>
    </section>
  );
}

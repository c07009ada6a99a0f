import { Link } from "react-router";
import type { AuditRow } from "../audit-row";
import { accessHistoryHref, historyOfEntity } from "../history-link";
import { actionLabel, ICO_CATEGORY_LABELS } from "../ico-categories";

/** One event as a page shows it (its date as an ISO string, once past the loader). */
export type ShownEvent = Omit<
  AuditRow,
  "occurredAt" | "details" | "organisationId" | "requestId"
> & {
  occurredAt: string;
  /** The page it came through, where the event says. */
  page: string | null;
};

/** The loader's rows as the page needs them: no details beyond the page they came through. */
export function toShownEvent(e: AuditRow): ShownEvent {
  const { details, occurredAt, organisationId, requestId, ...rest } = e;
  return {
    ...rest,
    occurredAt: occurredAt.toISOString(),
    page: typeof details.page === "string" ? details.page : null,
  };
}

const when = (iso: string) => iso.replace("T", " ").slice(0, 19);

/**
 * The events of the audit tool and of an access history: when, who (a link to all they did,
 * where the page filters), the ICO kind, what was done and through which page, on which record.
 */
export function AuditEventsTable({
  events,
  caption,
  userHref,
}: {
  events: ShownEvent[];
  caption: string;
  /** Where a person's name leads: everything they did. None on pages that cannot filter. */
  userHref?: (userId: string) => string;
}) {
  if (events.length === 0) return <p>No events.</p>;
  return (
    <div className="table-scroll">
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">When (UTC)</th>
            <th scope="col">Who</th>
            <th scope="col">Kind</th>
            <th scope="col">What was done</th>
            <th scope="col">Record</th>
            <th scope="col">Address</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => {
            const history = historyOfEntity(e.entityType, e.entityId);
            const who =
              e.actorName ?? (e.actorUserId ? "Someone outside your organisation" : "The system");
            return (
              <tr key={e.seq}>
                <td>{when(e.occurredAt)}</td>
                <td>
                  {e.actorUserId && userHref ? (
                    <Link to={userHref(e.actorUserId)}>{who}</Link>
                  ) : (
                    who
                  )}
                </td>
                <td>{e.kind ? ICO_CATEGORY_LABELS[e.kind] : "Unclassified"}</td>
                <td>
                  {actionLabel(e.action)}
                  {e.page ? <span className="hint"> (page: {e.page})</span> : null}
                  <br />
                  <code className="hint">{e.action}</code>
                </td>
                <td>
                  {history ? (
                    <Link to={accessHistoryHref(history.type, history.id)}>
                      {e.entityType.replace("_", " ")} {history.id.slice(0, 8)}
                    </Link>
                  ) : (
                    `${e.entityType.replace("_", " ")}${e.entityId ? ` ${e.entityId.slice(0, 8)}` : ""}`
                  )}
                </td>
                <td>{e.ip ?? "—"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

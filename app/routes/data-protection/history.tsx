import { data, Link } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { readCursor } from "~/audit/audit-filter";
import { accessHistoryHref, isHistoryType } from "~/audit/history-link";
import { ICO_CATEGORIES, ICO_CATEGORY_LABELS } from "~/audit/ico-categories";
import { listAccessHistory } from "~/audit/list-access-history.server";
import { AuditEventsTable, toShownEvent } from "~/audit/ui/audit-events-table";
import { normaliseSearchParams } from "~/shared/normalise-input";
import { requireIds } from "~/ui/form-action.server";
import type { Route } from "./+types/history";

/**
 * Who saw this file: a record's access history, for a reader of the whole trail or the officer
 * of the organisation that holds the record (checked in the domain; others find nothing).
 */
export const middleware: Route.MiddlewareFunction[] = [
  access(requires("view:audit:any", "protect:data:own")),
];

const RECORD_NAMES = {
  applicant: "Applicant",
  application: "Application",
  case: "Case",
  document: "Document",
} as const;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  const type = params.type;
  if (!isHistoryType(type))
    throw data({ message: "We could not find that page." }, { status: 404 });
  const before = readCursor(normaliseSearchParams(new URL(request.url).searchParams).get("before"));
  const history = await asViewer(context, (tx, acting) =>
    listAccessHistory(tx, acting, type, id, { before }),
  );
  return {
    ...history,
    recordName: RECORD_NAMES[type],
    before: before ?? null,
    events: history.events.map(toShownEvent),
  };
}

export default function AccessHistoryPage({ loaderData }: Route.ComponentProps) {
  const { record, counts, events, more, recordName, before } = loaderData;
  const here = accessHistoryHref(record.type, record.id);
  const last = events.at(-1);
  return (
    <>
      <title>{`Access history – ${record.label} – Clearname`}</title>
      <p className="caption">
        {recordName} {record.label}
      </p>
      <h1>Access history</h1>
      <p>
        Everyone who collected, consulted, altered, disclosed, combined or erased this{" "}
        {recordName.toLowerCase()}
        {record.type === "document" ? "" : " or what belongs to it"}: who, when, from which address
        and through which page. Opening this history is recorded in it too.
      </p>
      <section aria-labelledby="kinds-heading">
        <h2 id="kinds-heading">By kind of processing</h2>
        <dl className="summary-list summary-list-compact">
          {ICO_CATEGORIES.filter((c) => counts[c] > 0).map((c) => (
            <div key={c}>
              <dt>{ICO_CATEGORY_LABELS[c]}</dt>
              <dd>
                {counts[c]} {counts[c] === 1 ? "event" : "events"}
              </dd>
            </div>
          ))}
        </dl>
      </section>
      <ul className="plain-list">
        <li>
          <a href={`${here}/export`} download>
            Download the whole history as CSV
          </a>
        </li>
        {record.subjectId ? (
          <li>
            <Link to={`/data-protection/audit?subject=${record.subjectId}`}>
              Every event about this person, in the audit tool
            </Link>
          </li>
        ) : null}
      </ul>
      <section aria-labelledby="events-heading">
        <h2 id="events-heading">{before ? "Older events" : "Events, newest first"}</h2>
        <AuditEventsTable
          events={events}
          caption={`Access history of ${record.label}`}
          userHref={(userId) => `/data-protection/audit?user=${userId}`}
        />
      </section>
      <nav aria-label="Pages of the history" className="pagination">
        {before ? <Link to={here}>Newest events</Link> : null}{" "}
        {more && last ? <Link to={`${here}?before=${last.seq}`}>Older events</Link> : null}
      </nav>
    </>
  );
}

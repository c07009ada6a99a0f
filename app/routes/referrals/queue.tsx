import { Form, Link } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { can } from "~/access/viewer";
import { JURISDICTION_LABELS } from "~/eligibility/schemas";
import { listReferralQueue, type ReferralQueueRow } from "~/referrals/list-referral-queue.server";
import {
  parseReferralQueueParams,
  QUEUE_LIMIT,
  QUEUE_VIEW_LABELS,
  QUEUE_VIEWS,
  type ReferralQueueFilters,
} from "~/referrals/queue-params";
import { normaliseSearchParams } from "~/shared/normalise-input";
import { TableScroll } from "~/ui/table-scroll";
import type { Route } from "./+types/queue";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:application:any"))];

export async function loader({ request, context }: Route.LoaderArgs) {
  const filters = parseReferralQueueParams(
    normaliseSearchParams(new URL(request.url).searchParams),
  );
  return asViewer(context, async (tx, acting) => ({
    ...(await listReferralQueue(tx, acting, filters)),
    filters,
    canRefer: can(acting.viewer, "refer:application:any"),
  }));
}

const RETURNED_LABELS = {
  handed_back: "Handed back by",
  withdrawn: "Withdrawn from",
  returned_on_closure: "Returned when it closed:",
} as const;

function days(n: number | null): string {
  if (n === null) return "—";
  return n === 1 ? "1 day" : `${n} days`;
}

function search(filters: ReferralQueueFilters, view: ReferralQueueFilters["view"]): string {
  const p = new URLSearchParams();
  if (view !== "waiting") p.set("view", view);
  if (filters.jurisdiction) p.set("jurisdiction", filters.jurisdiction);
  if (filters.returned) p.set("returned", "1");
  const s = p.toString();
  return s ? `?${s}` : "";
}

export default function ReferralQueue({ loaderData }: Route.ComponentProps) {
  const { rows, counts, filters, truncated } = loaderData;
  return (
    <>
      <title>Referrals – Clearname</title>
      <h1>Referrals</h1>
      <p>
        Applications decided eligible, waiting to be offered to a member project, offered and
        waiting for the project's answer, or with a project. The longest waiting come first.
      </p>
      {loaderData.canRefer ? null : (
        <p className="notice">
          You can see the referral queue; only referral coordinators offer cases.
        </p>
      )}
      <nav aria-label="Where the cases stand" className="referral-views">
        <ul>
          {QUEUE_VIEWS.map((v) => (
            <li key={v}>
              <Link to={search(filters, v)} aria-current={filters.view === v ? "page" : undefined}>
                {QUEUE_VIEW_LABELS[v]} ({counts[v]})
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Form method="get" className="queue-filters" aria-labelledby="filters-heading">
        <h2 id="filters-heading">Filter the queue</h2>
        <div className="filter-bar">
          <div className="field">
            <label htmlFor="filter-view" className="label">
              Show
            </label>
            <select id="filter-view" name="view" className="select" defaultValue={filters.view}>
              {QUEUE_VIEWS.map((v) => (
                <option key={v} value={v}>
                  {QUEUE_VIEW_LABELS[v]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-jurisdiction" className="label">
              Jurisdiction
            </label>
            <select
              id="filter-jurisdiction"
              name="jurisdiction"
              className="select"
              defaultValue={filters.jurisdiction ?? ""}
            >
              <option value="">Any jurisdiction</option>
              {Object.entries(JURISDICTION_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <div className="choice">
              <input
                type="checkbox"
                id="filter-returned"
                name="returned"
                value="1"
                defaultChecked={filters.returned}
              />
              <label htmlFor="filter-returned">Only cases back from a project</label>
            </div>
          </div>
          <button type="submit" className="button button-secondary">
            Apply filters
          </button>
          <Link to="/referrals">Clear filters</Link>
        </div>
      </Form>
      <h2>{QUEUE_VIEW_LABELS[filters.view]}</h2>
      <QueueTable rows={rows} caption={QUEUE_VIEW_LABELS[filters.view]} />
      {truncated ? (
        <p className="notice notice-warning">
          Only the {QUEUE_LIMIT} longest waiting are shown: use the filters to find the others.
        </p>
      ) : null}
    </>
  );
}

function QueueTable({ rows, caption }: { rows: ReferralQueueRow[]; caption: string }) {
  if (rows.length === 0) return <p>No cases match these filters.</p>;
  return (
    <TableScroll label="Referral queue">
      <table className="table referral-queue">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Reference</th>
            <th scope="col">Applicant</th>
            <th scope="col">Decided eligible</th>
            <th scope="col">Waiting since the decision</th>
            <th scope="col">Jurisdiction</th>
            <th scope="col">Offer or project</th>
            <th scope="col">Earlier offers</th>
            <th scope="col">Back from a project</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.applicationId}>
              <td>
                <Link to={`/referrals/${r.applicationId}`}>{r.reference}</Link>
              </td>
              <td>{r.applicantName}</td>
              <td>{r.decidedOn ?? "—"}</td>
              <td className="numeric">{days(r.daysWaiting)}</td>
              <td>
                {r.jurisdiction
                  ? ((JURISDICTION_LABELS as Record<string, string>)[r.jurisdiction] ??
                    r.jurisdiction)
                  : "Not recorded"}
              </td>
              <td>
                {r.openOffer ? (
                  <>
                    Offered to {r.openOffer.projectName}
                    <br />
                    <span className="hint">answer due by {r.openOffer.expiresOn}</span>
                  </>
                ) : r.withProject ? (
                  `With ${r.withProject}`
                ) : (
                  "Not offered"
                )}
              </td>
              <td>
                <EarlierOffers row={r} />
              </td>
              <td>
                {r.returned ? (
                  <span className="tag tag-returned">
                    {RETURNED_LABELS[r.returned.stage]} {r.returned.projectName}
                    {r.returned.on ? ` on ${r.returned.on}` : ""}
                  </span>
                ) : (
                  "—"
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function EarlierOffers({ row }: { row: ReferralQueueRow }) {
  const parts = [
    row.declinedOffers ? `${row.declinedOffers} declined` : null,
    row.lapsedOffers ? `${row.lapsedOffers} lapsed` : null,
    row.withdrawnOffers ? `${row.withdrawnOffers} withdrawn` : null,
  ].filter(Boolean);
  return <>{parts.length ? parts.join(", ") : "None"}</>;
}

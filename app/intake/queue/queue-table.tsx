import { Link } from "react-router";
import { SelectColumnHeader, SelectRowCell } from "~/shared/select-rows";
import { CLOSED_REASONS, STATE_LABELS } from "../transitions";
import type { Count } from "./counts";
import type { QueueRow } from "./list-queue.server";
import { CHANNEL_LABELS, PAGE_SIZE } from "./queue-params";

export const BULK_FORM_ID = "bulk-actions";

const number = new Intl.NumberFormat("en-GB");

/** "1,234", "5,000+", or "many" when counting took too long. */
export function formatCount(c: Count | null): string {
  if (!c) return "many";
  return c.more ? `${number.format(c.n)}+` : number.format(c.n);
}

export function QueueTable({
  rows,
  selectable,
  caption,
}: {
  rows: QueueRow[];
  /** Checkboxes for the bulk actions (only for those who may use them). */
  selectable: boolean;
  caption: string;
}) {
  if (rows.length === 0) return <p>No applications match these filters.</p>;
  return (
    <table className="table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {selectable ? <SelectColumnHeader /> : null}
          <th scope="col">Reference</th>
          <th scope="col">Applicant</th>
          <th scope="col">Establishment</th>
          <th scope="col">Arrived</th>
          <th scope="col">State</th>
          <th scope="col">Acknowledgement due</th>
          <th scope="col">Assigned to</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            {selectable ? (
              <SelectRowCell id={r.id} reference={r.reference} form={BULK_FORM_ID} />
            ) : null}
            <td>
              <Link to={`/applications/${r.id}`}>{r.reference}</Link>
              {r.isDraft ? (
                <>
                  <br />
                  <span className="tag tag-paused">Entry incomplete</span>
                </>
              ) : null}
            </td>
            <td>
              {r.applicantName}
              {r.prisonerNumber ? (
                <>
                  <br />
                  <span className="hint">{r.prisonerNumber}</span>
                </>
              ) : null}
            </td>
            <td>{r.establishmentName ?? "—"}</td>
            <td>
              {r.receivedOn}
              <br />
              <span className="hint">{CHANNEL_LABELS[r.channel]}</span>
            </td>
            <td>
              {STATE_LABELS[r.state]}
              {r.closedReason ? ` (${CLOSED_REASONS[r.closedReason].toLowerCase()})` : ""}
              {r.earlier ? (
                <>
                  <br />
                  <Link to={`/applications/${r.id}/matches`}>
                    Re-application after {r.earlier.reference} (
                    {STATE_LABELS[r.earlier.state].toLowerCase()}
                    {r.earlier.closedReason
                      ? `: ${CLOSED_REASONS[r.earlier.closedReason].toLowerCase()}`
                      : ""}
                    )<span className="visually-hidden">: matches for {r.reference}</span>
                  </Link>
                </>
              ) : null}
              {r.likelyDuplicate && !r.earlier ? (
                <>
                  <br />
                  <Link to={`/applications/${r.id}/matches`}>
                    Likely duplicate
                    <span className="visually-hidden">: matches for {r.reference}</span>
                  </Link>
                </>
              ) : null}
            </td>
            <td>
              {r.acknowledgedOn ? (
                <span className="hint">Acknowledged {r.acknowledgedOn}</span>
              ) : (
                r.acknowledgementDueOn
              )}
              {r.overdue ? (
                <>
                  <br />
                  <strong className="tag tag-paused">Overdue</strong>
                </>
              ) : null}
            </td>
            <td>{r.assigneeId ? (r.assigneeName ?? "Another member of staff") : "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Pagination({
  page,
  total,
  previousHref,
  nextHref,
}: {
  page: number;
  total: Count | null;
  previousHref: string | null;
  nextHref: string | null;
}) {
  const pages = total && !total.more ? Math.max(1, Math.ceil(total.n / PAGE_SIZE)) : null;
  return (
    <nav aria-label="Pages of applications" className="pagination">
      <p>
        {!total
          ? "Many applications"
          : total.more
            ? `More than ${number.format(total.n)} applications`
            : `${number.format(total.n)} application${total.n === 1 ? "" : "s"}`}
        {" · "}
        {pages ? `Page ${page} of ${pages}` : `Page ${page}`}
      </p>
      <ul className="filter-bar plain-list">
        {previousHref ? (
          <li>
            <Link to={previousHref} rel="prev">
              Previous<span className="visually-hidden"> page</span>
            </Link>
          </li>
        ) : null}
        {nextHref ? (
          <li>
            <Link to={nextHref} rel="next">
              Next<span className="visually-hidden"> page</span>
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

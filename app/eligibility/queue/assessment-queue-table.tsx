import { Link } from "react-router";
import { SelectColumnHeader, SelectRowCell } from "~/shared/select-rows";
import { TableScroll } from "~/ui/table-scroll";
import { JURISDICTION_LABELS, OFFENCE_TYPES } from "../schemas";
import type { AssessmentQueueRow } from "./list-assessment-queue.server";
import { QUEUE_STATUS_LABELS } from "./queue-params";

export const ASSIGN_FORM_ID = "assign-assessments";

const number = new Intl.NumberFormat("en-GB");

function age(days: number): string {
  return days === 1 ? "1 day" : `${number.format(days)} days`;
}

export function AssessmentQueueTable({
  rows,
  selectable,
  caption,
}: {
  rows: AssessmentQueueRow[];
  /** Checkboxes for the bulk assignment (only for those who may assess). */
  selectable: boolean;
  caption: string;
}) {
  if (rows.length === 0) return <p>Nothing in the queue matches these filters.</p>;
  return (
    <TableScroll label="Assessment queue">
      <table className="table assessment-queue">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {selectable ? <SelectColumnHeader /> : null}
            <th scope="col">Reference</th>
            <th scope="col">Applicant</th>
            <th scope="col">Received</th>
            <th scope="col">Status</th>
            <th scope="col">Assessor</th>
            <th scope="col">Jurisdiction</th>
            <th scope="col">Offence type</th>
            <th scope="col">Second review</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.applicationId}>
              {selectable ? (
                <SelectRowCell id={r.applicationId} reference={r.reference} form={ASSIGN_FORM_ID} />
              ) : null}
              <th scope="row">
                <Link to={`/applications/${r.applicationId}`}>{r.reference}</Link>
                {r.urgent ? (
                  <>
                    <br />
                    <strong className="tag tag-urgent">Urgent</strong>
                    <span className="visually-hidden">: the appeal window is open</span>
                  </>
                ) : null}
              </th>
              <td>{r.applicantName}</td>
              <td>
                {r.receivedOn}
                <br />
                <span className="hint">{age(r.ageDays)} ago</span>
              </td>
              <td>
                {r.assessmentId ? (
                  <Link to={`/assessments/${r.assessmentId}`}>
                    {QUEUE_STATUS_LABELS[r.status]}
                    <span className="visually-hidden">: the assessment of {r.reference}</span>
                  </Link>
                ) : (
                  QUEUE_STATUS_LABELS[r.status]
                )}
              </td>
              <td>
                {r.assessorId ? (
                  (r.assessorName ?? "Another member of staff")
                ) : (
                  <span className="hint">Nobody yet</span>
                )}
              </td>
              <td>{r.jurisdiction ? JURISDICTION_LABELS[r.jurisdiction] : "—"}</td>
              <td>{r.offenceType ? (OFFENCE_TYPES[r.offenceType] ?? r.offenceType) : "—"}</td>
              <td>{r.reviewNeeded ? <strong className="tag tag-paused">Needed</strong> : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export function QueuePagination({
  page,
  pages,
  total,
  href,
}: {
  page: number;
  pages: number;
  total: number;
  href: (page: number) => string;
}) {
  return (
    <nav aria-label="Pages of the assessment queue" className="pagination">
      <p>
        {number.format(total)} {total === 1 ? "item" : "items"} · Page {page} of {pages}
      </p>
      <ul className="filter-bar plain-list">
        {page > 1 ? (
          <li>
            <Link to={href(page - 1)} rel="prev">
              Previous<span className="visually-hidden"> page</span>
            </Link>
          </li>
        ) : null}
        {page < pages ? (
          <li>
            <Link to={href(page + 1)} rel="next">
              Next<span className="visually-hidden"> page</span>
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

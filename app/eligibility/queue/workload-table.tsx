import { Link } from "react-router";
import { TableScroll } from "~/ui/table-scroll";
import { STATUS_LABELS } from "../rules";
import { assessmentQueueSearch } from "./queue-params";
import type { Workload } from "./workload.server";

/** Open assessments per assessor, by status; each name links to that assessor's queue. */
export function WorkloadTable({ workload, viewerId }: { workload: Workload; viewerId: string }) {
  const total = (k: "draft" | "returned" | "inReview" | "agreed" | "total") =>
    workload.assessors.reduce((n, a) => n + a[k], 0);
  return (
    <section aria-labelledby="workload-heading">
      <h2 id="workload-heading">Workload</h2>
      <p>
        <Link to={assessmentQueueSearch({ status: "not_started" })}>
          {workload.notStarted} {workload.notStarted === 1 ? "application" : "applications"} not
          started
        </Link>
        {" · "}
        <Link to={assessmentQueueSearch({ reviewNeeded: true })}>
          {workload.reviewsWaiting}{" "}
          {workload.reviewsWaiting === 1 ? "recommendation" : "recommendations"} waiting for a
          second reviewer
        </Link>
      </p>
      <TableScroll label="Open assessments per assessor">
        <table className="table">
          <caption className="visually-hidden">Open assessments per assessor, by status</caption>
          <thead>
            <tr>
              <th scope="col">Assessor</th>
              <th scope="col" className="numeric">
                {STATUS_LABELS.draft}
              </th>
              <th scope="col" className="numeric">
                {STATUS_LABELS.returned}
              </th>
              <th scope="col" className="numeric">
                {STATUS_LABELS.in_review}
              </th>
              <th scope="col" className="numeric">
                {STATUS_LABELS.agreed}
              </th>
              <th scope="col" className="numeric">
                Open in all
              </th>
            </tr>
          </thead>
          <tbody>
            {workload.assessors.map((a) => (
              <tr key={a.assessorId ?? "none"}>
                <th scope="row">
                  <Link to={assessmentQueueSearch({ assignee: a.assessorId ?? "none" })}>
                    {a.assessorId === null
                      ? "Nobody"
                      : `${a.name ?? "Another member of staff"}${a.assessorId === viewerId ? " (you)" : ""}`}
                  </Link>
                  {a.assessorId && !a.current ? (
                    <>
                      <br />
                      <span className="hint">No longer assessing: hand these over</span>
                    </>
                  ) : null}
                </th>
                <td className="numeric">{a.draft}</td>
                <td className="numeric">{a.returned}</td>
                <td className="numeric">{a.inReview}</td>
                <td className="numeric">{a.agreed}</td>
                <td className="numeric">{a.total}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">All assessors</th>
              <td className="numeric">{total("draft")}</td>
              <td className="numeric">{total("returned")}</td>
              <td className="numeric">{total("inReview")}</td>
              <td className="numeric">{total("agreed")}</td>
              <td className="numeric">{total("total")}</td>
            </tr>
          </tfoot>
        </table>
      </TableScroll>
    </section>
  );
}

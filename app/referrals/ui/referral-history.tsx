import { MultiLine } from "~/intake/entry/application-parts";
import { TableScroll } from "~/ui/table-scroll";
import type { ReferralCasePage } from "../get-referral-case.server";
import { CASE_OUTCOME_LABELS, CASE_STAGE_LABELS, OFFER_STATUS_LABELS } from "./labels";

/** Every offer of the case, newest first: to whom, when, and how it ended. */
export function OfferHistory({ offers }: { offers: ReferralCasePage["offers"] }) {
  if (offers.length === 0) return <p>The case has not been offered to a project yet.</p>;
  return (
    <TableScroll label="Offer history">
      <table className="table offer-history">
        <caption className="visually-hidden">Every offer of this case, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Project</th>
            <th scope="col">Offered</th>
            <th scope="col">Answer due by</th>
            <th scope="col">Status</th>
            <th scope="col">Answered</th>
            <th scope="col">Reason</th>
            <th scope="col" className="numeric">
              Documents
            </th>
          </tr>
        </thead>
        <tbody>
          {offers.map((o) => (
            <tr key={o.id}>
              <th scope="row">{o.projectName}</th>
              <td>
                {o.offeredOn}
                <br />
                <span className="hint">by {o.offeredByName}</span>
              </td>
              <td>{o.expiresOn}</td>
              <td>{OFFER_STATUS_LABELS[o.status]}</td>
              <td>{o.respondedOn ?? "—"}</td>
              <td>
                {o.declineReason ? (
                  <>
                    <span className="visually-hidden">Declined because: </span>
                    <MultiLine text={o.declineReason} />
                  </>
                ) : o.withdrawnReason ? (
                  <>
                    <span className="visually-hidden">Withdrawn because: </span>
                    <MultiLine text={o.withdrawnReason} />
                  </>
                ) : (
                  "—"
                )}
              </td>
              <td className="numeric">{o.documents}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/**
 * The case's history at projects: each project's case, its stage and outcome, and, when it
 * came back, why and the handover note (network staff read these rows, not the working file).
 */
export function ProjectCases({ cases }: { cases: ReferralCasePage["cases"] }) {
  if (cases.length === 0) return <p>No project has taken the case yet.</p>;
  return (
    <ul className="card-list project-cases">
      {cases.map((c) => (
        <li key={c.id} className="card">
          <h3>{c.projectName}</h3>
          <dl className="summary-list summary-list-compact">
            <div>
              <dt>Stage</dt>
              <dd>{CASE_STAGE_LABELS[c.stage]}</dd>
            </div>
            {c.outcome ? (
              <div>
                <dt>Outcome</dt>
                <dd>{CASE_OUTCOME_LABELS[c.outcome]}</dd>
              </div>
            ) : null}
            <div>
              <dt>Accepted</dt>
              <dd>{c.acceptedOn}</dd>
            </div>
            {c.endedOn ? (
              <div>
                <dt>Left the project</dt>
                <dd>{c.endedOn}</dd>
              </div>
            ) : null}
            {c.endedReason ? (
              <div>
                <dt>Why</dt>
                <dd>
                  <MultiLine text={c.endedReason} />
                </dd>
              </div>
            ) : null}
            {c.handoverNote ? (
              <div>
                <dt>Handover note</dt>
                <dd>
                  <MultiLine text={c.handoverNote} />
                </dd>
              </div>
            ) : null}
          </dl>
        </li>
      ))}
    </ul>
  );
}

import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { getCaseOverview } from "~/casework/overview/get-overview.server";
import { CaseNav } from "~/casework/ui/case-nav";
import { CASE_STAGE_LABELS, LINE_STATUS_LABELS } from "~/referrals/project-labels";
import { requireIds } from "~/ui/form-action.server";
import type { Route } from "./+types/handover";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:case:own"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  return asViewer(context, (tx, acting) => getCaseOverview(tx, acting, id));
}

/**
 * The hand-over sheet for the end of the academic year: where the case stands, what is open,
 * what comes next, and the lead's latest handover note. Printable (see the print stylesheet).
 */
export default function CaseHandoverPage({ loaderData }: Route.ComponentProps) {
  const { case: c, openLines, deadlines, team } = loaderData;
  return (
    <>
      <title>{`Hand-over – ${c.reference} – Clearname`}</title>
      <CaseNav caseId={c.id} current="handover" reference={c.reference} />
      <div className="handover-sheet">
        <p className="caption">Hand-over of a case of {c.projectName}</p>
        <h1>
          {c.reference}: {c.applicant.fullName}
        </h1>
        <p className="hint no-print">Use your browser's print command to print this page.</p>
        <h2>Status</h2>
        <dl className="summary-list">
          <div>
            <dt>Stage</dt>
            <dd>{CASE_STAGE_LABELS[c.stage]}</dd>
          </div>
          <div>
            <dt>Last activity</dt>
            <dd>{c.lastActivityOn}</dd>
          </div>
          <div>
            <dt>Team today</dt>
            <dd>
              {team.length === 0
                ? "Nobody"
                : team
                    .map((m) => `${m.name ?? "A team member"} (until ${m.endsOn ?? "no end date"})`)
                    .join("; ")}
            </dd>
          </div>
        </dl>
        <h2>Next steps</h2>
        <h3>Open lines of investigation</h3>
        {openLines.length === 0 ? (
          <p>No open lines of investigation.</p>
        ) : (
          <ul>
            {openLines.map((l) => (
              <li key={l.id}>
                {l.description} <span className="hint">({LINE_STATUS_LABELS[l.status]})</span>
              </li>
            ))}
          </ul>
        )}
        <h3>Coming deadlines</h3>
        {deadlines.length === 0 ? (
          <p>No coming deadlines.</p>
        ) : (
          <ul>
            {deadlines.map((d) => (
              <li key={`${d.on}-${d.what}`}>
                {d.on}: {d.what}
              </li>
            ))}
          </ul>
        )}
        <h2>Latest handover note</h2>
        {c.handoverNote ? (
          <p className="pre-line">{c.handoverNote}</p>
        ) : (
          <p>No handover note has been written.</p>
        )}
      </div>
    </>
  );
}

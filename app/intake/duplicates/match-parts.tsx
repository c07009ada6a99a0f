import { Form, Link } from "react-router";
import { CsrfInput } from "~/ui/forms";
import type {
  ApplicationLinkView,
  ApplicationSummary,
  MatchedApplicant,
} from "./list-matches.server";
import { decisionText } from "./schemas";

const REASON_LABELS: Record<string, string> = {
  "same prisoner number": "Same prisoner number",
  "similar name": "Similar name",
  "same date of birth": "Same date of birth",
  "possible co-defendant": "Same court and conviction date (possible co-defendant)",
};

export function LinkButton({
  application,
  kind,
  label,
}: {
  application: ApplicationSummary;
  kind: "re_application" | "co_defendant";
  label: string;
}) {
  return (
    <Form method="post" className="inline-form">
      <CsrfInput />
      <input type="hidden" name="intent" value="link" />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="linkedApplicationId" value={application.id} />
      <button type="submit" className="button button-secondary">
        {label}
        <span className="visually-hidden"> with {application.reference}</span>
      </button>
    </Form>
  );
}

function describeLink(l: ApplicationLinkView): string {
  const other = `${l.other.reference} (${l.other.applicantName}, ${decisionText(l.other.state, l.other.closedReason).toLowerCase()})`;
  if (l.kind === "re_application")
    return l.direction === "from"
      ? `Re-application: earlier ${other}`
      : `Re-applied later: ${other}`;
  if (l.kind === "co_defendant") return `Co-defendant: ${other}`;
  return `Duplicate of ${other}`;
}

export function LinksTable({
  links,
  canManage,
}: {
  links: ApplicationLinkView[];
  canManage: boolean;
}) {
  if (links.length === 0) return <p>This application is not linked to any other.</p>;
  return (
    <table className="table">
      <caption className="visually-hidden">Links of this application</caption>
      <thead>
        <tr>
          <th scope="col">Link</th>
          <th scope="col">Note</th>
          {canManage ? <th scope="col">Remove</th> : null}
        </tr>
      </thead>
      <tbody>
        {links.map((l) => (
          <tr key={l.id}>
            <td>
              {describeLink(l)} —{" "}
              <Link to={`/applications/${l.other.id}`}>open {l.other.reference}</Link>
            </td>
            <td>{l.note ?? "—"}</td>
            {canManage ? (
              <td>
                <Form method="post" className="inline-form">
                  <CsrfInput />
                  <input type="hidden" name="intent" value="unlink" />
                  <input type="hidden" name="linkId" value={l.id} />
                  <button type="submit" className="button button-secondary">
                    Unlink<span className="visually-hidden"> {l.other.reference}</span>
                  </button>
                </Form>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Applications of one person, with what became of each and, for staff, the links to make. */
export function ApplicationsTable({
  applications,
  linked,
  canManage,
  caption,
  coDefendant,
}: {
  applications: ApplicationSummary[];
  /** Ids of applications already linked to this one. */
  linked: Set<string>;
  canManage: boolean;
  caption: string;
  coDefendant: boolean;
}) {
  return (
    <table className="table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Reference</th>
          <th scope="col">Received</th>
          <th scope="col">State or decision</th>
          {canManage ? <th scope="col">Link</th> : null}
        </tr>
      </thead>
      <tbody>
        {applications.map((a) => (
          <tr key={a.id}>
            <td>
              <Link to={`/applications/${a.id}`}>{a.reference}</Link>
            </td>
            <td>{a.receivedOn}</td>
            <td>{decisionText(a.state, a.closedReason)}</td>
            {canManage ? (
              <td>
                {linked.has(a.id) ? (
                  "Linked"
                ) : (
                  <>
                    {a.earlier ? (
                      <LinkButton
                        application={a}
                        kind="re_application"
                        label="Link as re-application"
                      />
                    ) : null}
                    {coDefendant ? (
                      <LinkButton
                        application={a}
                        kind="co_defendant"
                        label="Link as co-defendant"
                      />
                    ) : null}
                  </>
                )}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function MatchCard({
  match,
  thisName,
  linked,
  canManage,
}: {
  match: MatchedApplicant;
  thisName: string;
  linked: Set<string>;
  canManage: boolean;
}) {
  const headingId = `match-${match.applicantId}`;
  return (
    <section aria-labelledby={headingId} className="card">
      <h3 id={headingId}>{match.fullName}</h3>
      <p>
        <strong>Why: </strong>
        {match.reasons.map((r) => REASON_LABELS[r] ?? r).join("; ")}
      </p>
      <dl className="summary-list">
        <div>
          <dt>Other names</dt>
          <dd>{match.aliases.length > 0 ? match.aliases.join(", ") : "—"}</dd>
        </div>
        <div>
          <dt>Date of birth</dt>
          <dd>{match.dateOfBirth ?? "—"}</dd>
        </div>
        <div>
          <dt>Prisoner number</dt>
          <dd>{match.prisonerNumber ?? "—"}</dd>
        </div>
      </dl>
      <ApplicationsTable
        applications={match.applications}
        linked={linked}
        canManage={canManage}
        caption={`Applications by ${match.fullName}`}
        coDefendant
      />
      {canManage ? <MergeForm match={match} thisName={thisName} /> : null}
    </section>
  );
}

function MergeForm({ match, thisName }: { match: MatchedApplicant; thisName: string }) {
  const id = match.applicantId;
  return (
    <Form method="post">
      <CsrfInput />
      <input type="hidden" name="intent" value="merge" />
      <input type="hidden" name="otherApplicantId" value={id} />
      <fieldset className="fieldset">
        <legend className="label">The same person? Merge the two records</legend>
        <p className="hint">
          Everything filed on the record not kept moves to the one kept. Both records' history stays
          in the audit trail.
        </p>
        <div className="choices">
          <div className="choice">
            <input type="radio" id={`keep-this-${id}`} name="keep" value="this" defaultChecked />
            <label htmlFor={`keep-this-${id}`}>Keep this application's record ({thisName})</label>
          </div>
          <div className="choice">
            <input type="radio" id={`keep-other-${id}`} name="keep" value="other" />
            <label htmlFor={`keep-other-${id}`}>Keep the record of {match.fullName}</label>
          </div>
          <div className="choice">
            <input type="checkbox" id={`confirm-${id}`} name="confirm" value="yes" />
            <label htmlFor={`confirm-${id}`}>I have checked these are the same person</label>
          </div>
        </div>
      </fieldset>
      <button type="submit" className="button button-warning">
        Merge<span className="visually-hidden"> with {match.fullName}</span>
      </button>
    </Form>
  );
}

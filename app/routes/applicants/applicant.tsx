import { Link, useSearchParams } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { can } from "~/access/viewer";
import { AccessHistoryLink } from "~/audit/ui/access-history-link";
import { getApplicant } from "~/intake/applicants/get-applicant.server";
import {
  AUTHORISATIONS,
  CORRESPONDENCE_KINDS,
  DIRECTIONS,
  RELATIONSHIPS,
} from "~/intake/applicants/schemas";
import { MultiLine, stateText } from "~/intake/entry/application-parts";
import { requireIds } from "~/ui/form-action.server";
import type { Route } from "./+types/applicant";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:application:any"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  return asViewer(context, async (tx, acting) => ({
    ...(await getApplicant(tx, acting, id)),
    canManage: can(acting.viewer, "manage:application:any"),
  }));
}

const NOTICES: Record<string, string> = {
  saved: "Details saved.",
  moved: "Move recorded.",
  representative: "Representatives saved.",
  logged: "Added to the correspondence log.",
};

export default function ApplicantPage({ loaderData }: Route.ComponentProps) {
  const {
    applicant: p,
    moves,
    representatives,
    applications,
    correspondence,
    canManage,
  } = loaderData;
  const [searchParams] = useSearchParams();
  const notice = Object.keys(NOTICES).find((k) => searchParams.has(k));
  const base = `/applicants/${p.id}`;
  return (
    <>
      <title>{`${p.fullName} – Clearname`}</title>
      {notice ? (
        <div className="notice" role="status">
          <p>{NOTICES[notice]}</p>
        </div>
      ) : null}
      <p className="caption">Applicant</p>
      <h1>{p.fullName}</h1>
      <AccessHistoryLink type="applicant" id={p.id} paragraph>
        Access history of this applicant
      </AccessHistoryLink>
      <h2>Personal details</h2>
      <dl className="summary-list">
        <div>
          <dt>Other names</dt>
          <dd>{p.aliases.length ? p.aliases.join(", ") : "None recorded"}</dd>
        </div>
        <div>
          <dt>Date of birth</dt>
          <dd>{p.dateOfBirth ?? "Not recorded"}</dd>
        </div>
        <div>
          <dt>Prisoner number</dt>
          <dd>{p.prisonerNumber ?? "Not recorded"}</dd>
        </div>
        <div>
          <dt>Other prisoner number</dt>
          <dd>{p.otherPrisonerNumber ?? "Not recorded"}</dd>
        </div>
        <div>
          <dt>Held at</dt>
          <dd>{p.establishment ?? "Not recorded as in prison"}</dd>
        </div>
        <div>
          <dt>Postal address</dt>
          <dd>{p.postalAddress ? <MultiLine text={p.postalAddress} /> : "Not recorded"}</dd>
        </div>
      </dl>
      <h2>Correspondence preferences</h2>
      <dl className="summary-list">
        <div>
          <dt>Large print</dt>
          <dd>{p.largePrint ? "Yes" : "No"}</dd>
        </div>
        <div>
          <dt>Language</dt>
          <dd>{p.language ?? "English"}</dd>
        </div>
        <div>
          <dt>Marked “Legal Correspondence”</dt>
          <dd>{p.legalCorrespondence ? "Yes" : "No"}</dd>
        </div>
      </dl>
      {canManage ? (
        <p>
          <Link to={`${base}/edit`}>Change personal details and preferences</Link>
        </p>
      ) : null}

      <h2>Where they have been held</h2>
      {moves.length === 0 ? (
        <p>No establishments recorded.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Establishments, latest first</caption>
          <thead>
            <tr>
              <th scope="col">Establishment</th>
              <th scope="col">From</th>
              <th scope="col">Until</th>
              <th scope="col">Recorded by</th>
            </tr>
          </thead>
          <tbody>
            {moves.map((m) => (
              <tr key={m.id}>
                <td>{m.establishment}</td>
                <td>{m.fromDate ?? "Not known"}</td>
                <td>{m.toDate ?? "Now"}</td>
                <td>{m.source === "project" ? "The project working their case" : "The network"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canManage ? (
        <p>
          <Link to={`${base}/move`}>Record a move or release</Link>
        </p>
      ) : null}

      <h2>Representatives</h2>
      {representatives.length === 0 ? (
        <p>No representatives.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Representatives</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Relationship</th>
              <th scope="col">May receive</th>
              <th scope="col">Contact</th>
            </tr>
          </thead>
          <tbody>
            {representatives.map((r) => (
              <tr key={r.id}>
                <td>{r.name}</td>
                <td>{RELATIONSHIPS[r.relationship]}</td>
                <td>{AUTHORISATIONS[r.authorisedToReceive]}</td>
                <td>{[r.address, r.email, r.phone].filter(Boolean).join("; ") || "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canManage ? (
        <p>
          <Link to={`${base}/representatives`}>Add or remove representatives</Link>
        </p>
      ) : null}

      <h2>Applications</h2>
      <table className="table">
        <caption className="visually-hidden">Applications, latest first</caption>
        <thead>
          <tr>
            <th scope="col">Reference</th>
            <th scope="col">Received</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {applications.map((a) => (
            <tr key={a.id}>
              <td>
                <Link to={`/applications/${a.id}`}>{a.reference}</Link>
              </td>
              <td>{a.receivedOn}</td>
              <td>
                {stateText(a.state, a.closedReason)}
                {a.isDraft ? " (entry not finished)" : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Correspondence log</h2>
      {canManage ? (
        <p>
          <Link to={`${base}/correspondence`}>Add a letter, call or e-mail</Link>
        </p>
      ) : null}
      {correspondence.length === 0 ? (
        <p>Nothing logged yet.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Correspondence, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Direction</th>
              <th scope="col">What</th>
              <th scope="col">Summary</th>
              <th scope="col">Scan or letter</th>
            </tr>
          </thead>
          <tbody>
            {correspondence.map((c) => (
              <tr key={c.id}>
                <td>{c.occurredOn}</td>
                <td>{DIRECTIONS[c.direction]}</td>
                <td>{CORRESPONDENCE_KINDS[c.kind]}</td>
                <td>
                  <MultiLine text={c.summary} />
                </td>
                <td>
                  {c.documentId ? (
                    <a href={`/documents/${c.documentId}`} download>
                      {c.filename ?? "Download"}
                    </a>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

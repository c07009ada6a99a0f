import { Link, useSearchParams } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { can } from "~/access/viewer";
import { AccessHistoryLink } from "~/audit/ui/access-history-link";
import { assessmentsPanel } from "~/eligibility/list-application-assessments.server";
import { ApplicationAssessments } from "~/eligibility/ui/application-assessments";
import { RepresentativeList } from "~/intake/applicants/representative-list";
import {
  DocumentsTable,
  LinksAndMatches,
  QuestionnaireAnswers,
  stateText,
} from "~/intake/entry/application-parts";
import { getApplication } from "~/intake/entry/get-application.server";
import { ENTRY_CHANNELS } from "~/intake/entry/new-application-schema";
import { StateChangeForm } from "~/intake/entry/state-change-form";
import { nextStates } from "~/intake/transitions";
import { today } from "~/shared/dates";
import { requireIds } from "~/ui/form-action.server";
import type { Route } from "./+types/application";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:application:any"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  return asViewer(context, async (tx, acting) => {
    const found = await getApplication(tx, acting, id);
    return {
      ...found,
      canManage: can(acting.viewer, "manage:application:any"),
      assessmentsPanel: await assessmentsPanel(tx, acting, found.application),
      next: nextStates(found.application.state),
      today: today(),
    };
  });
}

const CHANNELS: Record<string, string> = {
  ...ENTRY_CHANNELS,
  online: "Online",
  import: "Imported from a spreadsheet",
};

const NOTICES: Record<string, string> = {
  saved: "Your answers are saved. Continue entry when you are ready.",
  finished: "Entry finished: the application is in the queue.",
  state: "State changed.",
  uploaded: "Document added.",
};

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

export default function ApplicationPage({ loaderData }: Route.ComponentProps) {
  const { application: a, applicant: p, canManage, today: now } = loaderData;
  const [searchParams] = useSearchParams();
  const notice = Object.keys(NOTICES).find((k) => searchParams.has(k));
  const overdue = !a.acknowledgedOn && a.state !== "closed" && a.acknowledgementDueOn < now;
  return (
    <>
      <title>{`${a.reference} – ${p.fullName} – Clearname`}</title>
      {notice ? (
        <div className="notice" role="status">
          <p>{NOTICES[notice]}</p>
        </div>
      ) : null}
      <p className="caption">Application from {p.fullName}</p>
      <h1>{a.reference}</h1>
      <AccessHistoryLink type="application" id={a.id} paragraph>
        Access history of this application
      </AccessHistoryLink>
      {a.isDraft ? (
        <div className="notice notice-warning">
          <p>
            <strong>Data entry is not finished.</strong>{" "}
            {canManage ? (
              <Link to={`/applications/${a.id}/entry/finish`}>Continue entry</Link>
            ) : null}
          </p>
        </div>
      ) : null}
      <dl className="summary-list">
        <div>
          <dt>State</dt>
          <dd>{stateText(a.state, a.closedReason)}</dd>
        </div>
        <div>
          <dt>How it arrived</dt>
          <dd>
            {a.submittedBy?.applyingFor === "behalf"
              ? "Online, from a representative"
              : (CHANNELS[a.channel] ?? a.channel)}
          </dd>
        </div>
        <div>
          <dt>Received</dt>
          <dd>{a.receivedOn}</dd>
        </div>
        <div>
          <dt>Acknowledgement</dt>
          <dd>
            {a.acknowledgedOn ? (
              `Acknowledged on ${a.acknowledgedOn}`
            ) : overdue ? (
              <>
                <strong className="tag tag-paused">Overdue</strong> due {a.acknowledgementDueOn},{" "}
                {daysBetween(a.acknowledgementDueOn, now)} days ago
              </>
            ) : (
              `Due by ${a.acknowledgementDueOn}`
            )}
          </dd>
        </div>
        {a.chaseOn ? (
          <div>
            <dt>Chase on</dt>
            <dd>{a.chaseOn}</dd>
          </div>
        ) : null}
        <div>
          <dt>Consent or form of authority</dt>
          <dd>
            {a.consentSigned
              ? `Signed${a.consentSignedOn ? ` on ${a.consentSignedOn}` : " (undated)"}`
              : "Not received"}
          </dd>
        </div>
      </dl>
      <p>
        <Link to={`/applications/${a.id}/letters`}>Letters for this application</Link>
      </p>
      <p>
        <Link to={`/applications/${a.id}/tasks`}>Tasks on this application</Link>
      </p>

      <h2>Applicant</h2>
      <dl className="summary-list">
        <div>
          <dt>Name</dt>
          <dd>
            <Link to={`/applicants/${p.id}`}>{p.fullName}</Link>
            {p.aliases.length ? ` (also known as ${p.aliases.join(", ")})` : ""}
          </dd>
        </div>
        <div>
          <dt>Date of birth</dt>
          <dd>{p.dateOfBirth ?? "Not recorded"}</dd>
        </div>
        <div>
          <dt>Prisoner number</dt>
          <dd>
            {[p.prisonerNumber, p.otherPrisonerNumber].filter(Boolean).join(", ") || "Not recorded"}
          </dd>
        </div>
        <div>
          <dt>Where to write</dt>
          <dd>{p.establishment ?? p.postalAddress ?? "Not recorded"}</dd>
        </div>
        <div>
          <dt>Letters</dt>
          <dd>
            {[
              p.legalCorrespondence ? "Marked Legal Correspondence" : "Not marked",
              p.largePrint ? "large print" : null,
              p.language ? `in ${p.language}` : null,
            ]
              .filter(Boolean)
              .join(", ")}
          </dd>
        </div>
        <div>
          <dt>Representatives</dt>
          <dd>
            <RepresentativeList representatives={loaderData.representatives} />
          </dd>
        </div>
        <div>
          <dt>Their other applications</dt>
          <dd>
            {loaderData.otherApplications.length === 0
              ? "None"
              : loaderData.otherApplications.map((o, i) => (
                  <span key={o.id}>
                    {i > 0 ? ", " : ""}
                    <Link to={`/applications/${o.id}`}>{o.reference}</Link>
                  </span>
                ))}
          </dd>
        </div>
      </dl>

      <ApplicationAssessments applicationId={a.id} {...loaderData.assessmentsPanel} />

      <h2>Links and likely matches</h2>
      <LinksAndMatches applicationId={a.id} links={loaderData.links} matches={loaderData.matches} />

      <h2>Documents</h2>
      <DocumentsTable documents={loaderData.documents} caption={`Documents of ${a.reference}`} />
      {canManage ? (
        <p>
          <Link to={`/applications/${a.id}/documents`}>Add a scan or document</Link>
        </p>
      ) : null}

      <h2>Questionnaire</h2>
      <QuestionnaireAnswers
        applicationId={a.id}
        questionnaire={a.questionnaire}
        canChange={canManage}
      />

      {canManage ? (
        <section aria-labelledby="state-heading" className="narrow">
          <h2 id="state-heading">Change the state</h2>
          <StateChangeForm applicationId={a.id} next={loaderData.next} />
        </section>
      ) : null}
    </>
  );
}

import { Link } from "react-router";
import { DocumentsTable, QuestionnaireAnswers } from "~/intake/entry/application-parts";
import type { ApplicationBeside as Beside } from "../application-beside.server";

/**
 * What the applicant sent, kept beside the assessment form: who they are, their
 * questionnaire answers and the scans, so the assessor does not have to switch pages.
 */
export function ApplicationBeside({ application: a }: { application: Beside }) {
  return (
    <aside className="workspace-beside" aria-labelledby="beside-heading">
      <h2 id="beside-heading">The application</h2>
      <dl className="summary-list summary-list-compact">
        <div>
          <dt>Reference</dt>
          <dd>
            <Link to={`/applications/${a.id}`}>{a.reference}</Link>
          </dd>
        </div>
        <div>
          <dt>Applicant</dt>
          <dd>{a.applicant.fullName}</dd>
        </div>
        <div>
          <dt>Prisoner number</dt>
          <dd>{a.applicant.prisonerNumber ?? "Not recorded"}</dd>
        </div>
        <div>
          <dt>Establishment</dt>
          <dd>{a.applicant.establishment ?? "Not recorded"}</dd>
        </div>
        <div>
          <dt>Received</dt>
          <dd>{a.receivedOn}</dd>
        </div>
      </dl>
      <h3>Scans and documents</h3>
      <DocumentsTable documents={a.documents} caption={`Documents of ${a.reference}`} />
      <details className="beside-questionnaire" open>
        <summary>The questionnaire answers</summary>
        <QuestionnaireAnswers
          applicationId={a.id}
          questionnaire={a.questionnaire}
          canChange={false}
        />
      </details>
    </aside>
  );
}

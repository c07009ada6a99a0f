import { Form, Link } from "react-router";
import { CsrfInput } from "~/ui/forms";
import type { ApplicationAssessment } from "../list-application-assessments.server";
import { RECOMMENDATION_LABELS, STATUS_LABELS } from "../rules";
import { dayOf } from "./labels";

/**
 * The application page's "Assessments" section: each assessment of it, and for an assessor
 * the button that takes it for assessment (or the link to the one under way).
 */
export function ApplicationAssessments({
  applicationId,
  assessments,
  openAssessmentId,
  canStartAssessment,
  assessorNames,
}: {
  applicationId: string;
  assessments: ApplicationAssessment[];
  openAssessmentId: string | null;
  canStartAssessment: boolean;
  assessorNames: Record<string, string>;
}) {
  return (
    <section aria-labelledby="assessments-heading">
      <h2 id="assessments-heading">Assessments</h2>
      {assessments.length === 0 ? (
        <p>Not assessed yet.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Assessments of this application</caption>
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">Assessor</th>
              <th scope="col">Status</th>
              <th scope="col">Recommendation</th>
              <th scope="col">Decided</th>
            </tr>
          </thead>
          <tbody>
            {assessments.map((a) => (
              <tr key={a.id}>
                <td>
                  <Link to={`/assessments/${a.id}`}>
                    {dayOf(a.createdAt)}
                    <span className="visually-hidden"> assessment</span>
                  </Link>
                </td>
                <td>{a.assessorId ? (assessorNames[a.assessorId] ?? "") : ""}</td>
                <td>{STATUS_LABELS[a.status]}</td>
                <td>{a.recommendation ? RECOMMENDATION_LABELS[a.recommendation] : "None yet"}</td>
                <td>{dayOf(a.decidedAt) || "Not yet"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {openAssessmentId ? (
        <p>
          <Link to={`/assessments/${openAssessmentId}`} className="button">
            Open the assessment
          </Link>
        </p>
      ) : canStartAssessment ? (
        <Form method="post" action={`/applications/${applicationId}/assess`}>
          <CsrfInput />
          <button type="submit" className="button">
            Assess this application
          </button>
        </Form>
      ) : null}
    </section>
  );
}

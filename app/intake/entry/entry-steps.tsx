import { Form, Link } from "react-router";
import { CsrfInput } from "~/ui/forms";
import { QUESTIONNAIRE_SECTIONS, type Questionnaire } from "../questionnaire";
import { FINISH_STEP } from "./sections";

function answeredIn(sectionKey: string, q: Questionnaire): [number, number] {
  const section = QUESTIONNAIRE_SECTIONS.find((s) => s.key === sectionKey);
  const questions = section?.questions ?? [];
  return [questions.filter((x) => Boolean(q[x.name])).length, questions.length];
}

/** The sections of the paper form, in its order, with how much of each is answered. */
export function EntrySteps({
  applicationId,
  current,
  questionnaire,
}: {
  applicationId: string;
  current: string;
  questionnaire: Questionnaire;
}) {
  return (
    <nav aria-label="Sections of the questionnaire">
      <ol className="plain-list">
        {QUESTIONNAIRE_SECTIONS.map((s, i) => {
          const [answered, total] = answeredIn(s.key, questionnaire);
          return (
            <li key={s.key}>
              <Link
                to={`/applications/${applicationId}/entry/${s.key}`}
                aria-current={s.key === current ? "step" : undefined}
              >
                {i + 1}. {s.title}
              </Link>{" "}
              <span className="hint">
                ({answered} of {total} answered)
              </span>
            </li>
          );
        })}
        <li>
          <Link
            to={`/applications/${applicationId}/entry/${FINISH_STEP}`}
            aria-current={current === FINISH_STEP ? "step" : undefined}
          >
            Check and finish
          </Link>
        </li>
      </ol>
    </nav>
  );
}

/** The last step: how much was entered, then the end of data entry. */
export function FinishEntry({
  application,
  error,
}: {
  application: {
    id: string;
    reference: string;
    isDraft: boolean;
    version: number;
    questionnaire: Questionnaire;
  };
  error: string | null;
}) {
  const totals = QUESTIONNAIRE_SECTIONS.map(
    (s) => [s, ...answeredIn(s.key, application.questionnaire)] as const,
  );
  const answered = totals.reduce((n, [, a]) => n + a, 0);
  return (
    <>
      {error ? (
        <div className="error-summary" role="alert">
          <h2>There is a problem</h2>
          <p>{error}</p>
        </div>
      ) : null}
      <table className="table">
        <caption>What has been entered</caption>
        <thead>
          <tr>
            <th scope="col">Section</th>
            <th scope="col">Answers</th>
          </tr>
        </thead>
        <tbody>
          {totals.map(([s, a, total]) => (
            <tr key={s.key}>
              <td>
                <Link to={`/applications/${application.id}/entry/${s.key}`}>{s.title}</Link>
              </td>
              <td>
                {a} of {total}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {application.isDraft ? (
        <>
          <p>
            {answered === 0
              ? "No questions are answered yet. You can still finish: letters rarely answer everything, and missing information can be asked for."
              : "Unanswered questions can be asked for later. Answers can still be corrected after entry is finished."}
          </p>
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="version" value={application.version} />
            <button type="submit" className="button">
              Finish entry
            </button>
          </Form>
        </>
      ) : (
        <p>Entry of {application.reference} is finished. Answers can still be corrected.</p>
      )}
    </>
  );
}

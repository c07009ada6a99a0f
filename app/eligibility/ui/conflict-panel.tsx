import type { FieldDifference } from "../diff";

/**
 * Shown when someone else saved the assessment after this person opened it: each field that
 * differs, what is saved now beside what they typed. Their typing stays in the form below,
 * and saving again overwrites what is saved now, deliberately.
 */
export function ConflictPanel({
  message,
  differences,
}: {
  message: string;
  differences: FieldDifference[];
}) {
  return (
    <div
      className="conflict-panel notice notice-warning"
      role="alert"
      aria-labelledby="conflict-title"
    >
      <h2 id="conflict-title">Someone else saved this assessment</h2>
      <p>{message}</p>
      {differences.length === 0 ? (
        <p>Your answers are the same as what is saved now.</p>
      ) : (
        <table className="table">
          <caption>
            {differences.length === 1
              ? "One answer differs"
              : `${differences.length} answers differ`}
          </caption>
          <thead>
            <tr>
              <th scope="col">Answer</th>
              <th scope="col">Saved now</th>
              <th scope="col">Yours</th>
            </tr>
          </thead>
          <tbody>
            {differences.map((d) => (
              <tr key={d.field}>
                <th scope="row">
                  <a href={`#assessment-${d.field}`}>{d.label}</a>
                </th>
                <td className="pre-line">{d.saved}</td>
                <td className="pre-line">{d.yours}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        Your answers are still in the form. <strong>Save draft</strong> again to replace what is
        saved now with yours, or change them first.
      </p>
    </div>
  );
}

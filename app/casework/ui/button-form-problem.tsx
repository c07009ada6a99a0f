import type { SubmissionResult } from "@conform-to/react";

/**
 * Why a one-button form (delete an event, take someone off the team, mark papers as held)
 * was refused. It has no field to show the message beside, so it is said at the top of the page.
 */
export function ButtonFormProblem({ result }: { result: SubmissionResult<string[]> | undefined }) {
  const messages = Object.values(result?.error ?? {})
    .flat()
    .filter((m): m is string => typeof m === "string");
  if (messages.length === 0) return null;
  return (
    <div className="error-summary" role="alert">
      <h2>There is a problem</h2>
      <p>{messages.join(" ")}</p>
    </div>
  );
}

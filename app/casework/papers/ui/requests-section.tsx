import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { resultFor } from "~/ui/form-result";
import { CsrfInput, ErrorSummary, SelectField, TextareaField, TextField } from "~/ui/forms";
import {
  NO_AUTHORITY,
  RECIPIENT_KIND_LABELS,
  RECIPIENT_KINDS,
  RequestSchema,
} from "../paper-schemas";
import { type Paper, type PaperRequest, paperLabel, resultForRequest } from "./form-result";
import { ChaseForm, ReplyForm } from "./request-forms";

/**
 * The requests for missing papers, each with its letter, chasers and reply, and the form that
 * makes a new request (refused by the server until the form of authority is on file).
 */
export function RequestsSection({
  closed = false,
  caseId,
  hasAuthority,
  papers,
  requests,
  actionData,
}: {
  /** A closed case: shown, not changed. */
  closed?: boolean;
  caseId: string;
  hasAuthority: boolean;
  papers: Paper[];
  requests: PaperRequest[];
  /** What the page's action answered, for the failure of this section's forms. */
  actionData: unknown;
}) {
  const [form, fields] = useForm({
    id: "request",
    lastResult: resultFor(actionData, "request"),
    constraint: getZodConstraint(RequestSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RequestSchema }),
  });
  return (
    <section aria-labelledby="requests-heading">
      <h2 id="requests-heading">Requests for missing papers</h2>
      {requests.length === 0 ? (
        <p>No requests made yet.</p>
      ) : (
        <ul className="plain-list paper-requests">
          {requests.map((r) => (
            <li
              key={r.id}
              className={r.overdue ? "paper-request paper-request-overdue" : "paper-request"}
            >
              <h3>
                {paperLabel(papers, r.paperId)} from {r.recipient}
              </h3>
              <p>
                {RECIPIENT_KIND_LABELS[r.recipientKind]}. Requested on {r.requestedOn}.{" "}
                {r.chasedOn.length ? `Chased on ${r.chasedOn.join(", ")}. ` : ""}
                {r.status === "sent"
                  ? r.chaseOn
                    ? `${r.overdue ? "Overdue: chase" : "Chase"} on ${r.chaseOn}.`
                    : "Waiting for a reply."
                  : `${r.status === "answered" ? "Answered" : "Refused"} on ${r.repliedOn}: ${r.reply}`}
              </p>
              {r.letterDocumentId ? (
                <p>
                  <a href={`/cases/${caseId}/documents/${r.letterDocumentId}`} download>
                    The request letter (PDF)
                  </a>{" "}
                  or{" "}
                  <a href={`/cases/${caseId}/papers/requests/${r.id}/letter.docx`} download>
                    as Word, to edit
                  </a>
                </p>
              ) : null}
              {r.status === "sent" && !closed ? (
                <>
                  <details
                    className="case-action"
                    open={resultForRequest(actionData, "chase", r.id) ? true : undefined}
                  >
                    <summary>Record a chaser</summary>
                    <ChaseForm r={r} lastResult={resultForRequest(actionData, "chase", r.id)} />
                  </details>
                  <details
                    className="case-action"
                    open={resultForRequest(actionData, "reply", r.id) ? true : undefined}
                  >
                    <summary>Record the reply</summary>
                    <ReplyForm r={r} lastResult={resultForRequest(actionData, "reply", r.id)} />
                  </details>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {closed ? null : (
        <div className="narrow">
          <h3>Request missing papers</h3>
          {!hasAuthority ? <p className="hint">{NO_AUTHORITY}</p> : null}
          <p>
            A letter is written from the project, enclosing the form of authority, and kept in the
            case's documents.
          </p>
          <ErrorSummary
            form={form}
            fields={{
              paperId: fields.paperId,
              recipientKind: fields.recipientKind,
              recipient: fields.recipient,
              recipientAddress: fields.recipientAddress,
              requestedOn: fields.requestedOn,
              chaseOn: fields.chaseOn,
            }}
          />
          <Form method="post" {...getFormProps(form)}>
            <CsrfInput />
            <input type="hidden" name="intent" value="request" />
            <SelectField
              field={fields.paperId}
              label="Which papers"
              hint={papers.length === 0 ? "Add the papers to the inventory first." : undefined}
              options={papers
                .filter((p) => !p.held)
                .map((p) => ({ value: p.id, label: paperLabel(papers, p.id) }))}
            />
            <SelectField
              field={fields.recipientKind}
              label="Who holds them"
              options={RECIPIENT_KINDS.map((k) => ({ value: k, label: RECIPIENT_KIND_LABELS[k] }))}
            />
            <TextField field={fields.recipient} label="Name of the firm, office or person" />
            <TextareaField field={fields.recipientAddress} label="Their postal address" rows={4} />
            <TextField
              field={fields.requestedOn}
              label="Date of the letter"
              type="date"
              width="medium"
            />
            <TextField
              field={fields.chaseOn}
              label="Chase on (optional)"
              type="date"
              width="medium"
            />
            <button type="submit" className="button">
              Make the request and write the letter
            </button>
          </Form>
        </div>
      )}
    </section>
  );
}

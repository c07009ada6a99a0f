import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { CsrfInput, ErrorSummary, SelectField, TextField } from "~/ui/forms";
import { AuthoritySchema } from "../paper-schemas";
import type { PapersPage } from "../papers.server";
import type { FormResult } from "./form-result";

/** The client's signed form of authority: whether it is on file, and recording or changing it. */
export function AuthoritySection({
  closed = false,
  caseId,
  authority,
  documents,
  lastResult,
}: {
  /** A closed case: shown, not changed. */
  closed?: boolean;
  caseId: string;
  authority: PapersPage["authority"];
  documents: PapersPage["documents"];
  lastResult: FormResult;
}) {
  const [form, fields] = useForm({
    id: "authority",
    lastResult,
    defaultValue: authority
      ? { recordedOn: authority.recordedOn, documentId: authority.document?.id ?? "" }
      : undefined,
    constraint: getZodConstraint(AuthoritySchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AuthoritySchema }),
  });
  return (
    <section aria-labelledby="authority-heading" className="narrow">
      <h2 id="authority-heading">Form of authority</h2>
      {authority ? (
        <p>
          The client's signed form of authority is on file, received on {authority.recordedOn}
          {authority.document ? (
            <>
              {" "}
              (
              <a href={`/cases/${caseId}/documents/${authority.document.id}`} download>
                {authority.document.filename}
              </a>
              )
            </>
          ) : null}
          .
        </p>
      ) : (
        <div className="notice notice-warning">
          <p>
            No form of authority is recorded. No one will release the client's papers without it, so
            requests cannot be made yet.
          </p>
        </div>
      )}
      {closed ? null : (
        <details className="case-action" open={lastResult !== undefined || !authority}>
          <summary>
            {authority ? "Change the form of authority" : "Record the form of authority"}
          </summary>
          <ErrorSummary
            form={form}
            fields={{ recordedOn: fields.recordedOn, documentId: fields.documentId }}
          />
          <Form method="post" {...getFormProps(form)}>
            <CsrfInput />
            <input type="hidden" name="intent" value="authority" />
            <TextField
              field={fields.recordedOn}
              label="Date the signed form was received"
              type="date"
              width="medium"
            />
            <SelectField
              field={fields.documentId}
              label="The scan among the case's documents (optional)"
              options={documents.map((d) => ({ value: d.id, label: d.filename }))}
            />
            <button type="submit" className="button">
              Record the form of authority
            </button>
          </Form>
        </details>
      )}
    </section>
  );
}

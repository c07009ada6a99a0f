import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "react-router";
import { requires } from "~/access/access";
import { access, actingFrom, asViewer } from "~/access/access.server";
import {
  getDocumentToRedact,
  prepareRedaction,
  saveRedaction,
} from "~/casework/documents/redact-case-document.server";
import { RedactSchema } from "~/casework/documents/redaction-schema";
import { CaseNav } from "~/casework/ui/case-nav";
import { servicesContext } from "~/context.server";
import { asUser } from "~/db/database.server";
import { wakeScanReader } from "~/documents/ocr/scan-reader.server";
import { documentStoreOf, withDocumentStore } from "~/intake/entry/document-store.server";
import { formAction, requireIds } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { CsrfInput, ErrorSummary, TextareaField } from "~/ui/forms";
import type { Route } from "./+types/documents.$documentId.redact";

export const middleware: Route.MiddlewareFunction[] = [access(requires("manage:case:own"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id, documentId } = requireIds(params, ["id", "documentId"]);
  return asViewer(context, (tx, acting) => getDocumentToRedact(tx, acting, id, documentId));
}

export const action = formAction({
  ids: ["id", "documentId"],
  intents: (intent) => ({
    redact: intent({
      schema: RedactSchema,
      // Drawn and painted before the form's transaction opens: nobody waits on the database.
      prepare: ({ passages }, { ids, args }) => {
        const acting = actingFrom(args.context);
        const { database } = args.context.get(servicesContext);
        return prepareRedaction(
          (fn) => asUser(database.db, acting.viewer.id, (tx) => fn(tx, acting)),
          documentStoreOf(args.context),
          ids.id,
          ids.documentId,
          passages,
        );
      },
      run: (_, { tx, acting, ids, args, prepared, afterCommit }) => {
        afterCommit([async () => wakeScanReader()]);
        return withDocumentStore(documentStoreOf(args.context), (store) =>
          saveRedaction(tx, acting, store, ids.id, ids.documentId, prepared),
        );
      },
      done: (saved, ids) => `/cases/${ids.id}/documents?redacted=${saved.documentId}`,
    }),
  }),
});

export default function RedactDocument({ loaderData, actionData }: Route.ComponentProps) {
  const { case: c, document } = loaderData;
  const [form, fields] = useForm({
    id: "redact",
    lastResult: resultFor(actionData, "redact"),
    constraint: getZodConstraint(RedactSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RedactSchema }),
  });
  return (
    <>
      <title>{`Redact ${document.filename} – ${c.reference} – Clearname`}</title>
      <CaseNav caseId={c.id} reference={c.reference} current="documents" />
      <p className="caption">{c.reference}</p>
      <h1>Redact {document.filename}</h1>
      <div className="narrow">
        <p>
          The redacted copy is a new document beside the original, which is kept unchanged. Every
          page of the copy is a picture: each passage is painted over in black wherever it appears,
          and nothing of the original&apos;s text, attachments or details is carried over, so a
          removed passage cannot be copied or searched for in it.
        </p>
        <ErrorSummary form={form} fields={{ passages: fields.passages }} />
        <Form method="post" {...getFormProps(form)}>
          <CsrfInput />
          <input type="hidden" name="intent" value="redact" />
          <TextareaField
            field={fields.passages}
            label="Passages to remove"
            hint="One a line, as written in the document: a name, an address, a sentence. Each is removed wherever it appears, whatever its capitals."
            rows={6}
          />
          <button type="submit" className="button">
            Make the redacted copy
          </button>
        </Form>
      </div>
      <section aria-labelledby="text-heading">
        <h2 id="text-heading">The document&apos;s text</h2>
        {document.text ? (
          <>
            <div className="pre-line card">{document.text}</div>
            {document.truncated ? (
              <p className="hint">Only the start of the text is shown here.</p>
            ) : null}
          </>
        ) : (
          <p>
            Its text has not been read yet (scanned pages are read in the background). Passages on
            scanned pages are still found, by OCR, when the copy is made.
          </p>
        )}
      </section>
      <p>
        <Link to={`/cases/${c.id}/documents`}>Back to the documents</Link>
      </p>
    </>
  );
}

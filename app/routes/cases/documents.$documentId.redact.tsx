import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { useMemo } from "react";
import { Form, Link } from "react-router";
import { requires } from "~/access/access";
import { access, actingFrom } from "~/access/access.server";
import {
  getDocumentToRedact,
  prepareRedaction,
  saveRedaction,
} from "~/casework/documents/redact-case-document.server";
import { RedactSchema, redactSchema } from "~/casework/documents/redaction-schema";
import { CaseNav } from "~/casework/ui/case-nav";
import { areaLine, PagePreviews } from "~/casework/ui/page-previews";
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
  const acting = actingFrom(context);
  const { database } = context.get(servicesContext);
  // The pages are drawn in a worker after the look-up's transaction, not inside it.
  return getDocumentToRedact(
    (fn) => asUser(database.db, acting.viewer.id, (tx) => fn(tx, acting)),
    documentStoreOf(context),
    id,
    documentId,
  );
}

export const action = formAction({
  ids: ["id", "documentId"],
  intents: (intent) => ({
    redact: intent({
      schema: RedactSchema,
      // Drawn and painted before the form's transaction opens: nobody waits on the database.
      prepare: ({ passages, areas }, { ids, args }) => {
        const acting = actingFrom(args.context);
        const { database } = args.context.get(servicesContext);
        return prepareRedaction(
          (fn) => asUser(database.db, acting.viewer.id, (tx) => fn(tx, acting)),
          documentStoreOf(args.context),
          ids.id,
          ids.documentId,
          passages,
          areas,
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
  const { case: c, document, preview } = loaderData;
  // In the browser, areas are checked against the document's own page count too.
  const schema = useMemo(() => redactSchema(preview.ok ? preview.pages : undefined), [preview]);
  const [form, fields] = useForm({
    id: "redact",
    lastResult: resultFor(actionData, "redact"),
    constraint: getZodConstraint(RedactSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <>
      <title>{`Redact ${document.filename} – ${c.reference} – Clearname`}</title>
      <CaseNav caseId={c.id} closed={c.closed} reference={c.reference} current="documents" />
      <p className="caption">{c.reference}</p>
      <h1>Redact {document.filename}</h1>
      <div className="narrow">
        <p>
          The redacted copy is a new document beside the original, which is kept unchanged. Every
          page of the copy is a picture: each passage is painted over in black wherever it appears,
          and each area you mark is painted over, and nothing of the original&apos;s text,
          attachments or details is carried over, so what is removed cannot be copied or searched
          for in it.
        </p>
        <ErrorSummary form={form} fields={{ passages: fields.passages, areas: fields.areas }} />
        <Form method="post" {...getFormProps(form)}>
          <CsrfInput />
          <input type="hidden" name="intent" value="redact" />
          <TextareaField
            field={fields.passages}
            label="Passages to remove"
            hint="One a line, as written in the document: a name, an address, a sentence. Each is removed wherever it appears, whatever its capitals. Leave empty to paint over areas only."
            rows={6}
          />
          <TextareaField
            field={fields.areas}
            label="Areas to paint over (optional)"
            hint="One a line: the page, then the area’s left edge, top edge, width and height, in percent of the page, read from the grid on the pages shown below. For example, “page 2: 10 20 30 5” paints over a box 10% from the left and 20% from the top of page 2, 30% of the page wide and 5% high. Use areas for signatures, photographs, handwriting or anything the text does not find."
            rows={4}
          />
          <button type="submit" className="button">
            Make the redacted copy
          </button>
        </Form>
      </div>
      <PagePreviews
        preview={preview}
        onArea={(area) => {
          // A dragged area is added to the field as a line, as if typed.
          const field = window.document.getElementById(fields.areas.id);
          if (!(field instanceof HTMLTextAreaElement)) return;
          const typed = field.value.replace(/\s+$/, "");
          field.value = `${typed ? `${typed}\n` : ""}${areaLine(area)}\n`;
          field.dispatchEvent(new Event("input", { bubbles: true }));
        }}
      />
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

import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Link, useSearchParams } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { AccessHistoryLink } from "~/audit/ui/access-history-link";
import { leadsCase, openCase } from "~/casework/case-access.server";
import { addCaseDocument, listCaseDocuments } from "~/casework/documents/case-documents.server";
import { CaseDocumentSchema } from "~/casework/documents/document-schemas";
import { CaseNav } from "~/casework/ui/case-nav";
import { wakeScanReader } from "~/documents/ocr/scan-reader.server";
import { ScanReading } from "~/documents/ocr/scan-reading";
import { scanReadingsOf } from "~/documents/ocr/scan-readings.server";
import { invalid } from "~/errors/app-error";
import { documentStoreOf, withDocumentStore } from "~/intake/entry/document-store.server";
import { FileField } from "~/intake/entry/file-field";
import { readUploadOrRefuse } from "~/intake/entry/read-upload.server";
import { readScan } from "~/intake/entry/scan-checks.server";
import { fileSize } from "~/referrals/case-details";
import { formAction } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { ErrorSummary, TextareaField, TextField, UploadForm, useFormKey } from "~/ui/forms";
import type { Route } from "./+types/documents";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:case:own"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  return asViewer(context, async (tx, acting) => {
    const listed = await listCaseDocuments(tx, acting, params.id);
    const readings = await scanReadingsOf(tx, "case_document", listed.documents);
    return {
      ...listed,
      canRedact: leadsCase(acting, await openCase(tx, acting, params.id)),
      documents: listed.documents.map((d) => ({ ...d, reading: readings.get(d.id) ?? null })),
    };
  });
}

// A refused upload gives back what was typed above the file (the form puts the file last).
export const action = formAction({
  ids: ["id"],
  readForm: readUploadOrRefuse,
  intents: (intent) => ({
    upload: intent({
      schema: CaseDocumentSchema,
      // Read before the transaction: on the embedded database it holds the only connection.
      prepare: async ({ file }) => {
        const bytes = new Uint8Array(await file.arrayBuffer());
        const scanned = await readScan(bytes, { extractText: true });
        if (!scanned.ok) throw invalid(`${scanned.message}: nothing was saved.`, { field: "file" });
        return { bytes, scan: scanned.scan };
      },
      run: ({ file, ...provenance }, { tx, acting, ids, args, prepared, afterCommit }) => {
        afterCommit([async () => wakeScanReader()]);
        return withDocumentStore(documentStoreOf(args.context), (store) =>
          addCaseDocument(tx, acting, store, ids.id, {
            filename: file.name,
            ...prepared,
            ...provenance,
          }),
        );
      },
      done: (added, ids) =>
        `/cases/${ids.id}/documents?uploaded=1${added.warning ? `&warned=${added.documentId}` : ""}`,
    }),
  }),
});

export default function CaseDocuments({ loaderData, actionData }: Route.ComponentProps) {
  const { case: c, documents } = loaderData;
  const formKey = useFormKey();
  const [searchParams] = useSearchParams();
  const warned = documents.find((d) => d.id === searchParams.get("warned"));
  const redacted = documents.find((d) => d.id === searchParams.get("redacted"));
  return (
    <>
      <title>{`Documents – ${c.reference} – Clearname`}</title>
      <CaseNav caseId={c.id} closed={c.closed} reference={c.reference} current="documents" />
      {searchParams.get("uploaded") && !actionData ? (
        <div className="notice" role="status">
          <p>
            Document added, stored encrypted. Its text is read in the background (scanned pages by
            OCR) and can be found by search once read.
          </p>
        </div>
      ) : null}
      {redacted && !actionData ? (
        <div className="notice" role="status">
          <p>
            Redacted copy made: <strong>{redacted.filename}</strong>, kept beside the original.
          </p>
        </div>
      ) : null}
      {warned?.warning && !actionData ? (
        <div className="notice notice-warning" role="alert">
          <p>
            <strong>{warned.filename}:</strong> {warned.warning}
          </p>
        </div>
      ) : null}
      <p className="caption">{c.reference}</p>
      <h1>Documents</h1>
      {documents.length === 0 ? (
        <p>No documents in the case file.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Documents of {c.reference}</caption>
          <thead>
            <tr>
              <th scope="col">Document</th>
              <th scope="col">Received from</th>
              <th scope="col">Received on</th>
              <th scope="col">Text</th>
            </tr>
          </thead>
          <tbody>
            {documents.map((d) => (
              <tr key={d.id}>
                <td>
                  <a href={`/cases/${c.id}/documents/${d.id}`} download>
                    {d.filename}
                  </a>{" "}
                  <span className="hint">({fileSize(d.byteSize)})</span>
                  {d.description ? <p className="pre-line">{d.description}</p> : null}
                  <p className="hint document-hash">SHA-256 {d.sha256}</p>
                  <AccessHistoryLink type="document" id={d.id} paragraph>
                    Access history
                    <span className="visually-hidden"> of {d.filename}</span>
                  </AccessHistoryLink>
                  {loaderData.canRedact && !c.closed && d.mediaType === "application/pdf" ? (
                    <p>
                      <Link to={`/cases/${c.id}/documents/${d.id}/redact`}>
                        Make a redacted copy
                        <span className="visually-hidden"> of {d.filename}</span>
                      </Link>
                    </p>
                  ) : null}
                  {d.warning ? (
                    <p>
                      <strong>Warning:</strong> {d.warning}
                    </p>
                  ) : null}
                </td>
                <td>{d.receivedFrom ?? "Not recorded"}</td>
                <td>{d.receivedOn ?? `Added ${d.addedOn}`}</td>
                <td>
                  {d.reading ? (
                    <ScanReading state={d.reading} />
                  ) : d.hasText ? (
                    "Searchable"
                  ) : (
                    "None"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {c.closed ? null : (
        <section aria-labelledby="upload-heading" className="narrow">
          <h2 id="upload-heading">Add a document</h2>
          <AddDocumentForm key={formKey} lastResult={resultFor(actionData, "upload")} />
        </section>
      )}
    </>
  );
}

/** The upload form, keyed by the page's one-time key so that a successful upload empties it. */
function AddDocumentForm({ lastResult }: { lastResult: ReturnType<typeof resultFor> }) {
  const [form, fields] = useForm({
    id: "case-document",
    lastResult,
    constraint: getZodConstraint(CaseDocumentSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CaseDocumentSchema }),
  });
  return (
    <>
      <ErrorSummary
        form={form}
        fields={{
          receivedFrom: fields.receivedFrom,
          receivedOn: fields.receivedOn,
          description: fields.description,
          file: fields.file,
        }}
      />
      <UploadForm {...getFormProps(form)}>
        <TextField
          field={fields.receivedFrom}
          label="Received from"
          hint="Who sent or handed it over: former solicitors, the CPS, the client…"
        />
        <TextField field={fields.receivedOn} label="Received on" type="date" width="medium" />
        <TextareaField field={fields.description} label="Description (optional)" rows={3} />
        <FileField field={fields.file} label="File" />
        <button type="submit" className="button">
          Upload
        </button>
      </UploadForm>
    </>
  );
}

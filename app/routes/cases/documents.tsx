import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, Form, redirect, useSearchParams } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { addCaseDocument, listCaseDocuments } from "~/casework/documents/case-documents.server";
import { CaseDocumentSchema } from "~/casework/documents/document-schemas";
import { CaseNav } from "~/casework/ui/case-nav";
import { AppError } from "~/errors/app-error";
import { documentStoreOf, withDocumentStore } from "~/intake/entry/document-store.server";
import { FileField, refusedUpload } from "~/intake/entry/file-field";
import { readUploadForm } from "~/intake/entry/read-upload.server";
import { readScan } from "~/intake/entry/scan-checks.server";
import { fileSize } from "~/referrals/case-details";
import { ErrorSummary, TextareaField, TextField, useCsrfToken } from "~/ui/forms";
import type { Route } from "./+types/documents";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:case:own"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  return asViewer(context, (tx, acting) => listCaseDocuments(tx, acting, params.id));
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const read = await readUploadForm(request);
  if (!read.ok) return data({ result: refusedUpload(read.message, read.fields) }, { status: 400 });
  const submission = parseWithZod(read.formData, { schema: CaseDocumentSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const { file, ...provenance } = submission.value;
  let warned: string | null = null;
  const bytes = new Uint8Array(await file.arrayBuffer());
  // Read before the transaction: on the embedded database it holds the only connection.
  const scanned = await readScan(bytes, { extractText: true });
  const refusal = !scanned.ok
    ? scanned.message
    : await withDocumentStore(documentStoreOf(context), (store) =>
        asViewer(context, async (tx, acting) => {
          try {
            const added = await addCaseDocument(tx, acting, store, params.id, {
              filename: file.name,
              bytes,
              scan: scanned.scan,
              ...provenance,
            });
            warned = added.warning ? added.documentId : null;
            return null;
          } catch (error) {
            if (error instanceof AppError && error.code === "INVALID") return error.message;
            throw error;
          }
        }),
      );
  if (refusal)
    return data(
      { result: submission.reply({ fieldErrors: { file: [`${refusal}: nothing was saved.`] } }) },
      { status: 400 },
    );
  throw redirect(`/cases/${params.id}/documents?uploaded=1${warned ? `&warned=${warned}` : ""}`);
}

export default function CaseDocuments({ loaderData, actionData }: Route.ComponentProps) {
  const { case: c, documents } = loaderData;
  const csrf = useCsrfToken();
  const [searchParams] = useSearchParams();
  const warned = documents.find((d) => d.id === searchParams.get("warned"));
  const [form, fields] = useForm({
    id: "case-document",
    lastResult: actionData?.result,
    constraint: getZodConstraint(CaseDocumentSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CaseDocumentSchema }),
  });
  return (
    <>
      <title>{`Documents – ${c.reference} – Clearname`}</title>
      <CaseNav caseId={c.id} reference={c.reference} current="documents" />
      {searchParams.get("uploaded") && !actionData ? (
        <div className="notice" role="status">
          <p>Document added, stored encrypted. The text of a PDF can now be found by search.</p>
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
              <th scope="col">Searchable text</th>
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
                  {d.warning ? (
                    <p>
                      <strong>Warning:</strong> {d.warning}
                    </p>
                  ) : null}
                </td>
                <td>{d.receivedFrom ?? "Not recorded"}</td>
                <td>{d.receivedOn ?? `Added ${d.addedOn}`}</td>
                <td>{d.hasText ? "Yes" : "No"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section aria-labelledby="upload-heading" className="narrow">
        <h2 id="upload-heading">Add a document</h2>
        <ErrorSummary
          form={form}
          fields={{
            receivedFrom: fields.receivedFrom,
            receivedOn: fields.receivedOn,
            description: fields.description,
            file: fields.file,
          }}
        />
        <Form
          method="post"
          encType="multipart/form-data"
          action={`?_csrf=${encodeURIComponent(csrf)}`}
          {...getFormProps(form)}
        >
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
        </Form>
      </section>
    </>
  );
}

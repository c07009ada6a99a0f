import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Link, useSearchParams } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { wakeScanReader } from "~/documents/ocr/scan-reader.server";
import { invalid } from "~/errors/app-error";
import { DocumentsTable } from "~/intake/entry/application-parts";
import { documentStoreOf, withDocumentStore } from "~/intake/entry/document-store.server";
import { FileField } from "~/intake/entry/file-field";
import {
  getApplicationForEntry,
  listApplicationDocuments,
} from "~/intake/entry/get-application.server";
import { readUploadOrRefuse } from "~/intake/entry/read-upload.server";
import { readScan } from "~/intake/entry/scan-checks.server";
import { storeDocument } from "~/intake/entry/store-document.server";
import { DOCUMENT_KINDS } from "~/intake/entry/upload-rules";
import { UploadDocumentSchema } from "~/intake/entry/upload-schema";
import { formAction } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { ChoiceField, ErrorSummary, UploadForm, useFormKey } from "~/ui/forms";
import type { Route } from "./+types/documents";

export const middleware: Route.MiddlewareFunction[] = [access(requires("manage:application:any"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  return asViewer(context, async (tx, acting) => {
    const application = await getApplicationForEntry(tx, acting, params.id, "documents");
    return { application, documents: await listApplicationDocuments(tx, application.id) };
  });
}

export const action = formAction({
  ids: ["id"],
  readForm: readUploadOrRefuse,
  intents: (intent) => ({
    upload: intent({
      schema: UploadDocumentSchema,
      // Read before the transaction: on the embedded database it holds the only connection.
      prepare: async ({ file }) => {
        const bytes = new Uint8Array(await file.arrayBuffer());
        const scanned = await readScan(bytes, { extractText: false });
        if (!scanned.ok) throw invalid(`${scanned.message}: nothing was saved.`, { field: "file" });
        return { bytes, scan: scanned.scan };
      },
      run: ({ kind, file }, { tx, acting, ids, args, prepared, afterCommit }) => {
        afterCommit([async () => wakeScanReader()]);
        return withDocumentStore(documentStoreOf(args.context), (store) =>
          storeDocument(tx, acting, store, {
            applicationId: ids.id,
            kind,
            filename: file.name,
            ...prepared,
          }),
        );
      },
      done: (stored, ids) => {
        const carries = stored.warning ? `&warned=${stored.documentId}` : "";
        return `/applications/${ids.id}/documents?uploaded=1${carries}`;
      },
    }),
  }),
});

export default function Documents({ loaderData, actionData }: Route.ComponentProps) {
  const { application, documents } = loaderData;
  const [searchParams] = useSearchParams();
  const formKey = useFormKey();
  const warned = documents.find((d) => d.id === searchParams.get("warned"));
  return (
    <>
      <title>{`Documents – ${application.reference} – Clearname`}</title>
      {searchParams.get("uploaded") && !actionData ? (
        <div className="notice" role="status">
          <p>
            Document added, stored encrypted. Its text is read in the background (scanned pages by
            OCR) and can be found by search once read.
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
      <p className="caption">
        {application.reference} · {application.applicant.fullName}
      </p>
      <h1>Scans and documents</h1>
      <section aria-labelledby="upload-heading" className="narrow">
        <h2 id="upload-heading">Add a scan</h2>
        <UploadScanForm key={formKey} lastResult={resultFor(actionData, "upload")} />
      </section>
      <h2>On file</h2>
      <DocumentsTable documents={documents} caption={`Documents of ${application.reference}`} />
      <p>
        <Link to={`/applications/${application.id}`}>Back to {application.reference}</Link>
      </p>
    </>
  );
}

/** The upload form, keyed by the page's one-time key so that a successful upload empties it. */
function UploadScanForm({ lastResult }: { lastResult: ReturnType<typeof resultFor> }) {
  const [form, fields] = useForm({
    id: "upload",
    lastResult,
    defaultValue: { kind: "scan" },
    constraint: getZodConstraint(UploadDocumentSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: UploadDocumentSchema }),
  });
  return (
    <>
      <ErrorSummary form={form} fields={{ kind: fields.kind, file: fields.file }} />
      <UploadForm {...getFormProps(form)}>
        <ChoiceField
          field={fields.kind}
          label="What is it?"
          type="radio"
          options={Object.entries(DOCUMENT_KINDS).map(([value, label]) => ({ value, label }))}
        />
        <FileField field={fields.file} label="File" />
        <button type="submit" className="button">
          Upload
        </button>
      </UploadForm>
    </>
  );
}

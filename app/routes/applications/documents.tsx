import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, Form, Link, redirect, useSearchParams } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { AppError } from "~/errors/app-error";
import { DocumentsTable } from "~/intake/entry/application-parts";
import { documentStoreOf, withDocumentStore } from "~/intake/entry/document-store.server";
import { FileField, refusedUpload } from "~/intake/entry/file-field";
import {
  getApplicationForEntry,
  listApplicationDocuments,
} from "~/intake/entry/get-application.server";
import { readUploadForm } from "~/intake/entry/read-upload.server";
import { readScan } from "~/intake/entry/scan-checks.server";
import { storeDocument } from "~/intake/entry/store-document.server";
import { DOCUMENT_KINDS } from "~/intake/entry/upload-rules";
import { UploadDocumentSchema } from "~/intake/entry/upload-schema";
import { activeContentWarning } from "~/shared/pdf/active-content";
import { ChoiceField, ErrorSummary, useCsrfToken } from "~/ui/forms";
import type { Route } from "./+types/documents";

export const middleware: Route.MiddlewareFunction[] = [access(requires("manage:application:any"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  return asViewer(context, async (tx, acting) => {
    const application = await getApplicationForEntry(tx, acting, params.id, "documents");
    return { application, documents: await listApplicationDocuments(tx, application.id) };
  });
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const read = await readUploadForm(request);
  if (!read.ok) return data({ result: refusedUpload(read.message, read.fields) }, { status: 400 });
  const submission = parseWithZod(read.formData, { schema: UploadDocumentSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const { kind, file } = submission.value;
  const bytes = new Uint8Array(await file.arrayBuffer());
  // Read before the transaction: on the embedded database it holds the only connection.
  const scanned = await readScan(bytes, { extractText: false });
  const refusal = !scanned.ok
    ? scanned.message
    : await withDocumentStore(documentStoreOf(context), (store) =>
        asViewer(context, async (tx, acting) => {
          try {
            await storeDocument(tx, acting, store, {
              applicationId: params.id,
              kind,
              filename: file.name,
              bytes,
              scan: scanned.scan,
            });
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
  const carries = scanned.ok ? scanned.scan.activeContent.join(",") : "";
  throw redirect(
    `/applications/${params.id}/documents?uploaded=1${carries ? `&carries=${carries}` : ""}`,
  );
}

export default function Documents({ loaderData, actionData }: Route.ComponentProps) {
  const { application, documents } = loaderData;
  const csrf = useCsrfToken();
  const [searchParams] = useSearchParams();
  const warning = activeContentWarning((searchParams.get("carries") ?? "").split(","));
  const [form, fields] = useForm({
    id: "upload",
    lastResult: actionData?.result,
    defaultValue: { kind: "scan" },
    constraint: getZodConstraint(UploadDocumentSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: UploadDocumentSchema }),
  });
  return (
    <>
      <title>{`Documents – ${application.reference} – Clearname`}</title>
      {searchParams.get("uploaded") && !actionData ? (
        <div className="notice" role="status">
          <p>Document added, stored encrypted.</p>
        </div>
      ) : null}
      {warning && searchParams.get("uploaded") && !actionData ? (
        <div className="notice notice-warning" role="alert">
          <p>{warning}</p>
        </div>
      ) : null}
      <p className="caption">
        {application.reference} · {application.applicant.fullName}
      </p>
      <h1>Scans and documents</h1>
      <section aria-labelledby="upload-heading" className="narrow">
        <h2 id="upload-heading">Add a scan</h2>
        <ErrorSummary form={form} fields={{ kind: fields.kind, file: fields.file }} />
        <Form
          method="post"
          encType="multipart/form-data"
          action={`?_csrf=${encodeURIComponent(csrf)}`}
          {...getFormProps(form)}
        >
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
        </Form>
      </section>
      <h2>On file</h2>
      <DocumentsTable documents={documents} caption={`Documents of ${application.reference}`} />
      <p>
        <Link to={`/applications/${application.id}`}>Back to {application.reference}</Link>
      </p>
    </>
  );
}

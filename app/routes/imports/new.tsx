import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, Form, Link, redirect } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { servicesContext } from "~/context.server";
import { AppError } from "~/errors/app-error";
import { importStore } from "~/intake/import/background.server";
import { readImportUpload } from "~/intake/import/read-upload.server";
import { createImportRun, readImportFile } from "~/intake/import/runs.server";
import { MAX_IMPORT_MB, refusedImport, UploadImportSchema } from "~/intake/import/upload-schema";
import { ErrorSummary, useCsrfToken } from "~/ui/forms";
import type { Route } from "./+types/new";

export const middleware: Route.MiddlewareFunction[] = [access(requires("import:application:any"))];

export function loader() {
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  const read = await readImportUpload(request);
  if (!read.ok) return data({ result: refusedImport(read.message) }, { status: 400 });
  const submission = parseWithZod(read.formData, { schema: UploadImportSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const { file } = submission.value;
  const bytes = Buffer.from(await file.arrayBuffer());
  // Read before the transaction: on the embedded database it holds the only connection.
  const checked = await readImportFile({ filename: file.name, bytes });
  if (!checked.ok)
    return data(
      { result: refusedImport(`${checked.message} Nothing was imported.`) },
      { status: 400 },
    );
  const store = importStore(context.get(servicesContext));
  const outcome = await asViewer(context, async (tx, acting) => {
    try {
      const upload = { filename: file.name, bytes };
      const run = await createImportRun(tx, acting, store, upload, checked.read);
      return { runId: run.id, refusal: null };
    } catch (error) {
      if (error instanceof AppError && error.code === "INVALID")
        return { runId: null, refusal: error.message };
      throw error;
    }
  });
  if (!outcome.runId)
    return data(
      { result: refusedImport(`${outcome.refusal} Nothing was imported.`) },
      { status: 400 },
    );
  throw redirect(`/imports/${outcome.runId}/mapping`);
}

export default function NewImport({ actionData }: Route.ComponentProps) {
  const csrf = useCsrfToken();
  const [form, fields] = useForm({
    id: "import-upload",
    lastResult: actionData?.result,
    constraint: getZodConstraint(UploadImportSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: UploadImportSchema }),
  });
  const file = fields.file;
  const invalid = Boolean(file.errors?.length);
  const { key, ...inputProps } = getInputProps(file, { type: "file", ariaAttributes: false });
  return (
    <>
      <title>Import a spreadsheet – Clearname</title>
      <h1>Import a spreadsheet</h1>
      <div className="narrow">
        <p>
          Upload a register of earlier applications: one application a row, with a header row naming
          the columns. Next you say which column holds what, then Clearname checks every row and
          shows you the problems before anything is imported.
        </p>
        <ErrorSummary form={form} fields={{ file }} />
        <Form
          method="post"
          encType="multipart/form-data"
          action={`?_csrf=${encodeURIComponent(csrf)}`}
          {...getFormProps(form)}
        >
          <div className={`field${invalid ? " field-error" : ""}`}>
            <label htmlFor={file.id} className="label">
              Spreadsheet
            </label>
            <p id={file.descriptionId} className="hint">
              A CSV file saved as UTF-8 (in Excel: “CSV UTF-8”) or an Excel workbook (.xlsx), of{" "}
              {MAX_IMPORT_MB} MB or less. Only the first sheet of a workbook is read.
            </p>
            {invalid ? (
              <p id={file.errorId} className="error-message">
                <span className="visually-hidden">Error: </span>
                {file.errors?.[0]}
              </p>
            ) : null}
            <input
              key={key}
              {...inputProps}
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              className="input"
              aria-invalid={invalid ? true : undefined}
              aria-describedby={
                invalid ? `${file.descriptionId} ${file.errorId}` : file.descriptionId
              }
            />
          </div>
          <button type="submit" className="button">
            Upload
          </button>
        </Form>
        <p>
          <Link to="/imports">Back to imports</Link>
        </p>
      </div>
    </>
  );
}

import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Link } from "react-router";
import { requires } from "~/access/access";
import { access } from "~/access/access.server";
import { servicesContext } from "~/context.server";
import { invalid } from "~/errors/app-error";
import { importStore } from "~/intake/import/background.server";
import { readImportUpload } from "~/intake/import/read-upload.server";
import { createImportRun, readImportFile } from "~/intake/import/runs.server";
import { MAX_IMPORT_MB, UploadImportSchema } from "~/intake/import/upload-schema";
import { formAction } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { ErrorSummary, UploadForm } from "~/ui/forms";
import type { Route } from "./+types/new";

export const middleware: Route.MiddlewareFunction[] = [access(requires("import:application:any"))];

export function loader() {
  return null;
}

export const action = formAction({
  readForm: async (request) => {
    const read = await readImportUpload(request);
    if (!read.ok) throw invalid(read.message, { field: "file" });
    return read.formData;
  },
  intents: (intent) => ({
    upload: intent({
      schema: UploadImportSchema,
      // Read before the transaction, in a worker with limits (a hostile workbook is refused here).
      prepare: async ({ file }) => {
        const upload = { filename: file.name, bytes: Buffer.from(await file.arrayBuffer()) };
        const checked = await readImportFile(upload);
        if (!checked.ok)
          throw invalid(`${checked.message} Nothing was imported.`, { field: "file" });
        return { upload, read: checked.read };
      },
      run: (_input, { tx, acting, args, prepared }) =>
        createImportRun(
          tx,
          acting,
          importStore(args.context.get(servicesContext)),
          prepared.upload,
          prepared.read,
        ),
      done: (run) => `/imports/${run.id}/mapping`,
    }),
  }),
});

export default function NewImport({ actionData }: Route.ComponentProps) {
  const [form, fields] = useForm({
    id: "import-upload",
    lastResult: resultFor(actionData, "upload"),
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
        <UploadForm {...getFormProps(form)}>
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
        </UploadForm>
        <p>
          <Link to="/imports">Back to imports</Link>
        </p>
      </div>
    </>
  );
}

import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, Form, Link, redirect } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { AppError } from "~/errors/app-error";
import { addCorrespondenceEntry } from "~/intake/applicants/add-correspondence.server";
import { getApplicant } from "~/intake/applicants/get-applicant.server";
import {
  CORRESPONDENCE_KINDS,
  CorrespondenceSchema,
  DIRECTIONS,
} from "~/intake/applicants/schemas";
import { documentStoreOf, withDocumentStore } from "~/intake/entry/document-store.server";
import { FileField, refusedUpload } from "~/intake/entry/file-field";
import { parseNormalised } from "~/intake/entry/parse-normalised.server";
import { readUploadForm } from "~/intake/entry/read-upload.server";
import { today } from "~/shared/dates";
import { requireIds } from "~/ui/form-action.server";
import {
  ChoiceField,
  ErrorSummary,
  SelectField,
  TextareaField,
  TextField,
  useCsrfToken,
} from "~/ui/forms";
import type { Route } from "./+types/correspondence";

export const middleware: Route.MiddlewareFunction[] = [access(requires("manage:application:any"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  return asViewer(context, async (tx, acting) => {
    const { applicant, applications } = await getApplicant(tx, acting, id);
    return {
      applicant: { id: applicant.id, fullName: applicant.fullName },
      applications: applications.map((a) => ({ value: a.id, label: a.reference })),
      today: today(),
    };
  });
}

/**
 * Not yet on the form-action pipeline: a refused upload must give back what was typed above
 * the file, which the pipeline's `readForm` cannot do. Its input is normalised the same way.
 */
export async function action({ request, params, context }: Route.ActionArgs) {
  requireIds(params, ["id"]);
  const read = await readUploadForm(request);
  if (!read.ok) return data({ result: refusedUpload(read.message, read.fields) }, { status: 400 });
  const { submission, tooLongErrors } = parseNormalised(read.formData, CorrespondenceSchema);
  if (tooLongErrors)
    return data({ result: submission.reply({ fieldErrors: tooLongErrors }) }, { status: 400 });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const { file, ...entry } = submission.value;
  const scan = file
    ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }
    : undefined;
  const problem = await withDocumentStore(documentStoreOf(context), (store) =>
    asViewer(context, async (tx, acting) => {
      try {
        await addCorrespondenceEntry(tx, acting, store, params.id, { ...entry, file: scan });
        return null;
      } catch (error) {
        if (error instanceof AppError && error.code === "INVALID") {
          const field = String(error.details.field ?? "summary");
          const suffix = field === "file" ? ": nothing was saved." : "";
          return { [field]: [`${error.message}${suffix}`] };
        }
        throw error;
      }
    }),
  );
  if (problem) return data({ result: submission.reply({ fieldErrors: problem }) }, { status: 400 });
  throw redirect(`/applicants/${params.id}?logged=1`);
}

export default function AddCorrespondence({ loaderData, actionData }: Route.ComponentProps) {
  const { applicant, applications } = loaderData;
  const csrf = useCsrfToken();
  const [form, fields] = useForm({
    id: "correspondence",
    lastResult: actionData?.result,
    defaultValue: { direction: "in", kind: "letter", occurredOn: loaderData.today },
    constraint: getZodConstraint(CorrespondenceSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CorrespondenceSchema }),
  });
  return (
    <div className="narrow">
      <title>{`Add to the correspondence log – ${applicant.fullName} – Clearname`}</title>
      <p className="caption">{applicant.fullName}</p>
      <h1>Add to the correspondence log</h1>
      <ErrorSummary
        form={form}
        fields={{
          direction: fields.direction,
          kind: fields.kind,
          occurredOn: fields.occurredOn,
          summary: fields.summary,
          applicationId: fields.applicationId,
          file: fields.file,
        }}
      />
      <Form
        method="post"
        encType="multipart/form-data"
        action={`?_csrf=${encodeURIComponent(csrf)}`}
        {...getFormProps(form)}
      >
        <ChoiceField
          field={fields.direction}
          label="Received or sent?"
          type="radio"
          options={Object.entries(DIRECTIONS).map(([value, label]) => ({ value, label }))}
        />
        <ChoiceField
          field={fields.kind}
          label="What was it?"
          type="radio"
          options={Object.entries(CORRESPONDENCE_KINDS).map(([value, label]) => ({
            value,
            label,
          }))}
        />
        <TextField field={fields.occurredOn} label="Date" type="date" width="medium" />
        <TextareaField
          field={fields.summary}
          label="Summary"
          hint="What it said or asked, in a few lines"
        />
        <SelectField
          field={fields.applicationId}
          label="About which application (optional)"
          options={applications}
        />
        <FileField field={fields.file} label="Scan or letter (optional)" />
        <button type="submit" className="button">
          Add to the log
        </button>
      </Form>
      <p>
        <Link to={`/applicants/${applicant.id}`}>Cancel</Link>
      </p>
    </div>
  );
}

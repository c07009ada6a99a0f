import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Link } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { addCorrespondenceEntry } from "~/intake/applicants/add-correspondence.server";
import { getApplicant } from "~/intake/applicants/get-applicant.server";
import {
  CORRESPONDENCE_KINDS,
  CorrespondenceSchema,
  DIRECTIONS,
} from "~/intake/applicants/schemas";
import { documentStoreOf, withDocumentStore } from "~/intake/entry/document-store.server";
import { FileField } from "~/intake/entry/file-field";
import { readUploadOrRefuse } from "~/intake/entry/read-upload.server";
import { today } from "~/shared/dates";
import { formAction, requireIds } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import {
  ChoiceField,
  ErrorSummary,
  SelectField,
  TextareaField,
  TextField,
  UploadForm,
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

// A refused upload gives back what was typed above the file (the form puts the file last).
export const action = formAction({
  ids: ["id"],
  readForm: readUploadOrRefuse,
  intents: (intent) => ({
    add: intent({
      schema: CorrespondenceSchema,
      prepare: async ({ file }) =>
        file ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : undefined,
      run: ({ file: _file, ...entry }, { tx, acting, ids, args, prepared }) =>
        withDocumentStore(documentStoreOf(args.context), (store) =>
          addCorrespondenceEntry(tx, acting, store, ids.id, { ...entry, file: prepared }),
        ),
      done: (_, ids) => `/applicants/${ids.id}?logged=1`,
    }),
  }),
});

export default function AddCorrespondence({ loaderData, actionData }: Route.ComponentProps) {
  const { applicant, applications } = loaderData;
  const [form, fields] = useForm({
    id: "correspondence",
    lastResult: resultFor(actionData, "add"),
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
      <UploadForm {...getFormProps(form)}>
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
      </UploadForm>
      <p>
        <Link to={`/applicants/${applicant.id}`}>Cancel</Link>
      </p>
    </div>
  );
}

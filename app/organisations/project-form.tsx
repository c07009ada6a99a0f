import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { ChoiceField, CsrfInput, ErrorSummary, SelectField, TextField } from "~/ui/forms";
import { JURISDICTIONS, ORGANISATION_STATUSES, PROJECT_KINDS, ProjectSchema } from "./schemas";

const options = (o: Record<string, string>) =>
  Object.entries(o).map(([value, label]) => ({ value, label }));

export interface ProjectFormDefaults {
  name?: string;
  hostInstitution?: string | null;
  projectKind?: string | null;
  jurisdictions?: string[];
  status?: string;
  closedOn?: string | null;
  capacity?: number | null;
  version?: number;
}

/** The member-project form, for adding a project and for changing one. */
export function ProjectForm({
  lastResult,
  defaultValue,
  submitLabel,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: ProjectFormDefaults;
  submitLabel: string;
}) {
  const [form, fields] = useForm({
    id: "project",
    lastResult,
    defaultValue: defaultValue
      ? {
          ...defaultValue,
          hostInstitution: defaultValue.hostInstitution ?? "",
          projectKind: defaultValue.projectKind ?? "",
          closedOn: defaultValue.closedOn ?? "",
          capacity: defaultValue.capacity?.toString() ?? "",
          version: defaultValue.version?.toString(),
        }
      : { status: "active" },
    constraint: getZodConstraint(ProjectSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProjectSchema }),
  });
  const shown = {
    name: fields.name,
    hostInstitution: fields.hostInstitution,
    projectKind: fields.projectKind,
    jurisdictions: fields.jurisdictions,
    status: fields.status,
    closedOn: fields.closedOn,
    capacity: fields.capacity,
  };
  return (
    <>
      <ErrorSummary form={form} fields={shown} />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        {defaultValue?.version !== undefined ? (
          <input type="hidden" name="version" value={defaultValue.version} />
        ) : null}
        <TextField field={fields.name} label="Project name" />
        <TextField
          field={fields.hostInstitution}
          label="Host institution"
          hint="The university, firm or body the project belongs to"
        />
        <ChoiceField
          field={fields.projectKind}
          label="Kind of project"
          type="radio"
          options={options(PROJECT_KINDS)}
        />
        <ChoiceField
          field={fields.jurisdictions}
          label="Jurisdictions it takes cases from"
          type="checkbox"
          options={options(JURISDICTIONS)}
        />
        <SelectField
          field={fields.status}
          label="Status"
          options={options(ORGANISATION_STATUSES)}
        />
        <TextField
          field={fields.closedOn}
          label="Date closed"
          hint="Only for a closed project, for example 2026-07-31"
          type="date"
          width="medium"
        />
        <TextField
          field={fields.capacity}
          label="Capacity (active cases)"
          type="number"
          width="short"
        />
        <button type="submit" className="button">
          {submitLabel}
        </button>
      </Form>
    </>
  );
}

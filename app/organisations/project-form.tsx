import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import {
  ChoiceField,
  CsrfInput,
  ErrorSummary,
  SelectField,
  TextareaField,
  TextField,
} from "~/ui/forms";
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
  pausedOn?: string | null;
  capacity?: number | null;
  addressLines?: string[];
  contactEmail?: string | null;
  contactPhone?: string | null;
  website?: string | null;
  specialisms?: string[];
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
          pausedOn: defaultValue.pausedOn ?? "",
          capacity: defaultValue.capacity?.toString() ?? "",
          addressLines: defaultValue.addressLines?.join("\n") ?? "",
          contactEmail: defaultValue.contactEmail ?? "",
          contactPhone: defaultValue.contactPhone ?? "",
          website: defaultValue.website ?? "",
          specialisms: defaultValue.specialisms?.join("\n") ?? "",
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
    specialisms: fields.specialisms,
    status: fields.status,
    pausedOn: fields.pausedOn,
    closedOn: fields.closedOn,
    capacity: fields.capacity,
    addressLines: fields.addressLines,
    contactEmail: fields.contactEmail,
    contactPhone: fields.contactPhone,
    website: fields.website,
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
        <TextareaField
          field={fields.specialisms}
          label="Specialisms (optional)"
          hint="One a line, for example forensic science, sexual offences, joint enterprise. Shown on the public list of projects."
          rows={4}
        />
        <SelectField
          field={fields.status}
          label="Status"
          options={options(ORGANISATION_STATUSES)}
        />
        <TextField
          field={fields.pausedOn}
          label="Paused since"
          hint="Only for a paused project (it takes no new cases for now), for example 2026-06-01"
          type="date"
          width="medium"
        />
        <TextField
          field={fields.closedOn}
          label="Date closed"
          hint="Only for a closed project with no open cases or offers, for example 2026-07-31"
          type="date"
          width="medium"
        />
        <TextField
          field={fields.capacity}
          label="Capacity (active cases)"
          type="number"
          width="short"
        />
        <fieldset className="fieldset form-section">
          <legend className="label">Address and contacts</legend>
          <p className="hint">
            The contact e-mail and website of an active project are shown on the public list of
            projects: give the project's shared ones, not a person's own.
          </p>
          <TextareaField
            field={fields.addressLines}
            label="Postal address (optional)"
            hint="One line a line, with the postcode last"
            rows={4}
          />
          <TextField field={fields.contactEmail} label="Contact e-mail (optional)" type="email" />
          <TextField
            field={fields.contactPhone}
            label="Telephone (optional)"
            autoComplete="off"
            width="medium"
          />
          <TextField field={fields.website} label="Website (optional)" />
        </fieldset>
        <button type="submit" className="button">
          {submitLabel}
        </button>
      </Form>
    </>
  );
}

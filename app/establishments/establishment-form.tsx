import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { CsrfInput, ErrorSummary, SelectField, TextareaField, TextField } from "~/ui/forms";
import { EstablishmentSchema, JURISDICTIONS } from "./schemas";

export interface EstablishmentFormDefaults {
  name?: string;
  code?: string | null;
  addressLines?: string[];
  postcode?: string | null;
  jurisdiction?: string;
  version?: number;
}

const jurisdictions = Object.entries(JURISDICTIONS).map(([value, label]) => ({ value, label }));

/** Adding an establishment, and changing one (a rename, its address, its jurisdiction). */
export function EstablishmentForm({
  lastResult,
  defaultValue,
  submitLabel,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: EstablishmentFormDefaults;
  submitLabel: string;
}) {
  const [form, fields] = useForm({
    id: "establishment",
    lastResult,
    defaultValue: {
      name: defaultValue?.name ?? "",
      code: defaultValue?.code ?? "",
      addressLines: (defaultValue?.addressLines ?? []).join("\n"),
      postcode: defaultValue?.postcode ?? "",
      jurisdiction: defaultValue?.jurisdiction ?? "england_wales",
    },
    constraint: getZodConstraint(EstablishmentSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EstablishmentSchema }),
  });
  const shown = {
    name: fields.name,
    code: fields.code,
    addressLines: fields.addressLines,
    postcode: fields.postcode,
    jurisdiction: fields.jurisdiction,
  };
  return (
    <>
      <ErrorSummary form={form} fields={shown} />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="save" />
        {defaultValue?.version !== undefined ? (
          <input type="hidden" name="version" value={defaultValue.version} />
        ) : null}
        <TextField field={fields.name} label="Name" hint="As the prison is known, e.g. HMP Leeds" />
        <TextField
          field={fields.code}
          label="Code (optional)"
          hint="The code in the public register, e.g. LE"
          width="short"
        />
        <TextareaField
          field={fields.addressLines}
          label="Postal address"
          hint="One line of the address a line, without the prison's name or the postcode"
          rows={4}
        />
        <TextField field={fields.postcode} label="Postcode" width="short" />
        <SelectField field={fields.jurisdiction} label="Jurisdiction" options={jurisdictions} />
        <button type="submit" className="button">
          {submitLabel}
        </button>
      </Form>
    </>
  );
}

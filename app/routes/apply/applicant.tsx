import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { useMemo } from "react";
import { Form } from "react-router";
import { PUBLIC } from "~/access/access";
import { access } from "~/access/access.server";
import { servicesContext } from "~/context.server";
import { asSystem, type Db } from "~/db/database.server";
import { establishmentChoices } from "~/intake/applicants/applicant-fields";
import { listEstablishmentOptions } from "~/intake/establishments.server";
import { applicantFormValues } from "~/intake/online/draft-data";
import { pageDraft } from "~/intake/online/draft-session.server";
import { draftStepAction } from "~/intake/online/draft-step-action.server";
import { onlineApplicantSchema } from "~/intake/online/schemas";
import { endedSession, SessionEnded, StepFormFoot, StepHeading } from "~/intake/online/step-page";
import { nextStep } from "~/intake/online/steps";
import { resultFor } from "~/ui/form-result";
import { ChoiceField, ErrorSummary, SelectField, TextareaField, TextField } from "~/ui/forms";
import type { Route } from "./+types/applicant";

export const middleware: Route.MiddlewareFunction[] = [access(PUBLIC)];

/** A public page: nobody is signed in to read the prisons as, so they are read as the system. */
function prisons(db: Db) {
  return asSystem(db, (tx) => listEstablishmentOptions(tx));
}

export async function loader(args: Route.LoaderArgs) {
  const draft = await pageDraft(args);
  if (!draft) return null;
  const { database } = args.context.get(servicesContext);
  return {
    values: applicantFormValues(draft.data.applicant),
    prisons: establishmentChoices(await prisons(database.db)),
  };
}

export const action = draftStepAction({
  key: "applicant",
  schema: async (draft, { context }) =>
    onlineApplicantSchema({
      establishmentIds: new Set(
        (await prisons(context.get(servicesContext).database.db)).map((p) => p.id),
      ),
      convictionDate: draft.data.questionnaire?.convictionDate,
    }),
  next: () => nextStep("applicant"),
});

/** The fields in the order the page shows them, for the error summary. */
const FIELD_ORDER = [
  "fullName",
  "aliases",
  "dateOfBirth",
  "inPrison",
  "establishmentId",
  "prisonerNumber",
  "otherPrisonerNumber",
  "postalAddress",
  "legalCorrespondence",
  "largePrint",
  "language",
] as const;

function pick<T extends Record<string, unknown>>(from: T, keys: readonly (keyof T & string)[]) {
  return Object.fromEntries(keys.map((k) => [k, from[k]])) as Record<string, T[keyof T]>;
}

export default function Applicant({ loaderData, actionData }: Route.ComponentProps) {
  const schema = useMemo(() => onlineApplicantSchema(), []);
  const [form, fields] = useForm({
    id: "applicant",
    lastResult: resultFor(actionData, "continue") ?? resultFor(actionData, "later"),
    defaultValue: loaderData?.values,
    constraint: getZodConstraint(schema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const ended = endedSession(actionData);
  if (ended) return <SessionEnded {...ended} />;
  return (
    <div className="narrow">
      <StepHeading step="applicant" title="About the applicant" />
      <p>The applicant is the person who was convicted.</p>
      <ErrorSummary form={form} fields={pick(fields, FIELD_ORDER)} />
      <Form method="post" {...getFormProps(form)}>
        <TextField field={fields.fullName} label="Full name" />
        <TextareaField
          field={fields.aliases}
          label="Other names they have used (optional)"
          hint="For example a maiden name or a nickname. One a line."
          rows={3}
        />
        <TextField
          field={fields.dateOfBirth}
          label="Date of birth (optional)"
          hint="For example 1980-05-17"
          type="date"
          width="medium"
        />
        <ChoiceField
          field={fields.inPrison}
          label="Is the applicant in prison now?"
          type="radio"
          options={[
            { value: "yes", label: "Yes" },
            { value: "no", label: "No" },
          ]}
        />
        <fieldset className="fieldset">
          <legend>
            <h2>If the applicant is in prison</h2>
          </legend>
          <SelectField
            field={fields.establishmentId}
            label="Prison"
            options={loaderData?.prisons ?? []}
          />
          <TextField
            field={fields.prisonerNumber}
            label="Prisoner number in England or Wales (optional)"
            hint="It looks like A1234BC"
            width="medium"
          />
          <TextField
            field={fields.otherPrisonerNumber}
            label="Other prisoner number (optional)"
            hint="A Scottish or Northern Ireland prison number, as the prison writes it: in Scotland six digits, like 090000"
            width="medium"
          />
        </fieldset>
        <fieldset className="fieldset">
          <legend>
            <h2>If the applicant is not in prison</h2>
          </legend>
          <TextareaField field={fields.postalAddress} label="Postal address" rows={4} />
        </fieldset>
        <h2>Letters to the applicant</h2>
        <ChoiceField
          field={fields.legalCorrespondence}
          label="Should our letters be marked as legal correspondence?"
          hint="Prison staff may open legal correspondence only in the prisoner's presence."
          type="radio"
          options={[
            { value: "yes", label: "Yes" },
            { value: "no", label: "No" },
          ]}
        />
        <ChoiceField
          field={fields.largePrint}
          label="Large print"
          type="checkbox"
          options={[{ value: "on", label: "Send letters in large print" }]}
        />
        <TextField
          field={fields.language}
          label="Language for letters, if not English (optional)"
          width="medium"
        />
        <StepFormFoot />
      </Form>
    </div>
  );
}

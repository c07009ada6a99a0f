import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "react-router";
import { z } from "zod";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { addRepresentative } from "~/intake/applicants/add-representative.server";
import { getApplicant } from "~/intake/applicants/get-applicant.server";
import { removeRepresentative } from "~/intake/applicants/remove-representative.server";
import { AUTHORISATIONS, RELATIONSHIPS, RepresentativeSchema } from "~/intake/applicants/schemas";
import { IdSchema } from "~/shared/ids";
import { formAction, requireIds } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import {
  ChoiceField,
  CsrfInput,
  ErrorSummary,
  TextareaField,
  TextField,
  useFormKey,
} from "~/ui/forms";
import type { Route } from "./+types/representatives";

export const middleware: Route.MiddlewareFunction[] = [access(requires("manage:application:any"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  return asViewer(context, async (tx, acting) => {
    const { applicant, representatives } = await getApplicant(tx, acting, id);
    return { applicant: { id: applicant.id, fullName: applicant.fullName }, representatives };
  });
}

const choices = (o: Record<string, string>) =>
  Object.entries(o).map(([value, label]) => ({ value, label }));

const RemoveSchema = z.object({ representativeId: IdSchema });

export const action = formAction({
  ids: ["id"],
  intents: (intent) => ({
    add: intent({
      schema: RepresentativeSchema,
      run: (input, { tx, acting, ids }) => addRepresentative(tx, acting, ids.id, input),
      done: (_, ids) => `/applicants/${ids.id}?representative=added`,
    }),
    remove: intent({
      schema: RemoveSchema,
      run: ({ representativeId }, { tx, acting, ids }) =>
        removeRepresentative(tx, acting, ids.id, representativeId),
      done: (_, ids) => `/applicants/${ids.id}?representative=removed`,
    }),
  }),
});

/** The form that adds a representative; drawn anew (empty) after each change that succeeds. */
function AddRepresentativeForm({
  lastResult,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const [form, fields] = useForm({
    id: "representative",
    lastResult,
    constraint: getZodConstraint(RepresentativeSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RepresentativeSchema }),
  });
  return (
    <>
      <ErrorSummary
        form={form}
        fields={{
          name: fields.name,
          relationship: fields.relationship,
          authorisedToReceive: fields.authorisedToReceive,
          address: fields.address,
          email: fields.email,
          phone: fields.phone,
        }}
      />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="add" />
        <TextField field={fields.name} label="Name" />
        <ChoiceField
          field={fields.relationship}
          label="Relationship to the applicant"
          type="radio"
          options={choices(RELATIONSHIPS)}
        />
        <ChoiceField
          field={fields.authorisedToReceive}
          label="What the applicant has authorised them to receive"
          type="radio"
          options={choices(AUTHORISATIONS)}
        />
        <TextareaField field={fields.address} label="Postal address (optional)" rows={3} />
        <TextField field={fields.email} label="E-mail address (optional)" type="email" />
        <TextField field={fields.phone} label="Phone number (optional)" width="medium" />
        <button type="submit" className="button">
          Add representative
        </button>
      </Form>
    </>
  );
}

export default function Representatives({ loaderData, actionData }: Route.ComponentProps) {
  const { applicant, representatives } = loaderData;
  const formKey = useFormKey();
  const removeResult = resultFor(actionData, "remove");
  const removeErrors = removeResult?.error
    ? Object.values(removeResult.error).flatMap((m) => m ?? [])
    : [];
  return (
    <>
      <title>{`Representatives – ${applicant.fullName} – Clearname`}</title>
      <p className="caption">{applicant.fullName}</p>
      <h1>Representatives</h1>
      {removeErrors.length > 0 ? (
        <div className="error-summary" role="alert">
          <h2>There is a problem</h2>
          <p>{removeErrors.join(" ")}</p>
        </div>
      ) : null}
      {representatives.length === 0 ? (
        <p>No representatives yet.</p>
      ) : (
        <ul className="plain-list">
          {representatives.map((r) => (
            <li key={r.id} className="card">
              <p>
                <strong>{r.name}</strong>, {RELATIONSHIPS[r.relationship].toLowerCase()}. May
                receive: {AUTHORISATIONS[r.authorisedToReceive].toLowerCase()}.
              </p>
              <Form method="post" className="inline-form">
                <CsrfInput />
                <input type="hidden" name="intent" value="remove" />
                <input type="hidden" name="representativeId" value={r.id} />
                <button type="submit" className="button button-warning">
                  Remove<span className="visually-hidden"> {r.name}</span>
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="add-heading" className="narrow">
        <h2 id="add-heading">Add a representative</h2>
        <AddRepresentativeForm key={formKey} lastResult={resultFor(actionData, "add")} />
      </section>
      <p>
        <Link to={`/applicants/${applicant.id}`}>Back to {applicant.fullName}</Link>
      </p>
    </>
  );
}

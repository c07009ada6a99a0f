import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, Form, Link, redirect } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { addRepresentative } from "~/intake/applicants/add-representative.server";
import { getApplicant } from "~/intake/applicants/get-applicant.server";
import { removeRepresentative } from "~/intake/applicants/remove-representative.server";
import { AUTHORISATIONS, RELATIONSHIPS, RepresentativeSchema } from "~/intake/applicants/schemas";
import { ChoiceField, CsrfInput, ErrorSummary, TextareaField, TextField } from "~/ui/forms";
import type { Route } from "./+types/representatives";

export const middleware: Route.MiddlewareFunction[] = [access(requires("manage:application:any"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  return asViewer(context, async (tx, acting) => {
    const { applicant, representatives } = await getApplicant(tx, acting, params.id);
    return { applicant: { id: applicant.id, fullName: applicant.fullName }, representatives };
  });
}

const choices = (o: Record<string, string>) =>
  Object.entries(o).map(([value, label]) => ({ value, label }));

export async function action({ request, params, context }: Route.ActionArgs) {
  const formData = await request.formData();
  if (formData.get("intent") === "remove") {
    const id = String(formData.get("representativeId") ?? "");
    await asViewer(context, (tx, acting) => removeRepresentative(tx, acting, params.id, id));
    throw redirect(`/applicants/${params.id}?representative=removed`);
  }
  const submission = parseWithZod(formData, { schema: RepresentativeSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  await asViewer(context, (tx, acting) =>
    addRepresentative(tx, acting, params.id, submission.value),
  );
  throw redirect(`/applicants/${params.id}?representative=added`);
}

export default function Representatives({ loaderData, actionData }: Route.ComponentProps) {
  const { applicant, representatives } = loaderData;
  const [form, fields] = useForm({
    id: "representative",
    lastResult: actionData?.result,
    constraint: getZodConstraint(RepresentativeSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RepresentativeSchema }),
  });
  return (
    <>
      <title>{`Representatives – ${applicant.fullName} – Clearname`}</title>
      <p className="caption">{applicant.fullName}</p>
      <h1>Representatives</h1>
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
      </section>
      <p>
        <Link to={`/applicants/${applicant.id}`}>Back to {applicant.fullName}</Link>
      </p>
    </>
  );
}

import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, type ShouldRevalidateFunction } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { ApplicantFields, applicantSummaryFields } from "~/intake/applicants/applicant-fields";
import { getApplicantForChange } from "~/intake/applicants/get-applicant.server";
import { EditApplicantSchema } from "~/intake/applicants/schemas";
import { updateApplicantDetails } from "~/intake/applicants/update-applicant.server";
import { formAction, requireIds } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { CsrfInput, ErrorSummary } from "~/ui/forms";
import type { Route } from "./+types/edit";

export const middleware: Route.MiddlewareFunction[] = [access(requires("manage:application:any"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  const applicant = await asViewer(context, (tx, acting) =>
    getApplicantForChange(tx, acting, id, "edit"),
  );
  return { applicant };
}

export const action = formAction({
  ids: ["id"],
  intents: (intent) => ({
    save: intent({
      schema: EditApplicantSchema,
      run: (input, { tx, acting, ids }) => updateApplicantDetails(tx, acting, ids.id, input),
      done: (_, ids) => `/applicants/${ids.id}?saved=1`,
    }),
  }),
});

/**
 * A save refused because someone else saved first (409) shows their version: the page reads
 * it afresh, which React Router does not do by default after a refusal.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({
  actionStatus,
  defaultShouldRevalidate,
}) => actionStatus === 409 || defaultShouldRevalidate;

type Applicant = Route.ComponentProps["loaderData"]["applicant"];

function defaults(a: Applicant) {
  return {
    fullName: a.fullName,
    aliases: a.aliases.join("\n"),
    dateOfBirth: a.dateOfBirth ?? "",
    prisonerNumber: a.prisonerNumber ?? "",
    otherPrisonerNumber: a.otherPrisonerNumber ?? "",
    postalAddress: a.postalAddress ?? "",
    largePrint: a.largePrint ? "on" : undefined,
    language: a.language ?? "",
    legalCorrespondence: a.legalCorrespondence ? "yes" : "no",
    version: String(a.version),
  };
}

export default function EditApplicant({ loaderData, actionData }: Route.ComponentProps) {
  const a = loaderData.applicant;
  const lastResult = resultFor(actionData, "save");
  // Saved by someone else since the form was drawn: the page now holds their version.
  const posted = lastResult?.initialValue?.version;
  const theirs = posted !== undefined && posted !== String(a.version) ? a : null;
  return (
    <div className="narrow">
      <title>{`Change ${loaderData.applicant.fullName}'s details – Clearname`}</title>
      <p className="caption">{loaderData.applicant.fullName}</p>
      <h1>Change personal details and preferences</h1>
      {theirs ? (
        <div className="notice notice-warning">
          <h2>The version saved by someone else</h2>
          <p>
            Name: {theirs.fullName}; other names: {theirs.aliases.join(", ") || "none"}; born:{" "}
            {theirs.dateOfBirth ?? "not recorded"}; prisoner number:{" "}
            {theirs.prisonerNumber ?? "not recorded"}; address: {theirs.postalAddress ?? "none"}.
          </p>
          <p>The form keeps what you typed; saving again replaces their version with yours.</p>
        </div>
      ) : null}
      <EditForm key={a.version} applicant={a} lastResult={lastResult} />
      <p>
        <Link to={`/applicants/${a.id}`}>Cancel</Link>
      </p>
    </div>
  );
}

function EditForm({
  applicant,
  lastResult,
}: {
  applicant: Applicant;
  lastResult?: SubmissionResult<string[]> | null;
}) {
  const [form, fields] = useForm({
    id: "applicant",
    lastResult,
    defaultValue: defaults(applicant),
    constraint: getZodConstraint(EditApplicantSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EditApplicantSchema }),
  });
  return (
    <>
      <ErrorSummary form={form} fields={applicantSummaryFields(fields)} />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="version" value={applicant.version} />
        <ApplicantFields fields={fields} />
        <button type="submit" className="button">
          Save changes
        </button>
      </Form>
    </>
  );
}

import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, Form, Link, redirect } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { AppError } from "~/errors/app-error";
import { ApplicantFields, applicantSummaryFields } from "~/intake/applicants/applicant-fields";
import { getApplicantForChange } from "~/intake/applicants/get-applicant.server";
import { EditApplicantSchema } from "~/intake/applicants/schemas";
import { updateApplicantDetails } from "~/intake/applicants/update-applicant.server";
import { CsrfInput, ErrorSummary } from "~/ui/forms";
import type { Route } from "./+types/edit";

export const middleware: Route.MiddlewareFunction[] = [access(requires("manage:application:any"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const applicant = await asViewer(context, (tx, acting) =>
    getApplicantForChange(tx, acting, params.id, "edit"),
  );
  return { applicant };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: EditApplicantSchema });
  if (submission.status !== "success")
    return data({ result: submission.reply(), current: null }, { status: 400 });
  const outcome = await asViewer(context, async (tx, acting) => {
    try {
      await updateApplicantDetails(tx, acting, params.id, submission.value);
      return null;
    } catch (error) {
      if (error instanceof AppError && error.code === "CONFLICT") {
        const current = await getApplicantForChange(tx, acting, params.id, "edit");
        return { message: error.message, current };
      }
      throw error;
    }
  });
  if (outcome) {
    return data(
      {
        result: submission.reply({ formErrors: [outcome.message] }),
        current: outcome.current,
      },
      { status: 409 },
    );
  }
  throw redirect(`/applicants/${params.id}?saved=1`);
}

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
  const theirs = actionData?.current ?? null;
  const a = theirs ?? loaderData.applicant;
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
      <EditForm key={a.version} applicant={a} lastResult={actionData?.result} />
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

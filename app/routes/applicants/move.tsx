import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, Form, Link, redirect } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { AppError } from "~/errors/app-error";
import { establishmentChoices } from "~/intake/applicants/applicant-fields";
import { getApplicantForChange } from "~/intake/applicants/get-applicant.server";
import { recordApplicantMove } from "~/intake/applicants/record-move.server";
import { MoveSchema, RELEASED } from "~/intake/applicants/schemas";
import { listEstablishmentOptions } from "~/intake/establishments.server";
import { today } from "~/shared/dates";
import { CsrfInput, ErrorSummary, SelectField, TextField } from "~/ui/forms";
import type { Route } from "./+types/move";

export const middleware: Route.MiddlewareFunction[] = [access(requires("manage:application:any"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  return asViewer(context, async (tx, acting) => {
    const applicant = await getApplicantForChange(tx, acting, params.id, "move");
    const options = establishmentChoices(await listEstablishmentOptions(tx));
    return {
      applicant: {
        id: applicant.id,
        fullName: applicant.fullName,
        establishment: applicant.establishment,
        version: applicant.version,
      },
      options: [{ value: RELEASED, label: "Released: no longer in prison" }, ...options],
      today: today(),
    };
  });
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: MoveSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const v = submission.value;
  const problem = await asViewer(context, async (tx, acting) => {
    try {
      await recordApplicantMove(tx, acting, params.id, {
        establishmentId: v.establishmentId === RELEASED ? null : v.establishmentId,
        fromDate: v.fromDate,
        version: v.version,
      });
      return null;
    } catch (error) {
      if (error instanceof AppError && error.code === "INVALID")
        return { fieldErrors: { [String(error.details.field ?? "fromDate")]: [error.message] } };
      if (error instanceof AppError && error.code === "CONFLICT")
        return { formErrors: [error.message] };
      throw error;
    }
  });
  if (problem) return data({ result: submission.reply(problem) }, { status: 400 });
  throw redirect(`/applicants/${params.id}?moved=1`);
}

export default function RecordMove({ loaderData, actionData }: Route.ComponentProps) {
  const { applicant, options } = loaderData;
  const [form, fields] = useForm({
    id: "move",
    lastResult: actionData?.result,
    defaultValue: { fromDate: loaderData.today },
    constraint: getZodConstraint(MoveSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MoveSchema }),
  });
  return (
    <div className="narrow">
      <title>{`Record a move – ${applicant.fullName} – Clearname`}</title>
      <p className="caption">{applicant.fullName}</p>
      <h1>Record a move or release</h1>
      <p>Held now at: {applicant.establishment ?? "not recorded as in prison"}.</p>
      <ErrorSummary
        form={form}
        fields={{ establishmentId: fields.establishmentId, fromDate: fields.fromDate }}
      />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="version" value={applicant.version} />
        <SelectField field={fields.establishmentId} label="Where they are now" options={options} />
        <TextField
          field={fields.fromDate}
          label="Date they moved"
          hint="From their letter, or the date you heard, for example 2026-11-20"
          type="date"
          width="medium"
        />
        <button type="submit" className="button">
          Record the move
        </button>
      </Form>
      <p>
        <Link to={`/applicants/${applicant.id}`}>Cancel</Link>
      </p>
    </div>
  );
}

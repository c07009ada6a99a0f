import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { establishmentChoices } from "~/intake/applicants/applicant-fields";
import { getApplicantForChange } from "~/intake/applicants/get-applicant.server";
import { MoveFields } from "~/intake/applicants/move-fields";
import { recordApplicantMove } from "~/intake/applicants/record-move.server";
import { MoveSchema, RELEASED } from "~/intake/applicants/schemas";
import { listEstablishmentOptions } from "~/intake/establishments.server";
import { today } from "~/shared/dates";
import { formAction, requireIds } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { CsrfInput, ErrorSummary } from "~/ui/forms";
import type { Route } from "./+types/move";

export const middleware: Route.MiddlewareFunction[] = [access(requires("manage:application:any"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  return asViewer(context, async (tx, acting) => {
    const applicant = await getApplicantForChange(tx, acting, id, "move");
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

export const action = formAction({
  ids: ["id"],
  intents: (intent) => ({
    move: intent({
      schema: MoveSchema,
      run: (v, { tx, acting, ids }) =>
        recordApplicantMove(tx, acting, ids.id, {
          establishmentId: v.establishmentId === RELEASED ? null : v.establishmentId,
          fromDate: v.fromDate,
          version: v.version,
        }),
      done: (_, ids) => `/applicants/${ids.id}?moved=1`,
    }),
  }),
});

export default function RecordMove({ loaderData, actionData }: Route.ComponentProps) {
  const { applicant, options } = loaderData;
  const [form, fields] = useForm({
    id: "move",
    lastResult: resultFor(actionData, "move"),
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
        <MoveFields
          establishment={fields.establishmentId}
          fromDate={fields.fromDate}
          options={options}
        />
      </Form>
      <p>
        <Link to={`/applicants/${applicant.id}`}>Cancel</Link>
      </p>
    </div>
  );
}

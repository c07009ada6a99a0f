import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, Form, redirect, useSearchParams } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { endOfAcademicYear } from "~/casework/team/academic-year";
import { assignToCase, getCaseTeam, removeFromCase } from "~/casework/team/case-team.server";
import { AssignTeamMemberSchema, RemoveTeamMemberSchema } from "~/casework/team/schemas";
import { CaseNav } from "~/casework/ui/case-nav";
import { today } from "~/shared/dates";
import { CsrfInput, ErrorSummary, SelectField, TextField } from "~/ui/forms";
import type { Route } from "./+types/team";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:case:own"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const page = await asViewer(context, (tx, acting) => getCaseTeam(tx, acting, params.id));
  return { ...page, defaultEndsOn: endOfAcademicYear(today()) };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const formData = await request.formData();
  if (formData.get("intent") === "remove") {
    const submission = parseWithZod(formData, { schema: RemoveTeamMemberSchema });
    if (submission.status !== "success") throw redirect(`/cases/${params.id}/team`);
    await asViewer(context, (tx, acting) =>
      removeFromCase(tx, acting, params.id, submission.value.memberId),
    );
    throw redirect(`/cases/${params.id}/team?removed=1`);
  }
  const submission = parseWithZod(formData, { schema: AssignTeamMemberSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  await asViewer(context, (tx, acting) => assignToCase(tx, acting, params.id, submission.value));
  throw redirect(`/cases/${params.id}/team?assigned=1`);
}

const ROLE_LABELS = { lead: "Lead", caseworker: "Caseworker" } as const;

export default function CaseTeamPage({ loaderData, actionData }: Route.ComponentProps) {
  const { case: c, team, candidates, can, defaultEndsOn } = loaderData;
  const [searchParams] = useSearchParams();
  const notice = searchParams.get("assigned")
    ? "Added to the case's team."
    : searchParams.get("removed")
      ? "Taken off the case's team."
      : null;
  const [form, fields] = useForm({
    id: "assign-team-member",
    lastResult: actionData,
    defaultValue: { intent: "assign", endsOn: defaultEndsOn },
    constraint: getZodConstraint(AssignTeamMemberSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AssignTeamMemberSchema }),
  });
  return (
    <>
      <title>{`Team – ${c.reference} – Clearname`}</title>
      <CaseNav caseId={c.id} current="team" reference={c.reference} />
      {notice && !actionData ? (
        <div className="notice" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      <p className="caption">
        {c.reference}: {c.applicantName}
      </p>
      <h1>The case's team</h1>
      {team.length === 0 ? (
        <p>Nobody is on the case's team yet.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Team of {c.reference}</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">From</th>
              <th scope="col">Until</th>
              {can.assign ? <th scope="col">Action</th> : null}
            </tr>
          </thead>
          <tbody>
            {team.map((m) => (
              <tr key={m.id}>
                <td>
                  {m.name ?? "A team member"}
                  {m.current ? null : <span className="hint"> (no longer on the case)</span>}
                </td>
                <td>{ROLE_LABELS[m.role]}</td>
                <td>{m.startsOn}</td>
                <td>{m.endsOn ?? "No end date"}</td>
                {can.assign ? (
                  <td>
                    {m.current ? (
                      <Form method="post">
                        <CsrfInput />
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="memberId" value={m.id} />
                        <button type="submit" className="button button-secondary">
                          Take {m.name ?? "this member"} off the case
                        </button>
                      </Form>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {can.assign ? (
        <section aria-labelledby="assign-heading" className="narrow">
          <h2 id="assign-heading">Add someone to the team</h2>
          {candidates.length === 0 ? (
            <p>Every current lead and caseworker of the project is on the case.</p>
          ) : (
            <>
              <ErrorSummary form={form} fields={{ userId: fields.userId, endsOn: fields.endsOn }} />
              <Form method="post" {...getFormProps(form)}>
                <CsrfInput />
                <input type="hidden" name="intent" value="assign" />
                <SelectField
                  field={fields.userId}
                  label="Who joins the team"
                  options={candidates.map((m) => ({
                    value: m.userId,
                    label: `${m.name} (${ROLE_LABELS[m.role].toLowerCase()})`,
                  }))}
                />
                <TextField
                  field={fields.endsOn}
                  type="date"
                  label="Until"
                  hint="The first day they are no longer on the case. By default, the end of the academic year (31 August)."
                  width="medium"
                />
                <button type="submit" className="button">
                  Add to the team
                </button>
              </Form>
            </>
          )}
        </section>
      ) : null}
    </>
  );
}

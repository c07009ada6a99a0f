import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, useSearchParams } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { endOfAcademicYear } from "~/casework/team/academic-year";
import { assignToCase, getCaseTeam, removeFromCase } from "~/casework/team/case-team.server";
import { inviteToCase } from "~/casework/team/invite-to-case.server";
import {
  AssignTeamMemberSchema,
  InviteToCaseSchema,
  RemoveTeamMemberSchema,
} from "~/casework/team/schemas";
import { ButtonFormProblem } from "~/casework/ui/button-form-problem";
import { CaseNav } from "~/casework/ui/case-nav";
import { servicesContext } from "~/context.server";
import { today } from "~/shared/dates";
import { formAction, requireIds } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { CsrfInput, ErrorSummary, SelectField, TextField, useFormKey } from "~/ui/forms";
import type { Route } from "./+types/team";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:case:own"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  const page = await asViewer(context, (tx, acting) => getCaseTeam(tx, acting, id));
  return { ...page, defaultEndsOn: endOfAcademicYear(today()) };
}

export const action = formAction({
  ids: ["id"],
  intents: (intent) => ({
    assign: intent({
      schema: AssignTeamMemberSchema,
      run: (input, { tx, acting, ids }) => assignToCase(tx, acting, ids.id, input),
      done: (_, ids) => `/cases/${ids.id}/team?assigned=1`,
    }),
    // The invitation is e-mailed once the membership and the team place have committed.
    invite: intent({
      schema: InviteToCaseSchema,
      run: async ({ intent: _, ...input }, { tx, acting, ids, args, afterCommit }) => {
        const { mailer, config } = args.context.get(servicesContext);
        const done = await inviteToCase(tx, acting, mailer, ids.id, {
          ...input,
          publicUrl: config.publicUrl,
        });
        afterCommit([done.deliver]);
        return done;
      },
      done: (d, ids) =>
        `/cases/${ids.id}/team?${d.invited ? "invited" : d.joinedProject ? "joined" : "assigned"}=1`,
    }),
    remove: intent({
      schema: RemoveTeamMemberSchema,
      run: ({ memberId }, { tx, acting, ids }) => removeFromCase(tx, acting, ids.id, memberId),
      done: (_, ids) => `/cases/${ids.id}/team?removed=1`,
    }),
  }),
});

const ROLE_LABELS = { lead: "Lead", caseworker: "Caseworker" } as const;

const NOTICES: Record<string, string> = {
  assigned: "Added to the case's team.",
  joined: "Made a caseworker of the project and added to the case's team.",
  invited:
    "Invited to Clearname as a caseworker of the project, and added to the case's team. They get an e-mail to choose a password.",
  removed: "Taken off the case's team.",
};

type Page = Route.ComponentProps["loaderData"];

/** The form that adds someone to the team; drawn anew (empty) after each change that succeeds. */
function AssignForm({
  candidates,
  defaultEndsOn,
  lastResult,
}: {
  candidates: Page["candidates"];
  defaultEndsOn: string;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const [form, fields] = useForm({
    id: "assign-team-member",
    lastResult,
    defaultValue: { intent: "assign", endsOn: defaultEndsOn },
    constraint: getZodConstraint(AssignTeamMemberSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AssignTeamMemberSchema }),
  });
  return (
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
  );
}

/** Bringing someone onto the case by e-mail: a member of the project, or someone invited. */
function InviteForm({
  defaultEndsOn,
  lastResult,
}: {
  defaultEndsOn: string;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const [form, fields] = useForm({
    id: "invite-team-member",
    lastResult,
    defaultValue: { intent: "invite", endsOn: defaultEndsOn },
    constraint: getZodConstraint(InviteToCaseSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InviteToCaseSchema }),
  });
  return (
    <>
      <ErrorSummary
        form={form}
        fields={{ email: fields.email, name: fields.name, endsOn: fields.endsOn }}
      />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="invite" />
        <TextField field={fields.email} label="Their e-mail address" type="email" />
        <TextField
          field={fields.name}
          label="Their full name (optional)"
          hint="Needed only for someone who has no Clearname account yet"
        />
        <TextField
          field={fields.endsOn}
          type="date"
          label="Until"
          hint="The first day they are no longer on the case, and no longer a caseworker of the project if they join it now."
          width="medium"
        />
        <button type="submit" className="button button-secondary">
          Add or invite the caseworker
        </button>
      </Form>
    </>
  );
}

export default function CaseTeamPage({ loaderData, actionData }: Route.ComponentProps) {
  const { case: c, team, candidates, can, defaultEndsOn } = loaderData;
  const [searchParams] = useSearchParams();
  const notice = Object.entries(NOTICES).find(([k]) => searchParams.get(k))?.[1] ?? null;
  const formKey = useFormKey();
  return (
    <>
      <title>{`Team – ${c.reference} – Clearname`}</title>
      <CaseNav caseId={c.id} closed={c.closed} current="team" reference={c.reference} />
      <ButtonFormProblem result={resultFor(actionData, "remove")} />
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
      {can.assign && !c.closed ? (
        <section aria-labelledby="assign-heading" className="narrow">
          <h2 id="assign-heading">Add someone to the team</h2>
          {candidates.length === 0 ? (
            <p>Every current lead and caseworker of the project is on the case.</p>
          ) : (
            <AssignForm
              key={formKey}
              candidates={candidates}
              defaultEndsOn={defaultEndsOn}
              lastResult={resultFor(actionData, "assign")}
            />
          )}
        </section>
      ) : null}
      {can.assign && !c.closed ? (
        <section aria-labelledby="invite-heading" className="narrow">
          <h2 id="invite-heading">Bring in a caseworker who is not listed</h2>
          <p>
            Someone not yet in the project becomes its caseworker and joins this case. Someone new
            to Clearname gets an e-mail inviting them to choose a password.
          </p>
          <InviteForm
            key={formKey}
            defaultEndsOn={defaultEndsOn}
            lastResult={resultFor(actionData, "invite")}
          />
        </section>
      ) : null}
    </>
  );
}

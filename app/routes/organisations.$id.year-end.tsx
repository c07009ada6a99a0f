import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useSearchParams } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { ButtonFormProblem } from "~/casework/ui/button-form-problem";
import {
  AskForNotesSchema,
  MemberEndSchema,
  NextMemberSchema,
  YearEndDateSchema,
} from "~/casework/year-end/schemas";
import {
  addNextMember,
  askForHandoverNotes,
  getYearEnd,
  setMemberEnd,
  type YearEndCase,
} from "~/casework/year-end/year-end.server";
import { servicesContext } from "~/context.server";
import { CASE_STAGE_LABELS } from "~/referrals/project-labels";
import { normaliseSearchParams } from "~/shared/normalise-input";
import { formAction, requireIds } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { CsrfInput, ErrorSummary, SelectField, TextField, useFormKey } from "~/ui/forms";
import type { Route } from "./+types/organisations.$id.year-end";

// The project's leads hand its cases over to the next cohort (checked again per project in
// the domain). Network staff never read a project's case teams or notes, so they have no way in.
export const middleware: Route.MiddlewareFunction[] = [access(requires("manage:case:own"))];

export async function loader({ params, request, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  const asked = normaliseSearchParams(new URL(request.url).searchParams).get("yearEnd");
  const parsed = asked ? YearEndDateSchema.safeParse(asked) : undefined;
  const yearEnd = parsed?.success ? parsed.data : undefined;
  const page = await asViewer(context, (tx, acting) => getYearEnd(tx, acting, id, yearEnd));
  return { ...page, badYearEnd: parsed !== undefined && !parsed.success };
}

const back = (projectId: string, yearEnd: string | undefined, notice: string) =>
  `/organisations/${projectId}/year-end?${new URLSearchParams({
    ...(yearEnd ? { yearEnd } : {}),
    [notice]: "1",
  })}`;

export const action = formAction({
  ids: ["id"],
  intents: (intent) => ({
    add: intent({
      schema: NextMemberSchema,
      run: async ({ intent: _, yearEnd, ...input }, { tx, acting, ids }) => {
        await addNextMember(tx, acting, ids.id, input);
        return { yearEnd };
      },
      done: (d, ids) => back(ids.id, d.yearEnd, "added"),
    }),
    end: intent({
      schema: MemberEndSchema,
      run: async ({ intent: _, yearEnd, ...input }, { tx, acting, ids }) => {
        await setMemberEnd(tx, acting, ids.id, input);
        return { yearEnd };
      },
      done: (d, ids) => back(ids.id, d.yearEnd, "ended"),
    }),
    // The e-mails go once the tasks have committed.
    ask: intent({
      schema: AskForNotesSchema,
      run: async ({ yearEnd }, { tx, acting, ids, args, afterCommit }) => {
        const { mailer, config } = args.context.get(servicesContext);
        const done = await askForHandoverNotes(
          tx,
          acting,
          { mailer, publicUrl: config.publicUrl },
          ids.id,
          yearEnd,
        );
        afterCommit(done.deliveries);
        return { yearEnd, people: done.people };
      },
      done: (d, ids) => back(ids.id, d.yearEnd, d.people > 0 ? "asked" : "none-asked"),
    }),
  }),
});

const ROLE_LABELS = { lead: "Lead", caseworker: "Caseworker" } as const;

const NOTICES: Record<string, string> = {
  added: "Added to the case's team.",
  ended: "End date set.",
  asked:
    "Asked for the missing hand-over notes: each person has a task on each case and one e-mail listing them.",
  "none-asked":
    "Nobody was asked: everyone leaving has written their note or has already been asked.",
};

type Page = Route.ComponentProps["loaderData"];

export default function YearEndPage({ loaderData, actionData }: Route.ComponentProps) {
  const { project, yearEnd, cases, missingNotes } = loaderData;
  const [searchParams] = useSearchParams();
  const notice = Object.entries(NOTICES).find(([key]) => searchParams.get(key))?.[1];
  const formKey = useFormKey();
  const added = resultFor(actionData, "add");
  return (
    <>
      <title>{`End of the academic year – ${project.name} – Clearname`}</title>
      <ButtonFormProblem result={resultFor(actionData, "end")} />
      <ButtonFormProblem result={resultFor(actionData, "ask")} />
      {notice && !actionData ? (
        <div className="notice" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      <p className="caption">{project.name}</p>
      <h1>End of the academic year</h1>
      <p className="lead">
        Who leaves each open case by the end of the year, whether they have written their hand-over
        note, and who joins the case for the next year.
      </p>
      <Form method="get" className="inline-form">
        <div className="field">
          <label htmlFor="year-end" className="label">
            End of the academic year
          </label>
          <p id="year-end-hint" className="hint">
            The first day the leavers are off their cases. Anyone whose end date is on or before it
            is leaving.
          </p>
          {loaderData.badYearEnd ? (
            <p id="year-end-error" className="error-message">
              <span className="visually-hidden">Error: </span>That was not a real date: the page
              shows the usual end of the year.
            </p>
          ) : null}
          <input
            id="year-end"
            name="yearEnd"
            type="date"
            className="input input-medium"
            defaultValue={yearEnd}
            aria-describedby={
              loaderData.badYearEnd ? "year-end-hint year-end-error" : "year-end-hint"
            }
          />
        </div>
        <button type="submit" className="button button-secondary">
          Show
        </button>
      </Form>
      <h2>Hand-over notes</h2>
      {missingNotes === 0 ? (
        <p>Everyone leaving by {yearEnd} has written their hand-over note.</p>
      ) : (
        <>
          <p>
            <strong>
              {missingNotes === 1
                ? "1 hand-over note is missing."
                : `${missingNotes} hand-over notes are missing.`}
            </strong>{" "}
            Each person is asked once: a task on each case, due on their last day, and one e-mail
            listing their cases. They keep the case until their end date, so they can still write
            it.
          </p>
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="intent" value="ask" />
            <input type="hidden" name="yearEnd" value={yearEnd} />
            <button type="submit" className="button">
              Ask for hand-over notes
            </button>
          </Form>
        </>
      )}
      {cases.length === 0 ? (
        <p>The project has no open cases.</p>
      ) : (
        cases.map((c) => (
          <CaseSection
            key={c.id}
            c={c}
            yearEnd={yearEnd}
            today={loaderData.today}
            formKey={formKey}
            lastResult={added?.initialValue?.caseId === c.id ? added : undefined}
          />
        ))
      )}
      <p>
        <Link to={`/organisations/${project.id}`}>Back to {project.name}</Link>
      </p>
    </>
  );
}

function NoteStatus({ m }: { m: YearEndCase["team"][number] }) {
  if (!m.outgoing) return <>Staying on</>;
  return m.noteWritten ? (
    <span className="tag tag-active">Written</span>
  ) : (
    <span className="tag tag-urgent">Missing</span>
  );
}

function CaseSection({
  c,
  yearEnd,
  today,
  formKey,
  lastResult,
}: {
  c: Page["cases"][number];
  yearEnd: string;
  today: string;
  formKey: string;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const headingId = `case-${c.id}`;
  return (
    <section aria-labelledby={headingId} className="year-end-case">
      <h2 id={headingId}>
        {c.reference}: {c.clientName}
      </h2>
      <p>
        {CASE_STAGE_LABELS[c.stage]}. <Link to={`/cases/${c.id}/team`}>Team page</Link>
        {" · "}
        <a href={`/cases/${c.id}/handover.pdf`} download>
          Hand-over pack (PDF)<span className="visually-hidden"> for {c.reference}</span>
        </a>
      </p>
      {c.team.length === 0 ? (
        <p>Nobody is on the team.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">The team of {c.reference}</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">From</th>
              <th scope="col">Until</th>
              <th scope="col">Hand-over note</th>
              <th scope="col">Change the end date</th>
            </tr>
          </thead>
          <tbody>
            {c.team.map((m) => {
              const inputId = `ends-${c.id}-${m.userId}`;
              return (
                <tr key={m.userId}>
                  <td>
                    {m.name}
                    {m.outgoing ? (
                      <>
                        {" "}
                        <span className="tag tag-paused">Leaving</span>
                      </>
                    ) : null}
                    {m.startsOn > today ? (
                      <>
                        {" "}
                        <span className="tag tag-active">Joining</span>
                      </>
                    ) : null}
                  </td>
                  <td>{ROLE_LABELS[m.role]}</td>
                  <td>{m.startsOn}</td>
                  <td>{m.endsOn ?? "No end date"}</td>
                  <td>
                    <NoteStatus m={m} />
                  </td>
                  <td>
                    <Form method="post" className="inline-form">
                      <CsrfInput />
                      <input type="hidden" name="intent" value="end" />
                      <input type="hidden" name="yearEnd" value={yearEnd} />
                      <input type="hidden" name="caseId" value={c.id} />
                      <input type="hidden" name="userId" value={m.userId} />
                      <label htmlFor={inputId} className="visually-hidden">
                        New end date for {m.name} on {c.reference}
                      </label>
                      <input
                        id={inputId}
                        name="endsOn"
                        type="date"
                        required
                        className="input input-medium"
                        defaultValue={m.endsOn ?? yearEnd}
                      />{" "}
                      <button type="submit" className="button button-secondary">
                        Set<span className="visually-hidden"> the end date of {m.name}</span>
                      </button>
                    </Form>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {c.candidates.length === 0 ? (
        <p>Every current lead and caseworker of the project is already on this case.</p>
      ) : (
        <NextMemberForm
          key={formKey}
          c={c}
          yearEnd={yearEnd}
          defaultStartsOn={yearEnd > today ? yearEnd : today}
          lastResult={lastResult}
        />
      )}
    </section>
  );
}

/** Adding someone of the next cohort to one case's team. */
function NextMemberForm({
  c,
  yearEnd,
  defaultStartsOn,
  lastResult,
}: {
  c: Page["cases"][number];
  yearEnd: string;
  defaultStartsOn: string;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const [form, fields] = useForm({
    id: `next-member-${c.id}`,
    lastResult,
    defaultValue: { intent: "add", caseId: c.id, startsOn: defaultStartsOn },
    constraint: getZodConstraint(NextMemberSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NextMemberSchema }),
  });
  return (
    <details open={lastResult !== undefined}>
      <summary>Add someone to the team of {c.reference}</summary>
      <ErrorSummary
        form={form}
        fields={{ userId: fields.userId, startsOn: fields.startsOn, endsOn: fields.endsOn }}
      />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="add" />
        <input type="hidden" name="yearEnd" value={yearEnd} />
        <input type="hidden" name="caseId" value={c.id} />
        <SelectField
          field={fields.userId}
          label={`Who joins ${c.reference}`}
          options={c.candidates.map((m) => ({
            value: m.userId,
            label: `${m.name} (${ROLE_LABELS[m.role].toLowerCase()})`,
          }))}
        />
        <TextField
          field={fields.startsOn}
          type="date"
          label="From"
          hint="The first day they are on the case: today or later."
          width="medium"
        />
        <TextField
          field={fields.endsOn}
          type="date"
          label="Until (optional)"
          hint="The first day they are no longer on the case. Left empty, the end of the academic year they start in (31 August)."
          width="medium"
        />
        <button type="submit" className="button">
          Add to the team<span className="visually-hidden"> of {c.reference}</span>
        </button>
      </Form>
    </details>
  );
}

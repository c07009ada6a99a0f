import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, Form, Link, redirect } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { formatMinutes, splitMinutes, TimeEntrySchema } from "~/casework/time/schemas";
import {
  changeTimeEntry,
  getTimeEntry,
  removeTimeEntry,
} from "~/casework/time/time-corrections.server";
import { CaseNav } from "~/casework/ui/case-nav";
import { ConfirmRemoval, RemovalSchema } from "~/casework/ui/confirm-removal";
import { CsrfInput, ErrorSummary, TextField } from "~/ui/forms";
import type { Route } from "./+types/time.$entryId";

/** Correcting or removing a time entry: its author, or a lead (checked in the domain). */
export const middleware: Route.MiddlewareFunction[] = [access(requires("view:case:own"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  return asViewer(context, (tx, acting) => getTimeEntry(tx, acting, params.id, params.entryId));
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const formData = await request.formData();
  const fail = (formId: string, result: SubmissionResult<string[]>) =>
    data({ formId, result }, { status: 400 });
  if (formData.get("intent") === "remove") {
    const s = parseWithZod(formData, { schema: RemovalSchema });
    if (s.status !== "success") return fail("remove", s.reply());
    await asViewer(context, (tx, acting) => removeTimeEntry(tx, acting, params.id, params.entryId));
    throw redirect(`/cases/${params.id}/time?removed=1`);
  }
  const s = parseWithZod(formData, { schema: TimeEntrySchema });
  if (s.status !== "success") return fail("change-time", s.reply());
  await asViewer(context, (tx, acting) =>
    changeTimeEntry(tx, acting, params.id, params.entryId, s.value),
  );
  throw redirect(`/cases/${params.id}/time?changed=1`);
}

export default function TimeEntryPage({ loaderData, actionData }: Route.ComponentProps) {
  const { case: c, entry } = loaderData;
  const resultFor = (id: string) => (actionData?.formId === id ? actionData.result : undefined);
  const [form, fields] = useForm({
    id: "change-time",
    lastResult: resultFor("change-time"),
    defaultValue: {
      workedOn: entry.workedOn,
      ...splitMinutes(entry.minutes),
      activity: entry.activity,
    },
    // No constraint attributes: the schema ends in a transform, which getZodConstraint cannot read.
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TimeEntrySchema }),
  });
  return (
    <>
      <title>{`Correct a time entry – ${c.reference} – Clearname`}</title>
      <CaseNav caseId={c.id} reference={c.reference} current="time" />
      <p className="caption">Case {c.reference}</p>
      <h1>Correct a time entry</h1>
      <p>
        {entry.own ? "You logged" : `${entry.userName} logged`} {formatMinutes(entry.minutes)} on{" "}
        {entry.workedOn}. The correction is recorded in the audit trail with what it replaced.
      </p>
      <section aria-labelledby="change-heading" className="narrow">
        <h2 id="change-heading">Change the entry</h2>
        <ErrorSummary
          form={form}
          fields={{
            workedOn: fields.workedOn,
            hours: fields.hours,
            minutes: fields.minutes,
            activity: fields.activity,
          }}
        />
        <Form method="post" {...getFormProps(form)}>
          <CsrfInput />
          <TextField field={fields.workedOn} label="Day worked" type="date" width="medium" />
          <fieldset className="fieldset">
            <legend className="label">How long</legend>
            <p className="hint">Hours and minutes, or minutes alone (for example 90).</p>
            <div className="casework-duration">
              <TextField field={fields.hours} label="Hours" width="short" />
              <TextField field={fields.minutes} label="Minutes" width="short" />
            </div>
          </fieldset>
          <TextField field={fields.activity} label="What was worked on" />
          <button type="submit" className="button">
            Save the correction
          </button>
        </Form>
      </section>
      <ConfirmRemoval
        lastResult={resultFor("remove")}
        heading="Remove the entry"
        warning="Remove an entry only if the time was logged by mistake. It leaves the time log and its totals; the audit trail keeps what it said."
        confirmLabel="Yes, remove this time entry"
        button="Remove the entry"
      />
      <p>
        <Link to={`/cases/${c.id}/time`}>Back to the time log of {c.reference}</Link>
      </p>
    </>
  );
}

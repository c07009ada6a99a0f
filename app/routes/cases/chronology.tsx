import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, Form, redirect, useSearchParams } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import {
  deleteChronologyEvent,
  getChronology,
  saveChronologyEvent,
} from "~/casework/chronology/chronology.server";
import { ChronologyEventSchema, DeleteEventSchema } from "~/casework/chronology/chronology-schemas";
import type { ChronologyEntry } from "~/casework/chronology/derive-events";
import { attempt } from "~/casework/papers/attempt.server";
import { CaseNav } from "~/casework/ui/case-nav";
import { CsrfInput, ErrorSummary, TextareaField, TextField } from "~/ui/forms";
import type { Route } from "./+types/chronology";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:case:own"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  return asViewer(context, (tx, acting) => getChronology(tx, acting, params.id));
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const formData = await request.formData();
  if (formData.get("intent") === "delete") {
    const submission = parseWithZod(formData, { schema: DeleteEventSchema });
    if (submission.status !== "success") throw data("Bad request", { status: 400 });
    await asViewer(context, (tx, acting) =>
      deleteChronologyEvent(tx, acting, params.id, submission.value.eventId),
    );
    throw redirect(`/cases/${params.id}/chronology?deleted=1`);
  }
  const formId = String(formData.get("eventId") || "new");
  const submission = parseWithZod(formData, { schema: ChronologyEventSchema });
  if (submission.status !== "success")
    return data({ formId, result: submission.reply() }, { status: 400 });
  const outcome = await attempt(context, (tx, acting) =>
    saveChronologyEvent(tx, acting, params.id, submission.value),
  );
  if (!outcome.ok)
    return data(
      { formId, result: submission.reply({ formErrors: [outcome.message] }) },
      { status: 422 },
    );
  throw redirect(`/cases/${params.id}/chronology?saved=1`);
}

function EventForm({
  event,
  lastResult,
}: {
  event: ChronologyEntry | null;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const [form, fields] = useForm({
    id: event?.id ? `event-${event.id}` : "event-new",
    lastResult,
    defaultValue: event
      ? {
          occurredOn: event.occurredOn,
          timeNote: event.timeNote ?? "",
          description: event.description,
          source: event.source,
        }
      : undefined,
    constraint: getZodConstraint(ChronologyEventSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChronologyEventSchema }),
  });
  return (
    <>
      <ErrorSummary
        form={form}
        fields={{
          occurredOn: fields.occurredOn,
          timeNote: fields.timeNote,
          description: fields.description,
          source: fields.source,
        }}
      />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        {event?.id ? <input type="hidden" name="eventId" value={event.id} /> : null}
        <TextField field={fields.occurredOn} label="Date" type="date" width="medium" />
        <TextField
          field={fields.timeNote}
          label="Time (optional)"
          hint="For example 10.40 pm, or about midnight"
          width="medium"
        />
        <TextareaField field={fields.description} label="What happened" rows={3} />
        <TextField
          field={fields.source}
          label="Source (optional)"
          hint="Where this comes from: a statement, a transcript page, a record"
        />
        <button type="submit" className="button">
          {event ? "Save the event" : "Add the event"}
        </button>
      </Form>
    </>
  );
}

export default function ChronologyPage({ loaderData, actionData }: Route.ComponentProps) {
  const { case: c, events } = loaderData;
  const [searchParams] = useSearchParams();
  const notice = searchParams.get("saved")
    ? "Event saved."
    : searchParams.get("deleted")
      ? "Event deleted."
      : null;
  const resultFor = (formId: string) =>
    actionData?.formId === formId ? actionData.result : undefined;
  return (
    <>
      <title>{`Chronology – ${c.reference} – Clearname`}</title>
      <CaseNav caseId={c.id} reference={c.reference} current="chronology" />
      {notice && !actionData ? (
        <div className="notice" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      <h1>Chronology</h1>
      <p>
        Events dated in the case record (the offence, conviction, sentence, appeals and earlier
        applications) appear on their own; add the others with their source.
      </p>
      <p>
        <a href={`/cases/${c.id}/chronology.pdf`} download>
          Download the chronology to print (PDF)
        </a>
      </p>
      {events.length === 0 ? (
        <p>No dated events yet.</p>
      ) : (
        <table className="table chronology-table">
          <caption className="visually-hidden">Chronology of {c.reference}, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">What happened</th>
              <th scope="col">Source</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {events.map((e, i) => (
              <tr key={e.id ?? `derived-${i}`}>
                <td>
                  {e.occurredOn}
                  {e.timeNote ? <span className="hint"> {e.timeNote}</span> : null}
                </td>
                <td className="pre-line">{e.description}</td>
                <td>{e.source}</td>
                <td>
                  {e.id ? (
                    <>
                      <details className="case-action" open={actionData?.formId === e.id}>
                        <summary>
                          Change
                          <span className="visually-hidden"> the event of {e.occurredOn}</span>
                        </summary>
                        <EventForm event={e} lastResult={resultFor(e.id)} />
                      </details>
                      <Form method="post">
                        <CsrfInput />
                        <input type="hidden" name="intent" value="delete" />
                        <input type="hidden" name="eventId" value={e.id} />
                        <button type="submit" className="button button-secondary">
                          Delete
                          <span className="visually-hidden"> the event of {e.occurredOn}</span>
                        </button>
                      </Form>
                    </>
                  ) : (
                    <span className="hint">From the case record</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section aria-labelledby="add-event-heading" className="narrow">
        <h2 id="add-event-heading">Add an event</h2>
        <EventForm event={null} lastResult={resultFor("new")} />
      </section>
    </>
  );
}

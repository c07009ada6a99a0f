import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, useSearchParams } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import {
  deleteChronologyEvent,
  getChronology,
  saveChronologyEvent,
} from "~/casework/chronology/chronology.server";
import { ChronologyEventSchema, DeleteEventSchema } from "~/casework/chronology/chronology-schemas";
import type { ChronologyEntry } from "~/casework/chronology/derive-events";
import { ButtonFormProblem } from "~/casework/ui/button-form-problem";
import { CaseNav } from "~/casework/ui/case-nav";
import { formAction, requireIds } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { CsrfInput, ErrorSummary, TextareaField, TextField, useFormKey } from "~/ui/forms";
import type { Route } from "./+types/chronology";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:case:own"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  return asViewer(context, (tx, acting) => getChronology(tx, acting, id));
}

const saved = (_: unknown, ids: { id: string }) => `/cases/${ids.id}/chronology?saved=1`;

/** Adding and changing share the event's schema; a change carries the event's id. */
export const action = formAction({
  ids: ["id"],
  intents: (intent) => ({
    add: intent({
      schema: ChronologyEventSchema,
      run: (input, { tx, acting, ids }) =>
        saveChronologyEvent(tx, acting, ids.id, { ...input, eventId: null }),
      done: saved,
    }),
    change: intent({
      schema: ChronologyEventSchema,
      run: (input, { tx, acting, ids }) => saveChronologyEvent(tx, acting, ids.id, input),
      done: saved,
    }),
    delete: intent({
      schema: DeleteEventSchema,
      run: ({ eventId }, { tx, acting, ids }) => deleteChronologyEvent(tx, acting, ids.id, eventId),
      done: (_, ids) => `/cases/${ids.id}/chronology?deleted=1`,
    }),
  }),
});

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
        <input type="hidden" name="intent" value={event ? "change" : "add"} />
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
  const formKey = useFormKey();
  const change = resultFor(actionData, "change");
  const changed = (id: string) => (change?.initialValue?.eventId === id ? change : undefined);
  return (
    <>
      <title>{`Chronology – ${c.reference} – Clearname`}</title>
      <CaseNav caseId={c.id} closed={c.closed} reference={c.reference} current="chronology" />
      <ButtonFormProblem result={resultFor(actionData, "delete")} />
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
                      <details className="case-action" open={changed(e.id) ? true : undefined}>
                        <summary>
                          Change
                          <span className="visually-hidden"> the event of {e.occurredOn}</span>
                        </summary>
                        <EventForm event={e} lastResult={changed(e.id)} />
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
      {c.closed ? null : (
        <section aria-labelledby="add-event-heading" className="narrow">
          <h2 id="add-event-heading">Add an event</h2>
          <EventForm key={formKey} event={null} lastResult={resultFor(actionData, "add")} />
        </section>
      )}
    </>
  );
}

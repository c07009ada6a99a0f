import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, Form, redirect, useSearchParams } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { CheckboxField } from "~/casework/notes/checkbox-field";
import { addNote, editNote, listNotes, signOffNote } from "~/casework/notes/notes.server";
import { EditNoteSchema, NoteSchema, SignOffSchema } from "~/casework/notes/schemas";
import { CaseNav } from "~/casework/ui/case-nav";
import { CsrfInput, ErrorSummary, TextareaField } from "~/ui/forms";
import type { Route } from "./+types/notes";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:case:own"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  return asViewer(context, (tx, acting) => listNotes(tx, acting, params.id));
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "sign-off") {
    const submission = parseWithZod(formData, { schema: SignOffSchema });
    if (submission.status !== "success")
      return data({ intent: "sign-off" as const, result: submission.reply() }, { status: 400 });
    await asViewer(context, (tx, acting) =>
      signOffNote(tx, acting, params.id, submission.value.noteId),
    );
    throw redirect(`/cases/${params.id}/notes?signedOff=1`);
  }
  if (intent === "edit") {
    const submission = parseWithZod(formData, { schema: EditNoteSchema });
    if (submission.status !== "success")
      return data(
        {
          intent: "edit" as const,
          noteId: String(formData.get("noteId")),
          result: submission.reply(),
        },
        { status: 400 },
      );
    await asViewer(context, (tx, acting) =>
      editNote(tx, acting, params.id, submission.value.noteId, submission.value.body),
    );
    throw redirect(`/cases/${params.id}/notes?changed=1`);
  }
  const submission = parseWithZod(formData, { schema: NoteSchema });
  if (submission.status !== "success")
    return data({ intent: "add" as const, result: submission.reply() }, { status: 400 });
  await asViewer(context, (tx, acting) => addNote(tx, acting, params.id, submission.value));
  throw redirect(`/cases/${params.id}/notes?added=1`);
}

const NOTICES: Record<string, string> = {
  added: "Note added.",
  changed: "Note changed.",
  signedOff: "Note signed off.",
};

const when = (iso: string) => iso.slice(0, 16).replace("T", " at ");

type Note = Route.ComponentProps["loaderData"]["notes"][number];

function EditNoteForm({
  note,
  lastResult,
}: {
  note: Note;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const [form, fields] = useForm({
    id: `edit-note-${note.id}`,
    lastResult,
    defaultValue: { noteId: note.id, body: note.body },
    constraint: getZodConstraint(EditNoteSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EditNoteSchema }),
  });
  return (
    <details className="case-action" open={lastResult ? true : undefined}>
      <summary>Change this note</summary>
      <ErrorSummary form={form} fields={{ body: fields.body }} />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="edit" />
        <input type="hidden" name="noteId" value={note.id} />
        <TextareaField field={fields.body} label="Note" rows={5} />
        <button type="submit" className="button button-secondary">
          Save the change
        </button>
      </Form>
    </details>
  );
}

function SignOffButton({ noteId }: { noteId: string }) {
  return (
    <Form method="post" className="inline-form">
      <CsrfInput />
      <input type="hidden" name="intent" value="sign-off" />
      <input type="hidden" name="noteId" value={noteId} />
      <button type="submit" className="button button-small">
        Sign off <span className="visually-hidden">this note</span>
      </button>
    </Form>
  );
}

export default function NotesPage({ loaderData, actionData }: Route.ComponentProps) {
  const { case: c, notes, awaitingSignOff, can } = loaderData;
  const [searchParams] = useSearchParams();
  const notice = Object.entries(NOTICES).find(([key]) => searchParams.get(key))?.[1];
  const [form, fields] = useForm({
    id: "add-note",
    lastResult: actionData?.intent === "add" ? actionData.result : undefined,
    constraint: getZodConstraint(NoteSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NoteSchema }),
  });
  return (
    <>
      <title>{`Notes – ${c.reference} – Clearname`}</title>
      <CaseNav caseId={c.id} reference={c.reference} current="notes" />
      {notice && !actionData ? (
        <div className="notice" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      <p className="caption">Case {c.reference}</p>
      <h1>Notes</h1>
      {can.signOff ? (
        <section aria-labelledby="awaiting-heading" className="casework-awaiting">
          <h2 id="awaiting-heading">Waiting for your sign-off</h2>
          {awaitingSignOff.length === 0 ? (
            <p>No notes are waiting for sign-off.</p>
          ) : (
            <ul className="plain-list">
              {awaitingSignOff.map((n) => (
                <li key={n.id}>
                  <a href={`#note-${n.id}`}>
                    {n.authorName}, {when(n.writtenAt)}
                  </a>
                  : {n.body.length > 80 ? `${n.body.slice(0, 80)}…` : n.body}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      <section aria-labelledby="notes-heading">
        <h2 id="notes-heading">All notes</h2>
        {notes.length === 0 ? (
          <p>No notes yet.</p>
        ) : (
          <ol className="plain-list casework-notes">
            {notes.map((n) => (
              <li key={n.id} id={`note-${n.id}`} className="casework-note">
                <p className="hint">
                  {n.authorName}, {when(n.writtenAt)}
                </p>
                <p className="pre-line">{n.body}</p>
                {n.signedOff ? (
                  <p className="casework-signed">
                    Signed off by {n.signedOff.by} on {when(n.signedOff.at)}
                  </p>
                ) : n.needsSignOff ? (
                  <p className="casework-pending">Needs the lead's sign-off</p>
                ) : null}
                {!n.signedOff && can.signOff ? <SignOffButton noteId={n.id} /> : null}
                {n.canEdit ? (
                  <EditNoteForm
                    note={n}
                    lastResult={
                      actionData?.intent === "edit" && actionData.noteId === n.id
                        ? actionData.result
                        : undefined
                    }
                  />
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="add-heading" className="narrow">
        <h2 id="add-heading">Add a note</h2>
        <ErrorSummary
          form={form}
          fields={{ body: fields.body, needsSignOff: fields.needsSignOff }}
        />
        <Form method="post" {...getFormProps(form)}>
          <CsrfInput />
          <input type="hidden" name="intent" value="add" />
          <TextareaField field={fields.body} label="Note" rows={6} />
          <CheckboxField
            field={fields.needsSignOff}
            label="Needs the lead's sign-off"
            hint="For anything that will be sent outside the project. Once signed off, the note cannot be changed."
          />
          <button type="submit" className="button">
            Add the note
          </button>
        </Form>
      </section>
    </>
  );
}

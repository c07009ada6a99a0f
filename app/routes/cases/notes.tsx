import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, useSearchParams } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { CheckboxField } from "~/casework/notes/checkbox-field";
import { addNote, editNote, listNotes, signOffNote } from "~/casework/notes/notes.server";
import { EditNoteSchema, NoteSchema, SignOffSchema } from "~/casework/notes/schemas";
import { CaseNav } from "~/casework/ui/case-nav";
import { formAction, requireIds } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { CsrfInput, ErrorSummary, TextareaField, useFormKey } from "~/ui/forms";
import type { Route } from "./+types/notes";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:case:own"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  return asViewer(context, (tx, acting) => listNotes(tx, acting, id));
}

export const action = formAction({
  ids: ["id"],
  intents: (intent) => ({
    add: intent({
      schema: NoteSchema,
      run: (input, { tx, acting, ids }) => addNote(tx, acting, ids.id, input),
      done: (_, ids) => `/cases/${ids.id}/notes?added=1`,
    }),
    edit: intent({
      schema: EditNoteSchema,
      run: ({ noteId, body }, { tx, acting, ids }) => editNote(tx, acting, ids.id, noteId, body),
      done: (_, ids) => `/cases/${ids.id}/notes?changed=1`,
    }),
    "sign-off": intent({
      schema: SignOffSchema,
      run: ({ noteId }, { tx, acting, ids }) => signOffNote(tx, acting, ids.id, noteId),
      done: (_, ids) => `/cases/${ids.id}/notes?signedOff=1`,
    }),
  }),
});

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

function SignOffButton({ note }: { note: Note }) {
  return (
    <Form method="post" className="inline-form">
      <CsrfInput />
      <input type="hidden" name="intent" value="sign-off" />
      <input type="hidden" name="noteId" value={note.id} />
      <button type="submit" className="button button-small">
        Sign off{" "}
        <span className="visually-hidden">
          the note of {when(note.writtenAt)} by {note.authorName}
        </span>
      </button>
    </Form>
  );
}

/** The form that adds a note; drawn anew (empty) after each change that succeeds. */
function AddNoteForm({ lastResult }: { lastResult: SubmissionResult<string[]> | undefined }) {
  const [form, fields] = useForm({
    id: "add-note",
    lastResult,
    constraint: getZodConstraint(NoteSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NoteSchema }),
  });
  return (
    <>
      <ErrorSummary form={form} fields={{ body: fields.body, needsSignOff: fields.needsSignOff }} />
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
    </>
  );
}

export default function NotesPage({ loaderData, actionData }: Route.ComponentProps) {
  const { case: c, notes, awaitingSignOff, can } = loaderData;
  const [searchParams] = useSearchParams();
  const formKey = useFormKey();
  const notice = Object.entries(NOTICES).find(([key]) => searchParams.get(key))?.[1];
  const edit = resultFor(actionData, "edit");
  const signOffErrors = resultFor(actionData, "sign-off")?.error?.[""] ?? [];
  return (
    <>
      <title>{`Notes – ${c.reference} – Clearname`}</title>
      <CaseNav caseId={c.id} closed={c.closed} reference={c.reference} current="notes" />
      {signOffErrors.length > 0 ? (
        <div className="error-summary" role="alert">
          <h2>There is a problem</h2>
          <p>{signOffErrors.join(" ")}</p>
        </div>
      ) : null}
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
                  <p className="casework-pending">
                    {n.own && can.signOff
                      ? "Needs the sign-off of another lead of the project"
                      : "Needs the lead's sign-off"}
                  </p>
                ) : null}
                {n.canSignOff ? <SignOffButton note={n} /> : null}
                {n.canEdit ? (
                  <EditNoteForm
                    note={n}
                    lastResult={edit?.initialValue?.noteId === n.id ? edit : undefined}
                  />
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>
      {c.closed ? null : (
        <section aria-labelledby="add-heading" className="narrow">
          <h2 id="add-heading">Add a note</h2>
          <AddNoteForm key={formKey} lastResult={resultFor(actionData, "add")} />
        </section>
      )}
    </>
  );
}

import { getFormProps, useForm } from "@conform-to/react";
import { Form, Link, useSearchParams } from "react-router";
import type { z } from "zod";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import {
  discardProgressLetter,
  fileProgressLetter,
  getProgressLetter,
  saveProgressLetter,
} from "~/casework/correspondence/progress-letter.server";
import {
  DiscardProgressLetterSchema,
  ProgressLetterSchema,
} from "~/casework/correspondence/progress-letter-schemas";
import { CaseNav } from "~/casework/ui/case-nav";
import { documentStoreOf, withDocumentStore } from "~/intake/entry/document-store.server";
import { longDate } from "~/letters/merge";
import { formAction, requireIds } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { CsrfInput, ErrorSummary, TextareaField, TextField } from "~/ui/forms";
import type { Route } from "./+types/progress-letter";

/**
 * The progress letter to the client (docs/decisions/032-progress-letters.md): the team drafts
 * it from the case's record, a lead checks it and files it as sent (checked in the domain).
 */
export const middleware: Route.MiddlewareFunction[] = [access(requires("view:case:own"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  return asViewer(context, (tx, acting) => getProgressLetter(tx, acting, id));
}

export const action = formAction({
  ids: ["id"],
  intents: (intent) => ({
    save: intent({
      schema: ProgressLetterSchema,
      run: (input, { tx, acting, ids }) => saveProgressLetter(tx, acting, ids.id, input),
      done: (_, ids) => `/cases/${ids.id}/progress-letter?saved=1`,
    }),
    // The letter's files are stored as it is filed; a refused filing takes them with it.
    file: intent({
      schema: ProgressLetterSchema,
      run: (input, { tx, acting, ids, args }) =>
        withDocumentStore(documentStoreOf(args.context), (store) =>
          fileProgressLetter(tx, acting, store, ids.id, input),
        ),
      done: (r, ids) => `/cases/${ids.id}/progress-letter?sent=${r.nextProgressLetterOn ?? ""}`,
    }),
    discard: intent({
      schema: DiscardProgressLetterSchema,
      run: (input, { tx, acting, ids }) => discardProgressLetter(tx, acting, ids.id, input.basedOn),
      done: (_, ids) => `/cases/${ids.id}/progress-letter?fresh=1`,
    }),
  }),
});

type Page = Route.ComponentProps["loaderData"];
type FormValue = z.input<typeof ProgressLetterSchema>;

function LetterForm({
  page,
  letter,
  actionData,
}: {
  page: Page;
  letter: NonNullable<Page["letter"]>;
  actionData: unknown;
}) {
  const lastResult = resultFor(actionData, "file") ?? resultFor(actionData, "save");
  const [form, fields] = useForm<FormValue>({
    id: "progress-letter",
    lastResult,
    defaultValue: {
      basedOn: String(page.draft?.version ?? 0),
      heading: letter.text.heading,
      salutation: letter.text.salutation,
      paragraphs: letter.text.paragraphs.map((p) => ({ heading: p.heading ?? "", text: p.text })),
      signOff: letter.text.signOff.join("\n"),
    },
    shouldValidate: "onSubmit",
  });
  const paragraphs = fields.paragraphs.getFieldList();
  const summary: Record<string, { id: string; errors: string[] | undefined }> = {
    heading: fields.heading,
    salutation: fields.salutation,
    signOff: fields.signOff,
  };
  paragraphs.forEach((p, i) => {
    const f = p.getFieldset();
    summary[`p${i}-heading`] = f.heading;
    summary[`p${i}-text`] = f.text;
  });
  return (
    <>
      <ErrorSummary form={form} fields={summary} />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name={fields.basedOn.name} value={String(page.draft?.version ?? 0)} />
        <TextField field={fields.heading} label="Heading" />
        <TextField field={fields.salutation} label="Salutation" />
        {paragraphs.map((p, i) => {
          const f = p.getFieldset();
          return (
            <fieldset key={p.key} className="fieldset template-paragraph">
              <legend className="label">Paragraph {i + 1}</legend>
              <TextField field={f.heading} label="Heading above it (optional)" />
              <TextareaField
                field={f.text}
                label="Text"
                hint="A list has one item a line. Empty the text to leave the paragraph out."
                rows={Math.min(12, Math.max(3, (f.text.initialValue ?? "").split("\n").length + 2))}
              />
            </fieldset>
          );
        })}
        <TextareaField
          field={fields.signOff}
          label="Sign-off"
          hint="One line each; an empty line leaves space for a signature"
          rows={4}
        />
        <p>
          <button type="submit" name="intent" value="save" className="button button-secondary">
            Save the draft
          </button>
          {page.leads ? (
            <button type="submit" name="intent" value="file" className="button">
              Approve and file as sent
            </button>
          ) : null}
        </p>
      </Form>
    </>
  );
}

function Notice() {
  const [params] = useSearchParams();
  const sent = params.get("sent");
  const text =
    sent !== null
      ? `Progress letter filed as sent: its PDF and Word files are in the case's documents and it is logged as correspondence.${sent ? ` The next one is due on ${sent}.` : ""}`
      : params.get("saved")
        ? "Draft saved. A lead of the project checks it and files it as sent."
        : params.get("fresh")
          ? "The draft was thrown away: this one is made again from the case's record."
          : null;
  return text ? (
    <div className="notice" role="status">
      <p>{text}</p>
    </div>
  ) : null;
}

export default function ProgressLetterPage({ loaderData: page, actionData }: Route.ComponentProps) {
  const { case: c, letter, draft, sent } = page;
  return (
    <>
      <title>{`Progress letter – ${c.reference} – Clearname`}</title>
      <CaseNav caseId={c.id} reference={c.reference} current="correspondence" />
      {actionData ? null : <Notice />}
      <p className="caption">Case {c.reference}</p>
      <h1>Progress letter to {c.clientName}</h1>
      {letter === null ? (
        <p>This case is closed: no progress letter is written from it unless a lead reopens it.</p>
      ) : (
        <>
          <p>
            The letter tells the client what has been done on the case since{" "}
            {longDate(letter.since)} and what comes next, from the case's record (never from its
            notes). It is made from version {letter.templateVersion} of the project's progress
            letter. Read it and change anything that is not right or not for the client to read.
            {page.leads
              ? " When it is right, approve it: it is filed as sent, as PDF and Word, and logged as correspondence."
              : " Save it, and a lead of the project checks it and files it as sent."}
          </p>
          <p>
            {draft
              ? `A draft was saved on ${draft.preparedAt.slice(0, 10)}.`
              : "Not saved yet: this draft was made now from the case's record."}
          </p>
          <h2>Where it goes</h2>
          <address>
            {letter.recipient.map((line, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: lines of an address, in order
              <span key={i}>
                {line}
                <br />
              </span>
            ))}
          </address>
          {letter.marking || letter.largePrint ? (
            <p className="hint">
              {[
                letter.marking ? "Marked Legal Correspondence" : null,
                letter.largePrint ? "printed in large print" : null,
              ]
                .filter(Boolean)
                .join(", ")}
              , as the client's record asks.
            </p>
          ) : null}
          <section aria-labelledby="letter-heading" className="narrow">
            <h2 id="letter-heading">The letter</h2>
            <LetterForm
              key={draft ? `v${draft.version}` : "fresh"}
              page={page}
              letter={letter}
              actionData={actionData}
            />
          </section>
          {draft ? (
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="basedOn" value={String(draft.version)} />
              <button
                type="submit"
                name="intent"
                value="discard"
                className="button button-secondary"
              >
                Throw the draft away and start again from the case's record
              </button>
            </Form>
          ) : null}
        </>
      )}
      <h2>Progress letters sent</h2>
      {sent.length === 0 ? (
        <p>None has been filed from this page yet.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Progress letters sent to the client</caption>
          <thead>
            <tr>
              <th scope="col">Sent on</th>
              <th scope="col">Reported since</th>
              <th scope="col">Template version</th>
              <th scope="col">Files</th>
            </tr>
          </thead>
          <tbody>
            {sent.map((s) => (
              <tr key={s.id}>
                <td>{s.sentOn}</td>
                <td>{s.since}</td>
                <td>{s.templateVersion}</td>
                <td>
                  {s.documentId ? (
                    <Link to={`/cases/${c.id}/documents/${s.documentId}`}>
                      PDF<span className="visually-hidden"> of the letter sent on {s.sentOn}</span>
                    </Link>
                  ) : null}
                  {s.docxDocumentId ? (
                    <>
                      {" "}
                      <Link to={`/cases/${c.id}/documents/${s.docxDocumentId}`}>
                        Word
                        <span className="visually-hidden">
                          {" "}
                          copy of the letter sent on {s.sentOn}
                        </span>
                      </Link>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <Link to={`/cases/${c.id}/correspondence`}>
          Back to the correspondence of {c.reference}
        </Link>
      </p>
    </>
  );
}

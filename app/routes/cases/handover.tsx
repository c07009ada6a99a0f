import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, useSearchParams } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { CaseNav } from "~/casework/ui/case-nav";
import { getHandoverSheet, writeOwnHandoverNote } from "~/casework/year-end/handover-note.server";
import { HandoverNoteTextSchema } from "~/casework/year-end/schemas";
import { CASE_STAGE_LABELS, LINE_STATUS_LABELS } from "~/referrals/project-labels";
import { formAction, requireIds } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { CsrfInput, ErrorSummary, TextareaField, useFormKey } from "~/ui/forms";
import type { Route } from "./+types/handover";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:case:own"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  return asViewer(context, (tx, acting) => getHandoverSheet(tx, acting, id));
}

export const action = formAction({
  ids: ["id"],
  intents: (intent) => ({
    "my-note": intent({
      schema: HandoverNoteTextSchema,
      run: ({ text }, { tx, acting, ids }) => writeOwnHandoverNote(tx, acting, ids.id, text),
      done: (_, ids) => `/cases/${ids.id}/handover?written=1`,
    }),
  }),
});

/**
 * The hand-over sheet for the end of the academic year: where the case stands, what is open,
 * what comes next, and the lead's latest handover note. Printable (see the print stylesheet).
 */
export default function CaseHandoverPage({ loaderData, actionData }: Route.ComponentProps) {
  const { case: c, openLines, deadlines, team, handoverNotes } = loaderData;
  const [searchParams] = useSearchParams();
  const formKey = useFormKey();
  return (
    <>
      <title>{`Hand-over – ${c.reference} – Clearname`}</title>
      <CaseNav caseId={c.id} current="handover" reference={c.reference} />
      {searchParams.get("written") && !actionData ? (
        <div className="notice" role="status">
          <p>Your hand-over note is saved.</p>
        </div>
      ) : null}
      <div className="handover-sheet">
        <p className="caption">Hand-over of a case of {c.projectName}</p>
        <h1>
          {c.reference}: {c.applicant.fullName}
        </h1>
        <p className="hint no-print">
          Use your browser's print command to print this page, or{" "}
          <a href={`/cases/${c.id}/handover.pdf`} download>
            download the hand-over pack (PDF)
          </a>
          : the case, its evidence, the papers still awaited, its tasks and the team's hand-over
          notes.
        </p>
        <h2>Status</h2>
        <dl className="summary-list">
          <div>
            <dt>Stage</dt>
            <dd>{CASE_STAGE_LABELS[c.stage]}</dd>
          </div>
          <div>
            <dt>Last activity</dt>
            <dd>{c.lastActivityOn}</dd>
          </div>
          <div>
            <dt>Team today</dt>
            <dd>
              {team.length === 0
                ? "Nobody"
                : team
                    .map((m) => `${m.name ?? "A team member"} (until ${m.endsOn ?? "no end date"})`)
                    .join("; ")}
            </dd>
          </div>
        </dl>
        <h2>Next steps</h2>
        <h3>Open lines of investigation</h3>
        {openLines.length === 0 ? (
          <p>No open lines of investigation.</p>
        ) : (
          <ul>
            {openLines.map((l) => (
              <li key={l.id}>
                {l.description} <span className="hint">({LINE_STATUS_LABELS[l.status]})</span>
              </li>
            ))}
          </ul>
        )}
        <h3>Coming deadlines</h3>
        {deadlines.length === 0 ? (
          <p>No coming deadlines.</p>
        ) : (
          <ul>
            {deadlines.map((d) => (
              <li key={`${d.on}-${d.what}`}>
                {d.on}: {d.what}
              </li>
            ))}
          </ul>
        )}
        <h2>Latest handover note</h2>
        {c.handoverNote ? (
          <p className="pre-line">{c.handoverNote}</p>
        ) : (
          <p>No handover note has been written.</p>
        )}
        <h2>The team's hand-over notes</h2>
        {handoverNotes.length === 0 ? (
          <p>No one on the team has written a hand-over note.</p>
        ) : (
          handoverNotes.map((n) => (
            <div key={`${n.writtenOn}-${n.authorName}-${n.text.slice(0, 20)}`}>
              <h3>
                {n.authorName}, {n.writtenOn}
              </h3>
              <p className="pre-line">{n.text}</p>
            </div>
          ))
        )}
      </div>
      {c.active ? (
        <section aria-labelledby="my-note-heading" className="narrow no-print">
          <h2 id="my-note-heading">Write your hand-over note</h2>
          <p>
            Before you leave the case: where it stands, what you were doing, and what the next team
            should do first. It is kept with the case notes, and the project's lead sees that you
            wrote it.
          </p>
          <OwnNoteForm key={formKey} lastResult={resultFor(actionData, "my-note")} />
        </section>
      ) : null}
    </>
  );
}

function OwnNoteForm({ lastResult }: { lastResult: SubmissionResult<string[]> | undefined }) {
  const [form, fields] = useForm({
    id: "my-handover-note",
    lastResult,
    defaultValue: { intent: "my-note" },
    constraint: getZodConstraint(HandoverNoteTextSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: HandoverNoteTextSchema }),
  });
  return (
    <>
      <ErrorSummary form={form} fields={{ text: fields.text }} />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="my-note" />
        <TextareaField field={fields.text} label="Your hand-over note" rows={8} />
        <button type="submit" className="button">
          Save my hand-over note
        </button>
      </Form>
    </>
  );
}

import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useSearchParams } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { AccessHistoryLink } from "~/audit/ui/access-history-link";
import { getCaseOverview } from "~/casework/overview/get-overview.server";
import { OUTCOME_LABELS } from "~/casework/stages/steps";
import { CaseNav } from "~/casework/ui/case-nav";
import { servicesContext } from "~/context.server";
import {
  ApplicantDetails,
  ConvictionDetails,
  fileSize,
  LinesTable,
} from "~/referrals/case-details";
import { handBackCase } from "~/referrals/case-returns.server";
import { writeHandoverNote } from "~/referrals/closure.server";
import { CASE_STAGE_LABELS, LINE_STATUS_LABELS } from "~/referrals/project-labels";
import { HandBackSchema, HandoverNoteSchema } from "~/referrals/project-schemas";
import { AccountDetails } from "~/referrals/ui/applicant-account";
import { formAction, requireIds } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { CsrfInput, ErrorSummary, TextareaField } from "~/ui/forms";
import type { Route } from "./+types/case";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:case:own"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  return asViewer(context, (tx, acting) => getCaseOverview(tx, acting, id));
}

export const action = formAction({
  ids: ["id"],
  intents: (intent) => ({
    note: intent({
      schema: HandoverNoteSchema,
      run: ({ note }, { tx, acting, ids }) => writeHandoverNote(tx, acting, ids.id, note),
      done: (_, ids) => `/cases/${ids.id}?note=saved`,
    }),
    "hand-back": intent({
      schema: HandBackSchema,
      run: async ({ reason }, { tx, acting, ids, args, afterCommit }) => {
        const { mailer, config } = args.context.get(servicesContext);
        const ctx = { mailer, publicUrl: config.publicUrl };
        const { deliveries } = await handBackCase(tx, acting, ctx, ids.id, reason);
        // The coordinators are told only once the hand-back has committed.
        afterCommit(deliveries);
      },
      done: (_, ids) => `/cases/${ids.id}?handedBack=1`,
    }),
  }),
});

const NOTICES: Record<string, string> = {
  accepted:
    "You accepted the case: it is now your project's. The network has been told, and the applicant is sent a letter saying your project took the case.",
  handedBack:
    "You handed the case back. The network's referral coordinators have been told, with your reason.",
  note: "Handover note saved.",
};

export default function CasePage({ loaderData, actionData }: Route.ComponentProps) {
  const { case: c, lines, documents, can, team, deadlines, openLines, recent } = loaderData;
  const [searchParams] = useSearchParams();
  const notice = Object.entries(NOTICES).find(([key]) => searchParams.get(key))?.[1];
  const [noteForm, noteFields] = useForm({
    id: "handover-note",
    lastResult: resultFor(actionData, "note"),
    defaultValue: { note: c.handoverNote ?? "" },
    constraint: getZodConstraint(HandoverNoteSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: HandoverNoteSchema }),
  });
  const [backForm, backFields] = useForm({
    id: "hand-back",
    lastResult: resultFor(actionData, "hand-back"),
    constraint: getZodConstraint(HandBackSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: HandBackSchema }),
  });
  return (
    <>
      <title>{`${c.reference} – Clearname`}</title>
      <CaseNav caseId={c.id} current="overview" reference={c.reference} />
      {notice && !actionData ? (
        <div className="notice" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      <p className="caption">Case of {c.projectName}</p>
      <h1>
        {c.reference}: {c.applicant.fullName}
      </h1>
      <AccessHistoryLink type="case" id={c.id} paragraph>
        Access history of this case
      </AccessHistoryLink>
      {c.stage === "closed" ? (
        <div className="notice notice-warning">
          <p>
            This case is closed{c.endedOn ? ` since ${c.endedOn}` : ""}: its file can be read but
            not changed. <Link to={`/cases/${c.id}/close`}>See the closing</Link>; a lead can reopen
            the case there.
          </p>
        </div>
      ) : !c.active ? (
        <div className="notice notice-warning">
          <p>
            {CASE_STAGE_LABELS[c.stage]}
            {c.endedOn ? ` on ${c.endedOn}` : ""}: this case is no longer with the project.
          </p>
          {c.endedReason ? <p className="pre-line">Reason: {c.endedReason}</p> : null}
        </div>
      ) : null}
      <dl className="summary-list">
        <div>
          <dt>Stage</dt>
          <dd>{CASE_STAGE_LABELS[c.stage]}</dd>
        </div>
        {c.outcome ? (
          <div>
            <dt>Outcome</dt>
            <dd>{OUTCOME_LABELS[c.outcome]}</dd>
          </div>
        ) : null}
        <div>
          <dt>Team</dt>
          <dd>
            {team.length === 0 ? (
              <Link to={`/cases/${c.id}/team`}>Nobody yet</Link>
            ) : (
              team.map((m) => m.name ?? "A team member").join(", ")
            )}
          </dd>
        </div>
        <div>
          <dt>Accepted on</dt>
          <dd>{c.acceptedOn}</dd>
        </div>
        <div>
          <dt>Last activity</dt>
          <dd>{c.lastActivityOn}</dd>
        </div>
        <div>
          <dt>Annual report due</dt>
          <dd>{c.annualReportDueOn}</dd>
        </div>
      </dl>
      <section aria-labelledby="deadlines-heading">
        <h2 id="deadlines-heading">Next deadlines</h2>
        {deadlines.length === 0 ? (
          <p>No coming deadlines.</p>
        ) : (
          <ul className="plain-list">
            {deadlines.slice(0, 5).map((d) => (
              <li key={`${d.on}-${d.what}`}>
                <strong>{d.on}</strong>: {d.what}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="open-lines-heading">
        <h2 id="open-lines-heading">Open lines of investigation</h2>
        {openLines.length === 0 ? (
          <p>No open lines of investigation.</p>
        ) : (
          <ul className="plain-list">
            {openLines.map((l) => (
              <li key={l.id}>
                {l.description} <span className="hint">({LINE_STATUS_LABELS[l.status]})</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="recent-heading">
        <h2 id="recent-heading">Recent activity</h2>
        {recent.length === 0 ? (
          <p>Nothing recorded yet.</p>
        ) : (
          <ul className="plain-list">
            {recent.map((a, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: activity has no id of its own
              <li key={i}>
                <span className="hint">{a.on}</span> {a.what}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="summary-heading">
        <h2 id="summary-heading">Case summary</h2>
        {c.summary ? <p className="pre-line">{c.summary}</p> : <p>No summary.</p>}
      </section>
      <section aria-labelledby="applicant-heading">
        <h2 id="applicant-heading">The applicant</h2>
        <ApplicantDetails applicant={c.applicant} />
      </section>
      <section aria-labelledby="conviction-heading">
        <h2 id="conviction-heading">The conviction</h2>
        <ConvictionDetails conviction={c.conviction} />
      </section>
      <section aria-labelledby="account-heading">
        <h2 id="account-heading">The applicant's own account</h2>
        <AccountDetails account={c.account} />
      </section>
      <section aria-labelledby="lines-heading">
        <h2 id="lines-heading">All lines of investigation</h2>
        <LinesTable lines={lines} caption={`Lines of investigation of ${c.reference}`} />
      </section>
      <section aria-labelledby="documents-heading">
        <h2 id="documents-heading">Documents</h2>
        {documents.length === 0 ? (
          <p>No documents in the case file.</p>
        ) : (
          <ul className="plain-list">
            {documents.map((d) => (
              <li key={d.id}>
                <a href={`/cases/${c.id}/documents/${d.id}`} download>
                  {d.filename}
                </a>{" "}
                <span className="hint">
                  ({fileSize(d.byteSize)}, added {d.addedOn})
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="handover-heading" className="narrow">
        <h2 id="handover-heading">Handover note</h2>
        {c.handoverNote ? (
          <p className="pre-line case-handover-note">{c.handoverNote}</p>
        ) : (
          <p>No handover note has been written.</p>
        )}
        {can.writeHandoverNote ? (
          <details className="case-action" open={resultFor(actionData, "note") ? true : undefined}>
            <summary>
              {c.handoverNote ? "Change the handover note" : "Write the handover note"}
            </summary>
            <p className="hint">
              If the case goes back to the network (the project closes, or you hand it back), this
              note goes with it: where the case stands, what was done, what to do next.
            </p>
            <ErrorSummary form={noteForm} fields={{ note: noteFields.note }} />
            <Form method="post" {...getFormProps(noteForm)}>
              <CsrfInput />
              <input type="hidden" name="intent" value="note" />
              <TextareaField field={noteFields.note} label="Handover note" rows={8} />
              <button type="submit" className="button">
                Save the handover note
              </button>
            </Form>
          </details>
        ) : null}
      </section>
      {can.handBack ? (
        <section aria-labelledby="hand-back-heading" className="narrow">
          <h2 id="hand-back-heading">Hand the case back</h2>
          {/* Closed until asked for: a rare step that must not dominate a case just accepted. */}
          <details
            className="case-action"
            open={resultFor(actionData, "hand-back") ? true : undefined}
          >
            <summary>Hand the case back to the network</summary>
            <p>
              The case leaves your project's active cases (its file is kept) and returns to the
              network's referral queue. The referral coordinators are told, with your reason.
            </p>
            <ErrorSummary form={backForm} fields={{ reason: backFields.reason }} />
            <Form method="post" {...getFormProps(backForm)}>
              <CsrfInput />
              <input type="hidden" name="intent" value="hand-back" />
              <TextareaField
                field={backFields.reason}
                label="Why the project hands the case back"
                rows={4}
              />
              <button type="submit" className="button button-warning">
                Hand the case back
              </button>
            </Form>
          </details>
        </section>
      ) : null}
      <p>
        <Link to="/cases">Back to cases</Link>
      </p>
    </>
  );
}

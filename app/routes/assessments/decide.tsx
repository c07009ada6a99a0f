import { getFormProps, getInputProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useSearchParams } from "react-router";
import type { z } from "zod";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { getApplicationBeside } from "~/eligibility/application-beside.server";
import { buildDecisionLetter, findDecisionLetter } from "~/eligibility/decision-letter.server";
import { getAssessment } from "~/eligibility/get-assessment.server";
import { listApplicationAssessments } from "~/eligibility/list-application-assessments.server";
import { OUTCOME_STATE, recordDecision } from "~/eligibility/record-decision.server";
import {
  decisionRefusal,
  missingForRecommendation,
  RECOMMENDATION_LABELS,
  type Recommendation,
  STATUS_LABELS,
} from "~/eligibility/rules";
import { DecisionSchema } from "~/eligibility/schemas";
import { staffNames } from "~/eligibility/staff-names.server";
import { dayOf } from "~/eligibility/ui/labels";
import { MultiLine } from "~/intake/entry/application-parts";
import { STATE_LABELS } from "~/intake/transitions";
import { withLetterStore } from "~/letters/letter-store.server";
import { longDate } from "~/letters/merge";
import { formAction, requireIds } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { CsrfInput, ErrorSummary } from "~/ui/forms";
import type { Route } from "./+types/decide";

export const middleware: Route.MiddlewareFunction[] = [access(requires("assess:application:any"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  return asViewer(context, async (tx, acting) => {
    const found = await getAssessment(tx, acting, id, "decide");
    const a = found.assessment;
    const application = await getApplicationBeside(tx, a.applicationId);
    const people = await staffNames(tx);
    const base = {
      id: a.id,
      version: a.version,
      status: a.status,
      recommendation: a.recommendation,
      ineligibleReasons: a.ineligibleReasons,
      chaseOn: a.chaseOn,
      lineCount: found.lines.length,
      reference: application.reference,
      applicationId: application.id,
      applicationState: application.state,
      applicantName: application.applicant.fullName,
      decidedBy: a.decidedBy ? (people[a.decidedBy] ?? "Someone no longer on file") : null,
      decidedOn: a.decidedAt ? dayOf(a.decidedAt) : null,
      largePrintLetter: a.largePrintLetter,
      notes: a.recommendation === "ineligible" ? a.recommendationNotes : null,
      consequence: a.recommendation
        ? consequence(a.recommendation, { lineCount: found.lines.length, chaseOn: a.chaseOn })
        : null,
      // What recording would be refused for, said before the form: only if the rules changed
      // since the recommendation was made, as an agreed assessment cannot be edited.
      missing: a.recommendation
        ? missingForRecommendation(
            { ...a, lineCount: found.lines.length },
            { ...a, recommendation: a.recommendation },
          ).map((m) => m.message)
        : [],
    };
    if (a.status === "decided") {
      const history = await listApplicationAssessments(tx, a.applicationId);
      return {
        ...base,
        refusal: null,
        letters: await findDecisionLetter(tx, a),
        isLatest: history[0]?.id === a.id,
        preview: null,
      };
    }
    const refusal = decisionRefusal(a);
    if (refusal) return { ...base, refusal, letters: null, isLatest: false, preview: null };
    // The letter as it will be made, in the applicant's preferred print size.
    const { subject, letter } = await buildDecisionLetter(tx, found);
    return {
      ...base,
      refusal: null,
      letters: null,
      isLatest: false,
      preview: {
        letter,
        prefersLargePrint: subject.facts.applicant.largePrint,
        address: subject.address,
      },
    };
  });
}

export const action = formAction({
  ids: ["id"],
  intents: (intent) => ({
    decide: intent({
      schema: DecisionSchema,
      // The letter is filed in the decision's transaction; a refusal removes its files again.
      run: (input, { tx, acting, ids, args }) =>
        withLetterStore(args.context, (store) => recordDecision(tx, acting, store, ids.id, input)),
      done: (_, ids) => `/assessments/${ids.id}/decide?recorded=1`,
    }),
  }),
});

/** What recording each outcome does to the application, in words (on the server: it reads OUTCOME_STATE). */
function consequence(outcome: Recommendation, d: { lineCount: number; chaseOn: string | null }) {
  const to = `“${STATE_LABELS[OUTCOME_STATE[outcome].state]}”`;
  switch (outcome) {
    case "eligible":
      return `The application moves to ${to}, with its ${d.lineCount} ${d.lineCount === 1 ? "line" : "lines"} of investigation, ready to be offered to a member project.`;
    case "ineligible":
      return "The application is closed as ineligible.";
    case "more_information":
      return `The application waits in ${to}${d.chaseOn ? `, to be chased on ${d.chaseOn} if nothing arrives` : ""}. When the information arrives, the assessment continues from this one.`;
    case "withdrawn":
      return "The application is closed as withdrawn.";
  }
}

const NOTICES: Record<string, string> = {
  recommended:
    "Your recommendation is made. It needs no second review: check the letter below and record the decision.",
  reviewed: "You agreed with the recommendation. The decision can now be recorded.",
};

export default function Decide({ loaderData: d, actionData }: Route.ComponentProps) {
  const [searchParams] = useSearchParams();
  const notice = Object.keys(NOTICES).find((k) => searchParams.has(k));
  return (
    <div className="narrow">
      <title>{`Decision on ${d.reference} – Clearname`}</title>
      {notice && !actionData && d.status !== "decided" ? (
        <div className="notice" role="status">
          <p>{NOTICES[notice]}</p>
        </div>
      ) : null}
      <p className="caption">
        {d.reference} · {d.applicantName}
      </p>
      {d.status === "decided" ? (
        <Decided data={d} recordedNow={searchParams.has("recorded")} />
      ) : d.refusal ? (
        <>
          <h1>Record the decision</h1>
          <div className="notice notice-warning">
            <p>{d.refusal}</p>
            <p>
              It is now: {STATUS_LABELS[d.status]}.{" "}
              {d.status === "in_review" ? (
                <Link to={`/assessments/${d.id}/review`}>See the review</Link>
              ) : (
                <Link to={`/assessments/${d.id}/recommend`}>Make the recommendation</Link>
              )}
            </p>
          </div>
        </>
      ) : (
        <Confirm data={d} lastResult={resultFor(actionData, "decide")} />
      )}
      <p>
        <Link to={`/assessments/${d.id}`}>Back to the assessment of {d.reference}</Link>
      </p>
    </div>
  );
}

type LoaderData = Route.ComponentProps["loaderData"];

function Confirm({
  data: d,
  lastResult,
}: {
  data: LoaderData;
  lastResult: SubmissionResult<string[]> | null | undefined;
}) {
  const preview = d.preview;
  const [form, fields] = useForm<z.input<typeof DecisionSchema>>({
    id: "decision",
    lastResult,
    defaultValue: { largePrint: preview?.prefersLargePrint ? "on" : undefined },
    constraint: getZodConstraint(DecisionSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DecisionSchema }),
  });
  if (!d.recommendation || !preview) return null;
  // Optional ticks, whatever the schema's constraint makes of the transform.
  const largePrint = {
    ...getInputProps(fields.largePrint, { type: "checkbox", ariaAttributes: false }),
    required: false,
  };
  const includeNotes = {
    ...getInputProps(fields.includeNotes, { type: "checkbox", ariaAttributes: false }),
    required: false,
  };
  const letter = preview.letter;
  return (
    <>
      <h1>Record the decision</h1>
      <ErrorSummary
        form={form}
        fields={{ largePrint: fields.largePrint, includeNotes: fields.includeNotes }}
      />
      {d.missing.length > 0 ? (
        <div className="notice notice-warning">
          <p>This assessment is not complete enough for its recommendation:</p>
          <ul>
            {d.missing.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <dl className="summary-list">
        <div>
          <dt>Outcome</dt>
          <dd>{RECOMMENDATION_LABELS[d.recommendation]}</dd>
        </div>
        <div>
          <dt>What happens to the application</dt>
          <dd>{d.consequence}</dd>
        </div>
        <div>
          <dt>The letter</dt>
          <dd>
            {letter.title} letter, filed on the application and in the correspondence log as PDF
            (for post), with a Word copy to edit.
            {letter.marking ? " Marked “Legal Correspondence”." : ""}
          </dd>
        </div>
      </dl>
      {!preview.address.complete ? (
        <p className="notice notice-warning">
          There is no full postal address on file for {d.applicantName}. The letter can be recorded,
          but add the address before posting it.
        </p>
      ) : null}
      <p>
        <strong>The decision is final once recorded.</strong> It cannot be changed afterwards; if
        the applicant asks, it can be reconsidered in a new assessment.
      </p>

      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="version" value={d.version} />
        <div className="field">
          <div className="choice">
            <input
              {...largePrint}
              key={largePrint.key}
              aria-describedby={`${fields.largePrint.id}-hint`}
            />
            <label htmlFor={fields.largePrint.id}>Print the letter in large print</label>
          </div>
          <p className="hint" id={`${fields.largePrint.id}-hint`}>
            {preview.prefersLargePrint
              ? `${d.applicantName} asked for large print.`
              : `${d.applicantName} has not asked for large print.`}{" "}
            The preview below is in standard print.
          </p>
        </div>
        {d.notes ? (
          <div className="field">
            <div className="choice">
              <input
                {...includeNotes}
                key={includeNotes.key}
                aria-describedby={`${fields.includeNotes.id}-hint`}
              />
              <label htmlFor={fields.includeNotes.id}>
                Print the assessor's notes in the letter, after the reasons
              </label>
            </div>
            <div className="hint" id={`${fields.includeNotes.id}-hint`}>
              <p>Only if they are written to the applicant. The notes are:</p>
              <blockquote className="review-comment">
                <MultiLine text={d.notes} />
              </blockquote>
              <p>The preview below is without them.</p>
            </div>
          </div>
        ) : null}
        <button type="submit" className="button">
          Record the decision
        </button>
      </Form>

      <section aria-labelledby="letter-preview-title">
        <h2 id="letter-preview-title">The letter that will be made</h2>
        <div className="card">
          {letter.marking ? (
            <p>
              <strong>{letter.marking.text}</strong>
              {letter.marking.rule ? ` (${letter.marking.rule})` : ""}
            </p>
          ) : null}
          <p>
            {letter.recipient.map((line) => (
              <span key={line}>
                {line}
                <br />
              </span>
            ))}
          </p>
          <p>
            {letter.date}
            <br />
            <strong>{letter.referenceLine}</strong>
          </p>
          <h3>{letter.heading}</h3>
          <p>{letter.salutation}</p>
          {letter.paragraphs.map((p, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs have no identity but their place
            <div key={i}>
              {p.heading ? <h4>{p.heading}</h4> : null}
              <p>{p.text}</p>
            </div>
          ))}
          <p>
            {letter.signOff.map((line, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: lines of the sign-off can repeat (blank)
              <span key={i}>
                {line}
                <br />
              </span>
            ))}
          </p>
        </div>
      </section>
    </>
  );
}

function Decided({ data: d, recordedNow }: { data: LoaderData; recordedNow: boolean }) {
  const letters = d.letters;
  const base = `/applications/${d.applicationId}/letters`;
  return (
    <>
      {recordedNow ? (
        <div className="notice" role="status">
          <p>
            The decision is recorded and its letter is filed. Download it below to print and post.
          </p>
        </div>
      ) : null}
      <h1>The decision</h1>
      <dl className="summary-list">
        <div>
          <dt>Outcome</dt>
          <dd>{d.recommendation ? RECOMMENDATION_LABELS[d.recommendation] : ""}</dd>
        </div>
        <div>
          <dt>Recorded</dt>
          <dd>
            {d.decidedOn ? longDate(d.decidedOn) : ""}
            {d.decidedBy ? ` by ${d.decidedBy}` : ""}
          </dd>
        </div>
        <div>
          <dt>The application is now</dt>
          <dd>{STATE_LABELS[d.applicationState]}</dd>
        </div>
        <div>
          <dt>The letter</dt>
          <dd>
            {letters ? (
              <ul className="plain-list">
                <li>
                  <a href={`${base}/${letters.pdf.documentId}`} download>
                    Download the letter as PDF, to print{d.largePrintLetter ? " (large print)" : ""}
                  </a>
                </li>
                {letters.docx ? (
                  <li>
                    <a href={`${base}/${letters.docx.documentId}`} download>
                      Download the letter as Word, to edit
                    </a>
                  </li>
                ) : null}
              </ul>
            ) : (
              "No letter is filed for this decision."
            )}
          </dd>
        </div>
      </dl>
      <p>
        <Link to={`/applications/${d.applicationId}/letters`}>All letters for {d.reference}</Link>
      </p>
      {d.isLatest ? (
        <p>
          If the applicant asks for the decision to be looked at again,{" "}
          <Link to={`/assessments/${d.id}/reconsider`}>record a request for reconsideration</Link>.
        </p>
      ) : null}
    </>
  );
}

import { parseWithZod } from "@conform-to/zod/v4";
import { data, Form, Link, redirect, useSearchParams } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { can } from "~/access/viewer";
import { getApplicationBeside } from "~/eligibility/application-beside.server";
import type { FieldDifference } from "~/eligibility/diff";
import { getAssessment } from "~/eligibility/get-assessment.server";
import { listApplicationAssessments } from "~/eligibility/list-application-assessments.server";
import { assessmentOptions } from "~/eligibility/reference-data.server";
import {
  appealWindowEnds,
  isEditable,
  isUrgent,
  reviewRefusal,
  STATUS_LABELS,
} from "~/eligibility/rules";
import { saveAssessment } from "~/eligibility/save-assessment.server";
import { AssessmentSchema } from "~/eligibility/schemas";
import { staffNames } from "~/eligibility/staff-names.server";
import { ApplicationBeside } from "~/eligibility/ui/application-beside";
import { AssessmentForm } from "~/eligibility/ui/assessment-form";
import { AssessmentSummary } from "~/eligibility/ui/assessment-summary";
import { ConflictPanel } from "~/eligibility/ui/conflict-panel";
import { dayOf } from "~/eligibility/ui/labels";
import { AppError } from "~/errors/app-error";
import { MultiLine } from "~/intake/entry/application-parts";
import { today } from "~/shared/dates";
import { MAX_FIELD_LENGTH, normaliseFormData } from "~/shared/normalise-input";
import { requireIds } from "~/ui/form-action.server";
import { CsrfInput } from "~/ui/forms";
import type { Route } from "./+types/workspace";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:application:any"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  return asViewer(context, async (tx, acting) => {
    const found = await getAssessment(tx, acting, id, "workspace");
    const a = found.assessment;
    const application = await getApplicationBeside(tx, a.applicationId);
    const options = await assessmentOptions(tx);
    const people = await staffNames(tx);
    const history = await listApplicationAssessments(tx, a.applicationId);
    const viewerId = acting.viewer.id;
    const canAssess = can(acting.viewer, "assess:application:any");
    return {
      ...found,
      application,
      options,
      people,
      viewerId,
      canAssess,
      canEdit: canAssess && a.assessorId === viewerId && isEditable(a.status),
      isLatest: history[0]?.id === a.id,
      today: today(),
    };
  });
}

interface Conflict {
  message: string;
  version: number;
  differences: FieldDifference[];
}

/**
 * Written out rather than through formAction: a stale save comes back with the differences
 * between what is saved now and what was typed, and the version to save over, which the
 * pipeline's refusal (a message on a field or the form) cannot carry; and a row added or
 * removed without JavaScript is the form sent back as typed (200), not a failure.
 */
export async function action({ request, params, context }: Route.ActionArgs) {
  const { id } = requireIds(params, ["id"]);
  const { formData, tooLong } = normaliseFormData(await request.formData());
  const submission = parseWithZod(formData, { schema: AssessmentSchema });
  if (tooLong.length > 0) {
    const message = `Use at most ${MAX_FIELD_LENGTH.toLocaleString("en-GB")} characters.`;
    const fieldErrors = Object.fromEntries(tooLong.map((t) => [t.name, [message]]));
    return data({ result: submission.reply({ fieldErrors }), conflict: null }, { status: 400 });
  }
  // A list intent (adding or removing a row without JavaScript) or a failed validation:
  // send the form back as typed, nothing saved.
  if (submission.status !== "success")
    return data(
      { result: submission.reply(), conflict: null as Conflict | null },
      { status: submission.status === "error" ? 400 : 200 },
    );
  const problem = await asViewer(context, async (tx, acting) => {
    try {
      await saveAssessment(tx, acting, id, submission.value);
      return null;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.code === "CONFLICT")
        return {
          status: 409,
          field: null,
          message: error.message,
          conflict: {
            message: error.message,
            version: Number(error.details.version),
            differences: (error.details.differences ?? []) as FieldDifference[],
          },
        };
      // Refused (no longer assigned to them, or no longer editable) or an unknown option:
      // keep what they typed and say why.
      if (error.code === "INVALID" || error.code === "FORBIDDEN")
        return {
          status: error.status,
          field: typeof error.details.field === "string" ? error.details.field : null,
          message: error.message,
          conflict: null,
        };
      throw error;
    }
  });
  if (!problem) throw redirect(`/assessments/${id}?saved=1`);
  const result = problem.conflict
    ? submission.reply()
    : problem.field
      ? submission.reply({ fieldErrors: { [problem.field]: [problem.message] } })
      : submission.reply({ formErrors: [problem.message] });
  return data({ result, conflict: problem.conflict }, { status: problem.status });
}

const NOTICES: Record<string, string> = {
  saved: "Saved.",
  started:
    "The application is assigned to you for assessment. The conviction is filled in from the questionnaire: check it.",
  open: "This application was already being assessed: this is that assessment.",
  handed: "Handed over.",
  taken: "You have taken this assessment over: it is assigned to you.",
};

type LoaderData = Route.ComponentProps["loaderData"];

export default function Workspace({ loaderData, actionData }: Route.ComponentProps) {
  const { assessment: a, application, people, viewerId } = loaderData;
  const [searchParams] = useSearchParams();
  const notice = Object.keys(NOTICES).find((k) => searchParams.has(k));
  const conflict = actionData?.conflict ?? null;
  const urgent = isUrgent(
    {
      flags: a.flags,
      convictionDate: a.convictionDate,
      sentenceDate: a.sentenceDate,
    },
    loaderData.today,
  );
  const ends = appealWindowEnds(a);
  const windowEnds = ends && ends >= loaderData.today ? ends : null;
  const returned =
    a.status === "returned" ? loaderData.reviews.find((r) => r.outcome === "returned") : null;
  return (
    <>
      <title>{`Assessment of ${application.reference} – Clearname`}</title>
      {urgent ? (
        <section className="urgent-banner" aria-labelledby="urgent-title">
          <h2 id="urgent-title">Urgent: the appeal window may still be open</h2>
          <p>
            Notice of appeal is due within 28 days of conviction or sentence
            {windowEnds ? ` (here by ${windowEnds})` : ""}.{" "}
            <strong>The applicant needs a solicitor now</strong>: advise them to instruct one to
            lodge an appeal in time, before anything else.
          </p>
        </section>
      ) : null}
      {notice && !actionData ? (
        <div className="notice" role="status">
          <p>{NOTICES[notice]}</p>
        </div>
      ) : null}
      <p className="caption">
        {application.reference} · {application.applicant.fullName}
      </p>
      <h1>Assessment of {application.reference}</h1>

      {returned ? (
        <section
          className="notice notice-warning returned-comment"
          aria-labelledby="returned-title"
        >
          <h2 id="returned-title">Returned by the reviewer</h2>
          <p>
            {people[returned.reviewerId ?? ""] ?? "The reviewer"} returned the recommendation
            {returned.reviewedAt ? ` on ${dayOf(returned.reviewedAt)}` : ""}:
          </p>
          {returned.comment ? (
            <blockquote className="review-comment">
              <MultiLine text={returned.comment} />
            </blockquote>
          ) : null}
          <p>Revise the assessment, then make the recommendation again.</p>
        </section>
      ) : null}

      <Status data={loaderData} />
      <NextSteps data={loaderData} />

      <div className="workspace">
        <div className="workspace-main">
          {/* After a refused save (taken over meanwhile) the form stays, so nothing typed is lost. */}
          {loaderData.canEdit || (actionData && loaderData.canAssess) ? (
            <>
              {conflict ? (
                <ConflictPanel message={conflict.message} differences={conflict.differences} />
              ) : null}
              <AssessmentForm
                key={a.version}
                answers={loaderData.answers}
                version={conflict?.version ?? a.version}
                options={loaderData.options}
                lastResult={actionData?.result}
              />
            </>
          ) : (
            <>
              {a.assessorId !== viewerId && loaderData.canAssess && isEditable(a.status) ? (
                <p className="hint">
                  Only the assigned assessor can change the answers. Take it over to change them.
                </p>
              ) : null}
              <AssessmentSummary
                answers={loaderData.answers}
                assessment={a}
                reviews={loaderData.reviews}
                lines={loaderData.lines}
                options={loaderData.options}
                people={people}
              />
            </>
          )}
        </div>
        <ApplicationBeside application={application} />
      </div>
    </>
  );
}

/** Where the assessment stands, who has it, and taking it over or handing it on. */
function Status({ data: d }: { data: LoaderData }) {
  const a = d.assessment;
  const mayHandOver = d.canAssess && a.status !== "decided";
  return (
    <>
      <dl className="summary-list">
        <div>
          <dt>Status</dt>
          <dd>{STATUS_LABELS[a.status]}</dd>
        </div>
        <div>
          <dt>Assessor</dt>
          <dd>
            {a.assessorId === d.viewerId
              ? "You"
              : a.assessorId
                ? (d.people[a.assessorId] ?? "Someone no longer on file")
                : "Nobody"}
          </dd>
        </div>
        <div>
          <dt>Last saved</dt>
          <dd>
            {dayOf(a.updatedAt)}
            {a.updatedBy
              ? ` by ${a.updatedBy === d.viewerId ? "you" : (d.people[a.updatedBy] ?? "someone")}`
              : ""}
          </dd>
        </div>
        {a.reconsiderationReason ? (
          <div>
            <dt>Reconsideration asked for</dt>
            <dd>
              <MultiLine text={a.reconsiderationReason} />
            </dd>
          </div>
        ) : null}
        {a.previousAssessmentId ? (
          <div>
            <dt>Continues</dt>
            <dd>
              <Link to={`/assessments/${a.previousAssessmentId}`}>the earlier assessment</Link>
            </dd>
          </div>
        ) : null}
      </dl>
      {mayHandOver ? (
        <div className="inline-form">
          {a.assessorId !== d.viewerId ? (
            <Form method="post" action={`/assessments/${a.id}/hand-over`}>
              <CsrfInput />
              <input type="hidden" name="assessorId" value={d.viewerId} />
              <input type="hidden" name="version" value={a.version} />
              <button type="submit" className="button button-secondary">
                Take over
              </button>
            </Form>
          ) : null}
          <Link to={`/assessments/${a.id}/hand-over`}>Hand over to another assessor</Link>
        </div>
      ) : null}
    </>
  );
}

/** The next step for this viewer, built on the recommendation, review and decision pages. */
function NextSteps({ data: d }: { data: LoaderData }) {
  const a = d.assessment;
  if (!d.canAssess) return null;
  const steps: { to: string; text: string }[] = [];
  if (d.canEdit)
    steps.push({ to: `/assessments/${a.id}/recommend`, text: "Make a recommendation" });
  if (a.status === "in_review" && reviewRefusal(d.viewerId, a) === null)
    steps.push({ to: `/assessments/${a.id}/review`, text: "Review the recommendation" });
  if (a.status === "agreed")
    steps.push({ to: `/assessments/${a.id}/decide`, text: "Record the decision" });
  if (a.status === "decided" && d.isLatest)
    steps.push({
      to: `/assessments/${a.id}/reconsider`,
      text: "Record a request for reconsideration",
    });
  if (steps.length === 0) return null;
  return (
    <nav aria-label="Next step" className="next-steps">
      <ul className="plain-list">
        {steps.map((s) => (
          <li key={s.to}>
            <Link to={s.to} className={d.canEdit ? "button button-secondary" : "button"}>
              {s.text}
            </Link>
          </li>
        ))}
      </ul>
      {d.canEdit ? (
        <p className="hint">Save your draft first: the recommendation uses what is saved.</p>
      ) : null}
    </nav>
  );
}

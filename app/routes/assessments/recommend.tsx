import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { useEffect, useRef, useState } from "react";
import { Form, Link } from "react-router";
import type { z } from "zod";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { getApplicationBeside } from "~/eligibility/application-beside.server";
import { getAssessment } from "~/eligibility/get-assessment.server";
import { recommend } from "~/eligibility/recommend.server";
import { assessmentOptions, reviewPolicy } from "~/eligibility/reference-data.server";
import {
  defaultChaseOn,
  type Missing,
  missingOnAssessment,
  needsReview,
  RECOMMENDATION_LABELS,
  type Recommendation,
  type RecommendationRefusal,
  recommendationRefusal,
  STATUS_LABELS,
} from "~/eligibility/rules";
import { RecommendationSchema } from "~/eligibility/schemas";
import { staffNames } from "~/eligibility/staff-names.server";
import { dayOf } from "~/eligibility/ui/labels";
import { MultiLine } from "~/intake/entry/application-parts";
import { today } from "~/shared/dates";
import { formAction, requireIds } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { ChoiceField, CsrfInput, TextareaField, TextField } from "~/ui/forms";
import type { Route } from "./+types/recommend";

export const middleware: Route.MiddlewareFunction[] = [access(requires("assess:application:any"))];

/** Where the assessment page puts a field (its form's id is "assessment"). */
const onAssessment = (id: string, field: string) => `/assessments/${id}#assessment-${field}`;

type Blocked = RecommendationRefusal;

const OUTCOMES: Recommendation[] = ["eligible", "ineligible", "more_information", "withdrawn"];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  return asViewer(context, async (tx, acting) => {
    const found = await getAssessment(tx, acting, id, "recommend");
    const a = found.assessment;
    const application = await getApplicationBeside(tx, a.applicationId);
    const { reasons } = await assessmentOptions(tx);
    const policy = await reviewPolicy(tx);
    const people = await staffNames(tx);
    const returned =
      a.status === "returned" ? found.reviews.find((r) => r.outcome === "returned") : undefined;
    const forRules = { ...a, lineCount: found.lines.length };
    return {
      id: a.id,
      version: a.version,
      status: a.status,
      reference: application.reference,
      applicantName: application.applicant.fullName,
      assessorName: a.assessorId ? (people[a.assessorId] ?? "another assessor") : "nobody",
      blocked: recommendationRefusal(acting.viewer.id, a),
      // What each choice would still need on the assessment page, said after a refused try.
      missingOnAssessment: Object.fromEntries(
        OUTCOMES.map((r) => [r, missingOnAssessment(forRules, r)]),
      ) as Record<Recommendation, Missing[]>,
      reasons: reasons
        .filter((r) => r.active)
        .map((r) => ({ key: r.key, label: r.label, requiresReview: r.requiresReview })),
      eligibleRequiresReview: policy.eligibleRequiresReview,
      defaults: {
        recommendation: a.recommendation ?? undefined,
        ineligibleReasons: a.ineligibleReasons,
        recommendationNotes: a.recommendationNotes ?? undefined,
        informationRequested: a.informationRequested ?? undefined,
        chaseOn: defaultChaseOn(a.chaseOn, today()),
      },
      returned: returned
        ? {
            reviewer: people[returned.reviewerId ?? ""] ?? "The reviewer",
            on: dayOf(returned.reviewedAt),
            comment: returned.comment,
          }
        : null,
    };
  });
}

export const action = formAction({
  ids: ["id"],
  intents: (intent) => ({
    recommend: intent({
      schema: RecommendationSchema,
      run: (input, { tx, acting, ids }) => recommend(tx, acting, ids.id, input),
      done: (made, ids) =>
        made.status === "agreed"
          ? `/assessments/${ids.id}/decide?recommended=1`
          : `/assessments/${ids.id}/review?sent=1`,
    }),
  }),
});

export default function Recommend({ loaderData: d, actionData }: Route.ComponentProps) {
  return (
    <div className="narrow">
      <title>{`Recommendation for ${d.reference} – Clearname`}</title>
      <p className="caption">
        {d.reference} · {d.applicantName}
      </p>
      <h1>Make a recommendation</h1>
      {d.blocked ? (
        <BlockedNotice blocked={d.blocked} id={d.id} assessorName={d.assessorName} />
      ) : (
        <>
          {d.returned ? (
            <section className="notice notice-warning" aria-labelledby="returned-title">
              <h2 id="returned-title">Returned by the reviewer</h2>
              <p>
                {d.returned.reviewer} returned the recommendation
                {d.returned.on ? ` on ${d.returned.on}` : ""}:
              </p>
              {d.returned.comment ? (
                <blockquote className="review-comment">
                  <MultiLine text={d.returned.comment} />
                </blockquote>
              ) : null}
            </section>
          ) : null}
          <p>
            The recommendation is made on the assessment as it is saved.{" "}
            <Link to={`/assessments/${d.id}`}>Check the assessment</Link> and save any changes
            first.
          </p>
          <RecommendationForm data={d} lastResult={resultFor(actionData, "recommend")} />
        </>
      )}
      <p>
        <Link to={`/assessments/${d.id}`}>Back to the assessment of {d.reference}</Link>
      </p>
    </div>
  );
}

function BlockedNotice({
  blocked,
  id,
  assessorName,
}: {
  blocked: Blocked;
  id: string;
  assessorName: string;
}) {
  const text: Record<Blocked, { message: string; to: string; link: string }> = {
    not_assessor: {
      message: `Only the assessor it is assigned to (${assessorName}) can make the recommendation. Ask them to hand it to you, or take it over on the assessment page.`,
      to: `/assessments/${id}`,
      link: "Go to the assessment",
    },
    in_review: {
      message: `The recommendation is made and is ${STATUS_LABELS.in_review.toLowerCase()}.`,
      to: `/assessments/${id}/review`,
      link: "See the review",
    },
    agreed: {
      message: "The recommendation is made and agreed: the decision can be recorded.",
      to: `/assessments/${id}/decide`,
      link: "Record the decision",
    },
    decided: {
      message: "The decision on this assessment is recorded.",
      to: `/assessments/${id}/decide`,
      link: "See the decision and its letter",
    },
  };
  const t = text[blocked];
  return (
    <div className="notice notice-warning">
      <p>{t.message}</p>
      <p>
        <Link to={t.to}>{t.link}</Link>
      </p>
    </div>
  );
}

type LoaderData = Route.ComponentProps["loaderData"];

function RecommendationForm({
  data: d,
  lastResult,
}: {
  data: LoaderData;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  // After a refused try, what the choice sent still needs on the assessment itself.
  const sent = lastResult?.initialValue?.recommendation;
  const missing =
    lastResult?.error?.[""] && typeof sent === "string" && sent in d.missingOnAssessment
      ? d.missingOnAssessment[sent as Recommendation]
      : [];
  const [form, fields] = useForm<z.input<typeof RecommendationSchema>>({
    id: "recommendation",
    lastResult,
    defaultValue: d.defaults,
    constraint: getZodConstraint(RecommendationSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RecommendationSchema }),
  });
  // Without JavaScript every part of the form shows; with it, only the parts for the choice.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const chosen = fields.recommendation.value as Recommendation | undefined;
  const reasonsValue = fields.ineligibleReasons.value as string | string[] | undefined;
  const chosenReasons = Array.isArray(reasonsValue)
    ? reasonsValue
    : reasonsValue
      ? [reasonsValue]
      : [];
  const hide = (r: Recommendation) => hydrated && chosen !== r;

  const policy = {
    reasonsRequiringReview: new Set(d.reasons.filter((r) => r.requiresReview).map((r) => r.key)),
    eligibleRequiresReview: d.eligibleRequiresReview,
  };
  // Mark the reasons that send it to review, unless all of them do (then the hint says so).
  const reviewed = "(goes to a second reviewer)";
  const allReviewed = d.reasons.every((r) => r.requiresReview);
  const outcomeOptions = OUTCOMES.map((r) => ({
    value: r,
    label:
      r === "eligible" && d.eligibleRequiresReview
        ? `${RECOMMENDATION_LABELS[r]} ${reviewed}`
        : RECOMMENDATION_LABELS[r],
  }));
  const reasonOptions = d.reasons.map((r) => ({
    value: r.key,
    label: r.requiresReview && !allReviewed ? `${r.label} ${reviewed}` : r.label,
  }));
  const outcomeHint = [
    allReviewed
      ? "Ineligible recommendations go to a second assessor."
      : "Ineligible recommendations go to a second assessor when any reason chosen needs it.",
    d.eligibleRequiresReview
      ? "Eligible ones go to a second assessor too."
      : "Eligible ones need no second review.",
    "Asking for more information and withdrawal are not reviewed.",
  ].join(" ");

  return (
    <>
      <ProblemSummary
        form={form}
        fields={[
          fields.recommendation,
          fields.ineligibleReasons,
          fields.recommendationNotes,
          fields.informationRequested,
          fields.chaseOn,
        ]}
        missing={missing}
        assessmentId={d.id}
      />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="version" value={d.version} />
        <ChoiceField
          field={fields.recommendation}
          label="What do you recommend?"
          hint={outcomeHint}
          type="radio"
          options={outcomeOptions}
        />

        <fieldset className="fieldset" disabled={hide("ineligible")} hidden={hide("ineligible")}>
          <legend className="visually-hidden">If it is ineligible</legend>
          <ChoiceField
            field={fields.ineligibleReasons}
            label="Why is it ineligible?"
            hint="Only for an ineligible recommendation. Choose all that apply: the letter explains each reason to the applicant in plain English."
            type="checkbox"
            options={reasonOptions}
          />
        </fieldset>

        <fieldset
          className="fieldset"
          disabled={hide("more_information")}
          hidden={hide("more_information")}
        >
          <legend className="visually-hidden">If you need more information</legend>
          <TextareaField
            field={fields.informationRequested}
            label="What information is the applicant asked for?"
            hint="Only when you need more information. Put each thing on a line of its own: the letter lists them."
            rows={4}
          />
          <TextField
            field={fields.chaseOn}
            label="Reply by"
            hint="The letter asks for a reply by this date, and the application is chased if nothing has arrived. For example 2026-12-18."
            type="date"
            width="medium"
          />
        </fieldset>

        <TextareaField
          field={fields.recommendationNotes}
          label="Notes (optional)"
          hint="For the reviewer and the file. When an ineligible decision is recorded, they can also be printed in the letter after the reasons."
          rows={5}
        />

        <ReviewMessage chosen={chosen} reasons={chosenReasons} policy={policy} />
        <button type="submit" className="button">
          Make the recommendation
        </button>
      </Form>
    </>
  );
}

/** Says, as the choice changes, whether the recommendation will go to a second reviewer. */
function ReviewMessage({
  chosen,
  reasons,
  policy,
}: {
  chosen: Recommendation | undefined;
  reasons: string[];
  policy: Parameters<typeof needsReview>[1];
}) {
  let text = "Choose a recommendation to see whether it goes to a second reviewer.";
  if (chosen === "ineligible" && reasons.length === 0)
    text = "Whether an ineligible recommendation goes to a second reviewer depends on its reasons.";
  else if (chosen)
    text = needsReview({ recommendation: chosen, ineligibleReasons: reasons }, policy)
      ? "This recommendation will go to a second assessor for review. The decision can be recorded once they agree."
      : "This recommendation needs no second review: the decision can be recorded straight after.";
  return (
    <p className="notice" role="status">
      {text}
    </p>
  );
}

interface SummaryField {
  id: string;
  errors?: string[];
}

/**
 * The error summary of this form (the GOV.UK pattern, as ~/ui/forms ErrorSummary), with the
 * things missing from the assessment itself linked to where they are on the assessment page.
 */
function ProblemSummary({
  form,
  fields,
  missing,
  assessmentId,
}: {
  form: { id: string; errors?: string[] };
  fields: SummaryField[];
  missing: Missing[];
  assessmentId: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const fieldErrors = fields.filter((f) => f.errors && f.errors.length > 0);
  // With things missing on the assessment, the refusal heads their list rather than joining it.
  const incomplete = missing.length > 0 ? (form.errors ?? []).join(" ") : null;
  const formErrors = missing.length > 0 ? [] : (form.errors ?? []);
  const count = fieldErrors.length + formErrors.length + missing.length;
  useEffect(() => {
    if (count > 0) ref.current?.focus();
  }, [count]);
  if (count === 0) return null;
  return (
    <div
      className="error-summary"
      role="alert"
      aria-labelledby={`${form.id}-summary-title`}
      tabIndex={-1}
      ref={ref}
    >
      <h2 id={`${form.id}-summary-title`}>There is a problem</h2>
      {incomplete ? <p>{incomplete}</p> : null}
      <ul>
        {formErrors.map((message) => (
          <li key={message}>{message}</li>
        ))}
        {missing.map((m) => (
          <li key={`${m.field}-${m.message}`}>
            <a href={onAssessment(assessmentId, m.field)}>{m.message}</a> (on the assessment)
          </li>
        ))}
        {fieldErrors.map((f) => (
          <li key={f.id}>
            <a href={`#${f.id}`}>{f.errors?.[0]}</a>
          </li>
        ))}
      </ul>
      {missing.length > 0 ? (
        <p>Save the assessment with these answers, then come back to make the recommendation.</p>
      ) : null}
    </div>
  );
}

import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useSearchParams } from "react-router";
import type { z } from "zod";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { getApplicationBeside } from "~/eligibility/application-beside.server";
import { getAssessment } from "~/eligibility/get-assessment.server";
import { assessmentOptions } from "~/eligibility/reference-data.server";
import { reviewRecommendation } from "~/eligibility/review.server";
import { RECOMMENDATION_LABELS, reviewRefusal, STATUS_LABELS } from "~/eligibility/rules";
import { ReviewSchema } from "~/eligibility/schemas";
import { staffNames } from "~/eligibility/staff-names.server";
import { AssessmentSummary } from "~/eligibility/ui/assessment-summary";
import { formAction, requireIds } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { ChoiceField, CsrfInput, ErrorSummary, TextareaField } from "~/ui/forms";
import type { Route } from "./+types/review";

export const middleware: Route.MiddlewareFunction[] = [access(requires("assess:application:any"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  return asViewer(context, async (tx, acting) => {
    const found = await getAssessment(tx, acting, id, "review");
    const a = found.assessment;
    return {
      ...found,
      application: await getApplicationBeside(tx, a.applicationId),
      options: await assessmentOptions(tx),
      people: await staffNames(tx),
      // Said before the form, not only after a refused submit.
      refusal: reviewRefusal(acting.viewer.id, a),
      mine: a.recommendedBy === acting.viewer.id || a.assessorId === acting.viewer.id,
    };
  });
}

export const action = formAction({
  ids: ["id"],
  intents: (intent) => ({
    review: intent({
      schema: ReviewSchema,
      run: async (input, { tx, acting, ids }) => {
        await reviewRecommendation(tx, acting, ids.id, input);
        return input.outcome;
      },
      done: (outcome, ids) =>
        outcome === "agreed"
          ? `/assessments/${ids.id}/decide?reviewed=1`
          : `/assessments/${ids.id}/review?returned=1`,
    }),
  }),
});

const NOTICES: Record<string, string> = {
  sent: "Your recommendation is made. Another assessor must review it before the decision can be recorded.",
  returned: "You returned the recommendation to the assessor with your comment.",
};

export default function Review({ loaderData: d, actionData }: Route.ComponentProps) {
  const a = d.assessment;
  const [searchParams] = useSearchParams();
  const notice = Object.keys(NOTICES).find((k) => searchParams.has(k));
  const [form, fields] = useForm<z.input<typeof ReviewSchema>>({
    id: "review",
    lastResult: resultFor(actionData, "review"),
    constraint: getZodConstraint(ReviewSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReviewSchema }),
  });
  const recommendedBy = a.recommendedBy ? (d.people[a.recommendedBy] ?? "another assessor") : null;
  return (
    <>
      <title>{`Review of ${d.application.reference} – Clearname`}</title>
      {notice && !actionData ? (
        <div className="notice" role="status">
          <p>{NOTICES[notice]}</p>
        </div>
      ) : null}
      <p className="caption">
        {d.application.reference} · {d.application.applicant.fullName}
      </p>
      <h1>Review the recommendation</h1>
      <dl className="summary-list">
        <div>
          <dt>Recommendation</dt>
          <dd>{a.recommendation ? RECOMMENDATION_LABELS[a.recommendation] : "None yet"}</dd>
        </div>
        <div>
          <dt>Made by</dt>
          <dd>{recommendedBy ?? "Nobody yet"}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>{STATUS_LABELS[a.status]}</dd>
        </div>
      </dl>

      {d.refusal ? (
        <div className="notice notice-warning">
          <p>
            {d.refusal}
            {d.mine && a.status === "in_review"
              ? " Nobody reviews a recommendation on an assessment of their own."
              : ""}
          </p>
          <p>
            <Link to={`/assessments/${a.id}`}>Back to the assessment</Link>
          </p>
        </div>
      ) : (
        <section aria-labelledby="review-form-title" className="narrow">
          <h2 id="review-form-title">Your review</h2>
          <p>
            Read the assessment below. If you agree, the decision can be recorded. If not, return it
            to the assessor with a comment saying what to revise.
          </p>
          <ErrorSummary form={form} fields={{ outcome: fields.outcome, comment: fields.comment }} />
          <Form method="post" {...getFormProps(form)}>
            <CsrfInput />
            <ChoiceField
              field={fields.outcome}
              label="Do you agree with the recommendation?"
              type="radio"
              options={[
                { value: "agreed", label: "Yes, I agree" },
                { value: "returned", label: "No, return it to the assessor" },
              ]}
            />
            <TextareaField
              field={fields.comment}
              label="Comment"
              hint="Needed when you return it: say what the assessor should revise. Optional when you agree."
              rows={5}
            />
            <button type="submit" className="button">
              Send the review
            </button>
          </Form>
        </section>
      )}

      <h2>The assessment</h2>
      <AssessmentSummary
        answers={d.answers}
        assessment={a}
        reviews={d.reviews}
        lines={d.lines}
        options={d.options}
        people={d.people}
        headingLevel={3}
      />
      <p>
        <Link to={`/assessments/${a.id}`}>Back to the assessment of {d.application.reference}</Link>
      </p>
    </>
  );
}

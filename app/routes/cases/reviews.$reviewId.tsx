import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, Form, Link, redirect } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import {
  changeReview,
  getReview,
  removeReview,
} from "~/casework/reviews/review-corrections.server";
import { ReviewSchema } from "~/casework/reviews/schemas";
import { CaseNav } from "~/casework/ui/case-nav";
import { ConfirmRemoval, RemovalSchema } from "~/casework/ui/confirm-removal";
import { CsrfInput, ErrorSummary, TextareaField, TextField } from "~/ui/forms";
import type { Route } from "./+types/reviews.$reviewId";

/**
 * Correcting a case review: whoever recorded it, or a lead; removing one: a lead only
 * (both checked in the domain).
 */
export const middleware: Route.MiddlewareFunction[] = [access(requires("view:case:own"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  return asViewer(context, (tx, acting) => getReview(tx, acting, params.id, params.reviewId));
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const formData = await request.formData();
  const fail = (formId: string, result: SubmissionResult<string[]>) =>
    data({ formId, result }, { status: 400 });
  if (formData.get("intent") === "remove") {
    const s = parseWithZod(formData, { schema: RemovalSchema });
    if (s.status !== "success") return fail("remove", s.reply());
    await asViewer(context, (tx, acting) => removeReview(tx, acting, params.id, params.reviewId));
    throw redirect(`/cases/${params.id}/reviews?removed=1`);
  }
  const s = parseWithZod(formData, { schema: ReviewSchema });
  if (s.status !== "success") return fail("change-review", s.reply());
  await asViewer(context, (tx, acting) =>
    changeReview(tx, acting, params.id, params.reviewId, s.value),
  );
  throw redirect(`/cases/${params.id}/reviews?changed=1`);
}

export default function ReviewPage({ loaderData, actionData }: Route.ComponentProps) {
  const { case: c, review, mayRemove } = loaderData;
  const resultFor = (id: string) => (actionData?.formId === id ? actionData.result : undefined);
  const [form, fields] = useForm({
    id: "change-review",
    lastResult: resultFor("change-review"),
    defaultValue: {
      heldOn: review.heldOn,
      attendees: review.attendees,
      decisions: review.decisions,
      actions: review.actions,
    },
    constraint: getZodConstraint(ReviewSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReviewSchema }),
  });
  return (
    <>
      <title>{`Correct a case review – ${c.reference} – Clearname`}</title>
      <CaseNav caseId={c.id} reference={c.reference} current="reviews" />
      <p className="caption">Case {c.reference}</p>
      <h1>Correct the review of {review.heldOn}</h1>
      <p>
        Recorded by {review.recordedByName}. The correction is recorded in the audit trail with what
        it replaced.
      </p>
      <section aria-labelledby="change-heading" className="narrow">
        <h2 id="change-heading">Change the review</h2>
        <ErrorSummary
          form={form}
          fields={{
            heldOn: fields.heldOn,
            attendees: fields.attendees,
            decisions: fields.decisions,
            actions: fields.actions,
          }}
        />
        <Form method="post" {...getFormProps(form)}>
          <CsrfInput />
          <TextField field={fields.heldOn} label="Date of the review" type="date" width="medium" />
          <TextareaField field={fields.attendees} label="Who attended" rows={2} />
          <TextareaField field={fields.decisions} label="Decisions" rows={5} />
          <TextareaField
            field={fields.actions}
            label="Actions"
            hint="What is to be done, by whom and by when."
            rows={5}
          />
          <button type="submit" className="button">
            Save the correction
          </button>
        </Form>
      </section>
      {mayRemove ? (
        <ConfirmRemoval
          lastResult={resultFor("remove")}
          heading="Remove the review"
          warning="Remove a review only if it was recorded by mistake (for example twice). The audit trail keeps what it said."
          confirmLabel="Yes, remove this case review"
          button="Remove the review"
        />
      ) : null}
      <p>
        <Link to={`/cases/${c.id}/reviews`}>Back to the case reviews of {c.reference}</Link>
      </p>
    </>
  );
}

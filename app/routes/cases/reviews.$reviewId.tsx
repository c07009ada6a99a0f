import { Link } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import {
  changeReview,
  getReview,
  removeReview,
} from "~/casework/reviews/review-corrections.server";
import { ReviewSchema } from "~/casework/reviews/schemas";
import { ReviewForm } from "~/casework/reviews/ui/review-form";
import { CaseNav } from "~/casework/ui/case-nav";
import { ConfirmRemoval, RemovalSchema } from "~/casework/ui/confirm-removal";
import { formAction, requireIds } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import type { Route } from "./+types/reviews.$reviewId";

/**
 * Correcting a case review: whoever recorded it, or a lead; removing one: a lead only
 * (both checked in the domain).
 */
export const middleware: Route.MiddlewareFunction[] = [access(requires("view:case:own"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id, reviewId } = requireIds(params, ["id", "reviewId"]);
  return asViewer(context, (tx, acting) => getReview(tx, acting, id, reviewId));
}

export const action = formAction({
  ids: ["id", "reviewId"],
  intents: (intent) => ({
    change: intent({
      schema: ReviewSchema,
      run: (input, { tx, acting, ids }) => changeReview(tx, acting, ids.id, ids.reviewId, input),
      done: (_, ids) => `/cases/${ids.id}/reviews?changed=1`,
    }),
    remove: intent({
      schema: RemovalSchema,
      run: (_, { tx, acting, ids }) => removeReview(tx, acting, ids.id, ids.reviewId),
      done: (_, ids) => `/cases/${ids.id}/reviews?removed=1`,
    }),
  }),
});

export default function ReviewPage({ loaderData, actionData }: Route.ComponentProps) {
  const { case: c, review, mayRemove } = loaderData;
  return (
    <>
      <title>{`Correct a case review – ${c.reference} – Clearname`}</title>
      <CaseNav caseId={c.id} closed={c.closed} reference={c.reference} current="reviews" />
      <p className="caption">Case {c.reference}</p>
      <h1>Correct the review of {review.heldOn}</h1>
      <p>
        Recorded by {review.recordedByName}. The audit trail records which fields you corrected, by
        whom and when.
      </p>
      {c.closed ? null : (
        <section aria-labelledby="change-heading" className="narrow">
          <h2 id="change-heading">Change the review</h2>
          <ReviewForm
            id="change-review"
            intent="change"
            lastResult={resultFor(actionData, "change")}
            defaultValue={{
              heldOn: review.heldOn,
              attendees: review.attendees,
              decisions: review.decisions,
              actions: review.actions,
            }}
            submit="Save the correction"
          />
        </section>
      )}
      {mayRemove ? (
        <ConfirmRemoval
          lastResult={resultFor(actionData, "remove")}
          heading="Remove the review"
          warning="Remove a review only if it was recorded by mistake (for example twice). The audit trail records that it was removed, by whom and when."
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

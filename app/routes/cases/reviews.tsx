import { Link, useSearchParams } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { addReview, listReviews } from "~/casework/reviews/reviews.server";
import { ReviewSchema } from "~/casework/reviews/schemas";
import { ReviewForm } from "~/casework/reviews/ui/review-form";
import { CaseNav } from "~/casework/ui/case-nav";
import { formAction, requireIds } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { useFormKey } from "~/ui/forms";
import type { Route } from "./+types/reviews";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:case:own"))];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  return asViewer(context, (tx, acting) => listReviews(tx, acting, id));
}

export const action = formAction({
  ids: ["id"],
  intents: (intent) => ({
    add: intent({
      schema: ReviewSchema,
      run: (input, { tx, acting, ids }) => addReview(tx, acting, ids.id, input),
      done: (_, ids) => `/cases/${ids.id}/reviews?added=1`,
    }),
  }),
});

const NOTICES: Record<string, string> = {
  added: "Case review recorded.",
  changed: "Case review corrected.",
  removed: "Case review removed.",
};

export default function ReviewsPage({ loaderData, actionData }: Route.ComponentProps) {
  const { case: c, reviews } = loaderData;
  const [searchParams] = useSearchParams();
  const formKey = useFormKey();
  const notice = Object.entries(NOTICES).find(([k]) => searchParams.get(k))?.[1];
  return (
    <>
      <title>{`Case reviews – ${c.reference} – Clearname`}</title>
      <CaseNav caseId={c.id} closed={c.closed} reference={c.reference} current="reviews" />
      {notice && !actionData ? (
        <div className="notice" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      <p className="caption">Case {c.reference}</p>
      <h1>Case reviews</h1>
      <section aria-labelledby="reviews-heading">
        <h2 id="reviews-heading">Reviews held</h2>
        {reviews.length === 0 ? (
          <p>No case review has been recorded.</p>
        ) : (
          reviews.map((r) => (
            <article key={r.id} className="casework-review" aria-labelledby={`review-${r.id}`}>
              <h3 id={`review-${r.id}`}>Review of {r.heldOn}</h3>
              <dl className="summary-list">
                <div>
                  <dt>Attended</dt>
                  <dd className="pre-line">{r.attendees || "Not recorded"}</dd>
                </div>
                <div>
                  <dt>Decisions</dt>
                  <dd className="pre-line">{r.decisions}</dd>
                </div>
                <div>
                  <dt>Actions</dt>
                  <dd className="pre-line">{r.actions || "None recorded"}</dd>
                </div>
                <div>
                  <dt>Recorded by</dt>
                  <dd>{r.recordedByName ?? "A former member"}</dd>
                </div>
              </dl>
              {r.mayChange ? (
                <p>
                  <Link to={`/cases/${c.id}/reviews/${r.id}`}>
                    Correct the review<span className="visually-hidden"> of {r.heldOn}</span>
                  </Link>
                </p>
              ) : null}
            </article>
          ))
        )}
      </section>
      {c.closed ? null : (
        <section aria-labelledby="add-heading" className="narrow">
          <h2 id="add-heading">Record a case review</h2>
          <ReviewForm
            key={formKey}
            id="add-review"
            intent="add"
            lastResult={resultFor(actionData, "add")}
            submit="Record the review"
          />
        </section>
      )}
    </>
  );
}

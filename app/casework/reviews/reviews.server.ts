import { desc, eq } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import type { Queryable } from "~/db/database.server";
import { caseReviews, users } from "~/db/schema";
import { auditCase, caseHeading, mustBeOpen, openCase, touchCase } from "../case-access.server";
import { mayChangeReview } from "./review-corrections.server";
import type { ReviewInput } from "./schemas";

/** The case's review meetings, latest first, and which the user may correct; audited. */
export async function listReviews(tx: Queryable, acting: Acting, caseId: string) {
  const c = await openCase(tx, acting, caseId);
  const rows = await tx
    .select({
      id: caseReviews.id,
      heldOn: caseReviews.heldOn,
      attendees: caseReviews.attendees,
      decisions: caseReviews.decisions,
      actions: caseReviews.actions,
      recordedBy: caseReviews.recordedBy,
      recordedByName: users.name,
    })
    .from(caseReviews)
    .leftJoin(users, eq(users.id, caseReviews.recordedBy))
    .where(eq(caseReviews.caseId, c.id))
    .orderBy(desc(caseReviews.heldOn), desc(caseReviews.createdAt));
  await auditCase(tx, acting, c, "case_reviews.viewed");
  return {
    case: { ...caseHeading(c) },
    reviews: rows.map(({ recordedBy, ...r }) => ({
      ...r,
      mayChange: mayChangeReview(acting, c, { recordedBy }),
    })),
  };
}

/** Records a review meeting; anyone on the case may write it up. */
export async function addReview(
  tx: Queryable,
  acting: Acting,
  caseId: string,
  input: ReviewInput,
): Promise<{ reviewId: string }> {
  const c = await openCase(tx, acting, caseId);
  mustBeOpen(c);
  const [row] = await tx
    .insert(caseReviews)
    .values({ caseId: c.id, ...input, recordedBy: acting.viewer.id })
    .returning({ id: caseReviews.id });
  if (!row) throw new Error("the review was not saved");
  await auditCase(tx, acting, c, "case_review.added", { reviewId: row.id, heldOn: input.heldOn });
  await touchCase(tx, c);
  return { reviewId: row.id };
}

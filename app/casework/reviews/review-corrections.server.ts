import { and, eq } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import { changedFields } from "~/casework/changed-fields";
import type { Queryable } from "~/db/database.server";
import { caseReviews, users } from "~/db/schema";
import { forbidden, notFound } from "~/errors/app-error";
import { isId } from "~/shared/ids";
import {
  auditCase,
  type CaseRow,
  caseHeading,
  leadsCase,
  mustBeOpen,
  mustLead,
  openCase,
  touchCase,
} from "../case-access.server";
import type { ReviewInput } from "./schemas";

type Review = typeof caseReviews.$inferSelect;

/**
 * Anyone on the case may write a review up; its write-up is corrected by whoever recorded it
 * or a lead, and only a lead removes one (a review's decisions are the project's record of
 * how the case is run, so a caseworker cannot make one disappear).
 */
export function mayChangeReview(acting: Acting, c: CaseRow, review: { recordedBy: string | null }) {
  return review.recordedBy === acting.viewer.id || leadsCase(acting, c);
}

async function reviewOf(tx: Queryable, c: CaseRow, reviewId: string): Promise<Review> {
  if (!isId(reviewId)) throw notFound("case review");
  const [review] = await tx
    .select()
    .from(caseReviews)
    .where(and(eq(caseReviews.id, reviewId), eq(caseReviews.caseId, c.id)))
    .for("update");
  if (!review) throw notFound("case review");
  return review;
}

function mustMayChange(acting: Acting, c: CaseRow, review: Review): void {
  if (!mayChangeReview(acting, c, review))
    throw forbidden("Only the person who recorded the review or a lead can change it.");
}

/** The correction page of one review. */
export async function getReview(tx: Queryable, acting: Acting, caseId: string, reviewId: string) {
  const c = await openCase(tx, acting, caseId);
  const review = await reviewOf(tx, c, reviewId);
  mustMayChange(acting, c, review);
  const [recorder] = review.recordedBy
    ? await tx.select({ name: users.name }).from(users).where(eq(users.id, review.recordedBy))
    : [];
  return {
    case: { ...caseHeading(c) },
    review: {
      id: review.id,
      heldOn: review.heldOn,
      attendees: review.attendees,
      decisions: review.decisions,
      actions: review.actions,
      recordedByName: recorder?.name ?? "A former member",
    },
    mayRemove: leadsCase(acting, c),
  };
}

/** Corrects a review's write-up; the audit names the changed fields, never what they said (it cannot be erased). */
export async function changeReview(
  tx: Queryable,
  acting: Acting,
  caseId: string,
  reviewId: string,
  input: ReviewInput,
): Promise<void> {
  const c = await openCase(tx, acting, caseId);
  mustBeOpen(c);
  const review = await reviewOf(tx, c, reviewId);
  mustMayChange(acting, c, review);
  const changes = changedFields(review, input);
  if (Object.keys(changes).length === 0) return;
  await tx.update(caseReviews).set(input).where(eq(caseReviews.id, review.id));
  await auditCase(tx, acting, c, "case_review.changed", {
    reviewId: review.id,
    fields: Object.keys(changes),
  });
  await touchCase(tx, c);
}

/** A lead removes a review recorded by mistake; the audit keeps when it was held, not what it said. */
export async function removeReview(
  tx: Queryable,
  acting: Acting,
  caseId: string,
  reviewId: string,
): Promise<void> {
  const c = await openCase(tx, acting, caseId);
  mustBeOpen(c);
  const review = await reviewOf(tx, c, reviewId);
  mustLead(acting, c, "remove a case review");
  await tx.delete(caseReviews).where(eq(caseReviews.id, review.id));
  await auditCase(tx, acting, c, "case_review.removed", {
    reviewId: review.id,
    removed: { heldOn: review.heldOn, recordedBy: review.recordedBy },
  });
  await touchCase(tx, c);
}

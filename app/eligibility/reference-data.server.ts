import { asc, eq, sql } from "drizzle-orm";
import { type Queryable, queryRows } from "~/db/database.server";
import {
  ineligibilityReasons,
  investigationCategories,
  settings,
  suspectedCauses,
} from "~/db/schema";

export interface Option {
  key: string;
  label: string;
  active: boolean;
}

/** The reference lists an assessment chooses from, in their order (inactive ones included, marked). */
export async function assessmentOptions(tx: Queryable) {
  // One after another: a transaction is one connection, and pg@9 refuses overlapping queries.
  const causes = await tx
    .select()
    .from(suspectedCauses)
    .orderBy(asc(suspectedCauses.position), asc(suspectedCauses.label));
  const reasons = await tx
    .select()
    .from(ineligibilityReasons)
    .orderBy(asc(ineligibilityReasons.position), asc(ineligibilityReasons.label));
  const categories = await tx
    .select()
    .from(investigationCategories)
    .orderBy(asc(investigationCategories.position), asc(investigationCategories.label));
  return { causes, reasons, categories };
}

export const ELIGIBLE_REQUIRES_REVIEW = "eligible_requires_review";

/** Which recommendations go to a second reviewer (see rules.needsReview). */
export async function reviewPolicy(tx: Queryable) {
  const reasons = await tx
    .select({ key: ineligibilityReasons.key })
    .from(ineligibilityReasons)
    .where(eq(ineligibilityReasons.requiresReview, true));
  const [setting] = await queryRows<{ value: unknown }>(
    tx,
    sql`select value from ${settings} where key = ${ELIGIBLE_REQUIRES_REVIEW}`,
  );
  return {
    reasonsRequiringReview: new Set(reasons.map((r) => r.key)),
    eligibleRequiresReview: setting?.value === true,
  };
}

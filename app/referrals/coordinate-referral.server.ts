import type { Acting } from "~/access/acting";
import type { Queryable } from "~/db/database.server";
import { conflict, invalid, notFound } from "~/errors/app-error";
import { lockCase, withdrawReferral } from "./case-returns.server";
import { loadOfferChoices } from "./get-referral-case.server";
import { type Context, lockOffer, makeOffer, withdrawOffer } from "./offers.server";
import { loadReferralCase } from "./referral-case.server";
import { type OfferFormInput, offerSchema } from "./schemas";

type Deliveries = { deliveries: (() => Promise<void>)[] };

/** A second offer made at the same moment by someone else: the open-offer index refuses it. */
function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } } | null;
  return e?.code === "23505" || e?.cause?.code === "23505";
}

/**
 * The coordinator's offer form, carried out: the choices it was made from (which projects
 * can be offered, which are not suggested, which documents are filed) are worked out again
 * from the database as it is now, and the suggestion's reasons are kept with the offer.
 */
export async function offerCase(
  tx: Queryable,
  acting: Acting,
  ctx: Context,
  applicationId: string,
  input: OfferFormInput,
): Promise<Deliveries> {
  const c = await loadReferralCase(tx, applicationId);
  const { suggestions, choices } = await loadOfferChoices(tx, c);
  const checked = offerSchema(choices).safeParse(input);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw invalid(issue?.message ?? "Check the offer and send it again.", {
      field: String(issue?.path[0] ?? ""),
    });
  }
  const v = checked.data;
  const chosen = suggestions.find((s) => s.project.id === v.projectId);
  try {
    const made = await makeOffer(tx, acting, ctx, {
      applicationId,
      projectId: v.projectId,
      summary: v.summary,
      documentIds: v.documentIds,
      includeAccount: v.includeAccount,
      expiresOn: v.expiresOn,
      matchReasons: chosen
        ? [
            ...chosen.reasons,
            ...(chosen.suitable ? [] : [`Offered anyway: ${chosen.against.join("; ")}`]),
          ]
        : [],
    });
    return { deliveries: made.deliveries };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw conflict("Someone offered this case to a project a moment ago: see the offer below.");
  }
}

/** Withdraws an open offer of this application's case (an offer of another case is not found). */
export async function withdrawOfferOf(
  tx: Queryable,
  acting: Acting,
  ctx: Context,
  applicationId: string,
  input: { offerId: string; reason: string },
): Promise<Deliveries> {
  const offer = await lockOffer(tx, input.offerId);
  if (offer.applicationId !== applicationId) throw notFound("offer");
  return withdrawOffer(tx, acting, ctx, input.offerId, input.reason);
}

/** Takes this application's case back from its project (another application's case is not found). */
export async function withdrawReferralOf(
  tx: Queryable,
  acting: Acting,
  ctx: Context,
  applicationId: string,
  input: { caseId: string; reason: string },
): Promise<Deliveries> {
  const projectCase = await lockCase(tx, input.caseId);
  if (projectCase.applicationId !== applicationId) throw notFound("case");
  return withdrawReferral(tx, acting, ctx, input.caseId, input.reason);
}

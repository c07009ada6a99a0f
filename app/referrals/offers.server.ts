import { and, eq, inArray } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { documents, organisations, referralOfferDocuments, referralOffers } from "~/db/schema";
import { conflict, invalid, notFound } from "~/errors/app-error";
import type { Mailer } from "~/mail/mailer.server";
import { today } from "~/shared/dates";
import { isId } from "~/shared/ids";
import { requireRefer } from "./guard";
import { notifyMembers } from "./notify.server";
import { loadReferralCase } from "./referral-case.server";

/** How long a project has to answer an offer, unless the coordinator sets another date. */
export const OFFER_DAYS = 21;

export function defaultExpiry(from = today(), days = OFFER_DAYS): string {
  const d = new Date(`${from}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export interface OfferInput {
  applicationId: string;
  projectId: string;
  summary: string;
  documentIds: string[];
  /** Send the applicant's own account (the questionnaire's answers) with the offer; yes unless said. */
  includeAccount?: boolean;
  expiresOn: string;
  /** The suggestion's reasons as the coordinator saw them, kept with the offer. */
  matchReasons?: string[];
}

export interface Context {
  mailer: Mailer;
  publicUrl: string;
}

/**
 * Offers an eligible case to one project, with a case summary, the decision's lines of
 * investigation, the applicant's own account (unless left out) and the documents chosen for
 * the case pack. One open offer per case at a
 * time (the database enforces it). The project's leads are told in the app and by e-mail.
 * Personal data leaves the network here: audited as a disclosure.
 */
export async function makeOffer(
  tx: Queryable,
  acting: Acting,
  ctx: Context,
  input: OfferInput,
): Promise<{ offerId: string; deliveries: (() => Promise<void>)[] }> {
  requireRefer(acting);
  const c = await loadReferralCase(tx, input.applicationId);
  if (c.application.state !== "awaiting_referral")
    throw invalid("This case is not awaiting referral.");
  if (input.expiresOn <= today())
    throw invalid("The offer must be open for at least a day.", { field: "expiresOn" });
  const [project] = await tx
    .select()
    .from(organisations)
    .where(and(eq(organisations.id, input.projectId), eq(organisations.kind, "project")));
  if (!project) throw invalid("Choose a member project.", { field: "projectId" });
  if (project.status !== "active")
    throw invalid(`${project.name} is ${project.status}: it cannot take new cases.`, {
      field: "projectId",
    });
  const [open] = await tx
    .select({ id: referralOffers.id })
    .from(referralOffers)
    .where(
      and(
        eq(referralOffers.applicationId, input.applicationId),
        eq(referralOffers.status, "offered"),
      ),
    );
  if (open)
    throw conflict(
      "This case is already offered to a project: wait for its answer or withdraw the offer.",
    );
  const docIds = [...new Set(input.documentIds)];
  if (docIds.length > 0) {
    const found = await tx
      .select({ id: documents.id })
      .from(documents)
      .where(and(inArray(documents.id, docIds), eq(documents.applicationId, input.applicationId)));
    if (found.length !== docIds.length)
      throw invalid("Choose documents filed on this application.", { field: "documentIds" });
  }
  const [offer] = await tx
    .insert(referralOffers)
    .values({
      organisationId: c.application.organisationId,
      applicationId: input.applicationId,
      assessmentId: c.assessment.id,
      projectId: project.id,
      summary: input.summary,
      includeAccount: input.includeAccount ?? true,
      matchReasons: input.matchReasons ?? [],
      expiresOn: input.expiresOn,
      offeredBy: acting.viewer.id,
    })
    .returning({ id: referralOffers.id });
  if (!offer) throw new Error("the offer was not created");
  if (docIds.length > 0)
    await tx
      .insert(referralOfferDocuments)
      .values(docIds.map((documentId) => ({ offerId: offer.id, documentId })));
  await recordAuditEvent(tx, actorOf(acting), {
    action: "referral.offered",
    entityType: "referral_offer",
    entityId: offer.id,
    subjectId: c.application.applicantId,
    organisationId: c.application.organisationId,
    details: {
      disclosure: true,
      disclosedTo: project.id,
      applicationId: input.applicationId,
      reference: c.application.reference,
      documentIds: docIds,
      includeAccount: input.includeAccount ?? true,
      expiresOn: input.expiresOn,
    },
  });
  const deliveries = await notifyMembers(
    tx,
    ctx.mailer,
    project.id,
    "respond:referral:own",
    {
      title: `A case is offered to ${project.name}: ${c.application.reference}`,
      body: `The network offers ${project.name} the case ${c.application.reference}. Read the case summary, the lines of investigation and the case pack, then accept or decline it by ${input.expiresOn}.`,
      link: `/offers/${offer.id}`,
    },
    ctx.publicUrl,
  );
  return { offerId: offer.id, deliveries };
}

/** The network takes back an offer the project has not answered yet. */
export async function withdrawOffer(
  tx: Queryable,
  acting: Acting,
  ctx: Context,
  offerId: string,
  reason: string,
): Promise<{ deliveries: (() => Promise<void>)[] }> {
  requireRefer(acting);
  const offer = await lockOffer(tx, offerId);
  if (offer.status !== "offered") throw invalid("Only an open offer can be withdrawn.");
  await tx
    .update(referralOffers)
    .set({ status: "withdrawn", withdrawnReason: reason, version: offer.version + 1 })
    .where(eq(referralOffers.id, offerId));
  await recordAuditEvent(tx, actorOf(acting), {
    action: "referral.offer_withdrawn",
    entityType: "referral_offer",
    entityId: offerId,
    organisationId: offer.organisationId,
    reason,
    details: { projectId: offer.projectId, applicationId: offer.applicationId },
  });
  const deliveries = await notifyMembers(
    tx,
    ctx.mailer,
    offer.projectId,
    "respond:referral:own",
    {
      title: "An offer to your project was withdrawn",
      body: `The network withdrew its offer of a case to your project. The reason given: ${reason}`,
      link: `/offers/${offerId}`,
    },
    ctx.publicUrl,
  );
  return { deliveries };
}

export async function lockOffer(tx: Queryable, offerId: string) {
  if (!isId(offerId)) throw notFound("offer");
  const [offer] = await tx
    .select()
    .from(referralOffers)
    .where(eq(referralOffers.id, offerId))
    .for("update");
  if (!offer) throw notFound("offer");
  return offer;
}

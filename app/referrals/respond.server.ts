import { eq, sql } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import { type Queryable, queryRows } from "~/db/database.server";
import {
  caseDocuments,
  caseLines,
  cases,
  documents,
  organisations,
  referralOfferDocuments,
  referralOffers,
} from "~/db/schema";
import type { DocumentStore } from "~/documents/storage.server";
import { invalid } from "~/errors/app-error";
import { today } from "~/shared/dates";
import { renderAcceptanceLetter } from "./acceptance-letter.server";
import { requireRespondFor } from "./guard";
import { notifyMembers } from "./notify.server";
import { loadOfferCase } from "./offer-case.server";
import { type Context, lockOffer } from "./offers.server";

/** A case's first annual report to the network is due a year after it was accepted. */
export function firstReportDue(from: string): string {
  const d = new Date(`${from}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * A test hook: the atomicity test (tests/integration/referral-kill.test.ts) sets
 * `afterWrites` in a child process to pause acceptance once every write is made — the case,
 * its lines and case pack (files included), the accepted offer, the referred application,
 * the filed letter, the audit event and the notifications — but before its transaction
 * commits, and kills the process there. Nothing in the application sets it.
 */
export const acceptanceHooks: { afterWrites?: () => Promise<void> } = {};

async function openOfferFor(tx: Queryable, acting: Acting, offerId: string) {
  const offer = await lockOffer(tx, offerId);
  requireRespondFor(acting, offer.projectId);
  if (offer.status !== "offered") throw invalid(`This offer has already been ${offer.status}.`);
  if (offer.expiresOn < today())
    throw invalid("This offer has expired: the network can offer the case again.");
  return offer;
}

/**
 * The project's lead accepts: in one transaction the project's case is made from copies of
 * the applicant, the conviction, the applicant's own account, the lines of investigation and
 * the case pack (each
 * document's bytes copied into a file of the project's own), the offer is accepted, the
 * application is referred and the applicant's letter filed. If anything fails — or the
 * process dies — nothing of it is committed, and files written are removed (or swept later).
 */
export async function acceptOffer(
  tx: Queryable,
  acting: Acting,
  store: DocumentStore,
  ctx: Context,
  offerId: string,
): Promise<{ caseId: string; deliveries: (() => Promise<void>)[] }> {
  const offer = await openOfferFor(tx, acting, offerId);
  const c = await loadOfferCase(tx, offerId);
  const [project] = await tx
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, offer.projectId));
  const accepted = today();
  const [created] = await tx
    .insert(cases)
    .values({
      organisationId: offer.projectId,
      offerId,
      applicationId: offer.applicationId,
      reference: c.reference,
      applicant: c.applicant,
      conviction: c.conviction,
      account: c.account ? { ...c.account } : null,
      summary: offer.summary,
      annualReportDueOn: firstReportDue(accepted),
      createdBy: acting.viewer.id,
    })
    .returning({ id: cases.id });
  if (!created) throw new Error("the case was not created");
  if (c.lines.length > 0)
    await tx.insert(caseLines).values(
      c.lines.map((l, position) => ({
        caseId: created.id,
        position,
        category: l.category,
        description: l.description,
        rationale: l.rationale,
        priority: l.priority,
      })),
    );
  const pack = await tx
    .select({
      id: documents.id,
      filename: documents.filename,
      mediaType: documents.mediaType,
      storageKey: documents.storageKey,
    })
    .from(referralOfferDocuments)
    .innerJoin(documents, eq(documents.id, referralOfferDocuments.documentId))
    .where(eq(referralOfferDocuments.offerId, offerId));
  for (const doc of pack) {
    const copy = await store.put(await store.get(doc.storageKey));
    await tx.insert(caseDocuments).values({
      caseId: created.id,
      sourceDocumentId: doc.id,
      filename: doc.filename,
      mediaType: doc.mediaType,
      byteSize: copy.byteSize,
      sha256: copy.sha256,
      storageKey: copy.storageKey,
      createdBy: acting.viewer.id,
    });
  }
  await tx
    .update(referralOffers)
    .set({
      status: "accepted",
      respondedBy: acting.viewer.id,
      respondedAt: new Date(),
      caseId: created.id,
      version: offer.version + 1,
    })
    .where(eq(referralOffers.id, offerId));
  const letter = await renderAcceptanceLetter(tx, c, project?.name ?? "the project", accepted);
  const stored = await store.put(letter.bytes);
  const [completed] = await queryRows<{ letter_id: string; subject_id: string }>(
    tx,
    sql`select letter_id, subject_id from app_complete_acceptance(${offerId}::uuid,
      ${letter.filename}, ${letter.mediaType}, ${stored.byteSize}, ${stored.sha256},
      ${stored.storageKey}, ${letter.summary})`,
  );
  if (!completed) throw new Error("the acceptance was not completed");
  await recordAuditEvent(tx, actorOf(acting), {
    action: "referral.accepted",
    entityType: "case",
    entityId: created.id,
    subjectId: completed.subject_id,
    organisationId: offer.projectId,
    details: {
      disclosure: true,
      disclosedBy: offer.organisationId,
      offerId,
      applicationId: offer.applicationId,
      reference: c.reference,
      documents: pack.map((d) => d.id),
      account: c.account !== null,
      lines: c.lines.length,
      letterId: completed.letter_id,
      letterTemplateVersion: letter.templateVersion,
    },
  });
  const deliveries = await notifyMembers(
    tx,
    ctx.mailer,
    offer.organisationId,
    "refer:application:any",
    {
      title: `${project?.name ?? "A project"} accepted ${c.reference}`,
      body: `${project?.name ?? "The project"} accepted the case ${c.reference}. The applicant has been sent a letter saying so.`,
      link: `/referrals/${offer.applicationId}`,
    },
    ctx.publicUrl,
  );
  await acceptanceHooks.afterWrites?.();
  return { caseId: created.id, deliveries };
}

/** The project's lead declines, with a reason; the case goes back to the coordinator. */
export async function declineOffer(
  tx: Queryable,
  acting: Acting,
  ctx: Context,
  offerId: string,
  reason: string,
): Promise<{ deliveries: (() => Promise<void>)[] }> {
  const offer = await openOfferFor(tx, acting, offerId);
  if (!reason.trim()) throw invalid("Say why the project declines.", { field: "reason" });
  await tx
    .update(referralOffers)
    .set({
      status: "declined",
      declineReason: reason,
      respondedBy: acting.viewer.id,
      respondedAt: new Date(),
      version: offer.version + 1,
    })
    .where(eq(referralOffers.id, offerId));
  await recordAuditEvent(tx, actorOf(acting), {
    action: "referral.declined",
    entityType: "referral_offer",
    entityId: offerId,
    organisationId: offer.projectId,
    reason,
    details: { applicationId: offer.applicationId },
  });
  const deliveries = await notifyMembers(
    tx,
    ctx.mailer,
    offer.organisationId,
    "refer:application:any",
    {
      title: "An offer was declined",
      body: `A project declined the case offered to it. The reason given: ${reason}`,
      link: `/referrals/${offer.applicationId}`,
    },
    ctx.publicUrl,
  );
  return { deliveries };
}

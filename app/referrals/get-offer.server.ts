import { and, eq } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { documents, organisations, referralOfferDocuments, referralOffers } from "~/db/schema";
import type { DocumentStore } from "~/documents/storage.server";
import { notFound } from "~/errors/app-error";
import { today } from "~/shared/dates";
import { isId } from "~/shared/ids";
import { categoryLabels } from "./category-labels.server";
import { loadOfferCase, type OfferCase } from "./offer-case.server";
import { offerProjectIds } from "./project-scope";

/** An offer made to one of the user's projects, or "not found" (never "forbidden": it says nothing). */
async function offerFor(tx: Queryable, acting: Acting, offerId: string) {
  if (!isId(offerId)) throw notFound("offer");
  const [offer] = await tx
    .select({
      id: referralOffers.id,
      organisationId: referralOffers.organisationId,
      applicationId: referralOffers.applicationId,
      projectId: referralOffers.projectId,
      projectName: organisations.name,
      status: referralOffers.status,
      summary: referralOffers.summary,
      offeredAt: referralOffers.offeredAt,
      expiresOn: referralOffers.expiresOn,
      respondedAt: referralOffers.respondedAt,
      declineReason: referralOffers.declineReason,
      withdrawnReason: referralOffers.withdrawnReason,
      caseId: referralOffers.caseId,
    })
    .from(referralOffers)
    .innerJoin(organisations, eq(organisations.id, referralOffers.projectId))
    .where(eq(referralOffers.id, offerId));
  if (!offer || !offerProjectIds(acting.viewer).includes(offer.projectId)) throw notFound("offer");
  return offer;
}

export interface OfferView {
  offer: {
    id: string;
    projectName: string;
    status: (typeof referralOffers.$inferSelect)["status"];
    offeredOn: string;
    expiresOn: string;
    /** Still open, and not past its expiry: the lead can answer it. */
    answerable: boolean;
    respondedOn: string | null;
    declineReason: string | null;
    withdrawnReason: string | null;
    caseId: string | null;
  };
  reference: string;
  /** The case as offered: only while the offer is open. */
  details: {
    summary: string;
    applicant: OfferCase["applicant"];
    conviction: OfferCase["conviction"];
    account: OfferCase["account"];
    lines: (OfferCase["lines"][number] & { categoryLabel: string })[];
    documents: { id: string; filename: string; mediaType: string; byteSize: number }[];
  } | null;
}

/**
 * An offer as its project's lead sees it. While it is open: the case summary, the applicant,
 * the conviction, the lines of investigation and the case pack; once answered, only what
 * happened to it (the applicant's details stay with the network unless the case was taken).
 * Every viewing is audited as a view of what the network disclosed.
 */
export async function getOffer(tx: Queryable, acting: Acting, offerId: string): Promise<OfferView> {
  const offer = await offerFor(tx, acting, offerId);
  const c = await loadOfferCase(tx, offerId);
  const open = offer.status === "offered";
  let details: OfferView["details"] = null;
  if (open) {
    const pack = await tx
      .select({
        id: documents.id,
        filename: documents.filename,
        mediaType: documents.mediaType,
        byteSize: documents.byteSize,
      })
      .from(referralOfferDocuments)
      .innerJoin(documents, eq(documents.id, referralOfferDocuments.documentId))
      .where(eq(referralOfferDocuments.offerId, offerId))
      .orderBy(documents.createdAt);
    const labels = await categoryLabels(
      tx,
      c.lines.map((l) => l.category),
    );
    details = {
      summary: offer.summary,
      applicant: c.applicant,
      conviction: c.conviction,
      account: c.account,
      lines: c.lines.map((l) => ({ ...l, categoryLabel: labels[l.category] ?? l.category })),
      documents: pack,
    };
  }
  await recordAuditEvent(tx, actorOf(acting), {
    action: "referral.offer_viewed",
    entityType: "referral_offer",
    entityId: offer.id,
    organisationId: offer.projectId,
    details: {
      disclosure: open,
      disclosedBy: offer.organisationId,
      applicationId: offer.applicationId,
      reference: c.reference,
      status: offer.status,
    },
  });
  return {
    offer: {
      id: offer.id,
      projectName: offer.projectName,
      status: offer.status,
      offeredOn: offer.offeredAt.toISOString().slice(0, 10),
      expiresOn: offer.expiresOn,
      answerable: open && offer.expiresOn >= today(),
      respondedOn: offer.respondedAt?.toISOString().slice(0, 10) ?? null,
      declineReason: offer.declineReason,
      withdrawnReason: offer.withdrawnReason,
      caseId: offer.caseId,
    },
    reference: c.reference,
    details,
  };
}

export interface OpenedFile {
  filename: string;
  mediaType: string;
  bytes: Buffer;
}

/**
 * A case-pack document, decrypted, for a lead of the project it is offered to, while the
 * offer is open (row-level security says the same: app_case_pack). Audited as a view of a
 * document the network disclosed to the project.
 */
export async function openOfferDocument(
  tx: Queryable,
  acting: Acting,
  store: DocumentStore,
  offerId: string,
  documentId: string,
): Promise<OpenedFile> {
  const offer = await offerFor(tx, acting, offerId);
  if (offer.status !== "offered" || !isId(documentId)) throw notFound("document");
  const [doc] = await tx
    .select({
      id: documents.id,
      applicantId: documents.applicantId,
      kind: documents.kind,
      filename: documents.filename,
      mediaType: documents.mediaType,
      storageKey: documents.storageKey,
    })
    .from(referralOfferDocuments)
    .innerJoin(documents, eq(documents.id, referralOfferDocuments.documentId))
    .where(
      and(
        eq(referralOfferDocuments.offerId, offerId),
        eq(referralOfferDocuments.documentId, documentId),
      ),
    );
  if (!doc) throw notFound("document");
  const bytes = await store.get(doc.storageKey);
  await recordAuditEvent(tx, actorOf(acting), {
    action: "document.viewed",
    entityType: "document",
    entityId: doc.id,
    subjectId: doc.applicantId,
    organisationId: offer.projectId,
    details: {
      disclosure: true,
      disclosedBy: offer.organisationId,
      disclosedTo: offer.projectId,
      offerId,
      applicationId: offer.applicationId,
      kind: doc.kind,
    },
  });
  return { filename: doc.filename, mediaType: doc.mediaType, bytes };
}

import { asc, count, desc, eq, inArray } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { can } from "~/access/viewer";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import {
  cases,
  investigationCategories,
  investigationLines,
  organisations,
  referralOfferDocuments,
  referralOffers,
  suspectedCauses,
} from "~/db/schema";
import { FLAGS } from "~/eligibility/rules";
import { COURT_TYPE_LABELS, JURISDICTION_LABELS, OFFENCE_TYPES } from "~/eligibility/schemas";
import { staffNames } from "~/eligibility/staff-names.server";
import { forbidden } from "~/errors/app-error";
import { listApplicationDocuments } from "~/intake/entry/get-application.server";
import { ACTIVE_CASE_STAGES } from "./case-returns.server";
import { defaultExpiry } from "./offers.server";
import { loadReferralCase, type ReferralCase } from "./referral-case.server";
import type { OfferChoices } from "./schemas";
import { suggestProjects } from "./suggest-projects.server";
import type { Suggestion } from "./suggestions";

const label = (labels: Record<string, string>, key: string | null) =>
  key ? (labels[key] ?? key) : null;

const dayOf = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/** The case summary the offer form starts with: the conviction and the assessment's reasons. */
export function draftSummary(c: ReferralCase): string {
  const a = c.assessment;
  const conviction = [
    a.offences,
    a.courtName ? `at ${a.courtName}` : null,
    a.convictionDate ? `convicted on ${a.convictionDate}` : null,
    a.sentence ? `sentence: ${a.sentence}` : null,
  ]
    .filter(Boolean)
    .join(", ");
  return [
    conviction ? `The conviction: ${conviction}.` : null,
    a.couldBeInnocentReasons
      ? `Why the applicant could be innocent:\n${a.couldBeInnocentReasons}`
      : null,
    a.canBeInvestigatedReasons ? `What can be investigated:\n${a.canBeInvestigatedReasons}` : null,
  ]
    .filter(Boolean)
    .join("\n\n");
}

/** What the offer form may choose from, worked out from the suggestions and the documents. */
export function offerChoices(
  suggestions: readonly Suggestion[],
  documentIds: readonly string[],
): OfferChoices {
  const offerable = suggestions.filter((s) => s.project.status === "active");
  return {
    offerable: offerable.map((s) => s.project.id),
    unsuitable: offerable.filter((s) => !s.suitable).map((s) => s.project.id),
    documents: [...documentIds],
  };
}

/** The suggestions and documents of a case, for the offer form's choices. */
export async function loadOfferChoices(tx: Queryable, c: ReferralCase) {
  const suggestions = await suggestProjects(tx, c);
  const documents = await listApplicationDocuments(tx, c.application.id);
  return {
    suggestions,
    documents,
    choices: offerChoices(
      suggestions,
      documents.map((d) => d.id),
    ),
  };
}

/** Every offer of one application, newest first, with the project's name. */
export async function listOffers(tx: Queryable, applicationId: string) {
  const rows = await tx
    .select({
      id: referralOffers.id,
      projectId: referralOffers.projectId,
      projectName: organisations.name,
      status: referralOffers.status,
      summary: referralOffers.summary,
      offeredBy: referralOffers.offeredBy,
      offeredAt: referralOffers.offeredAt,
      expiresOn: referralOffers.expiresOn,
      respondedAt: referralOffers.respondedAt,
      declineReason: referralOffers.declineReason,
      withdrawnReason: referralOffers.withdrawnReason,
      matchReasons: referralOffers.matchReasons,
    })
    .from(referralOffers)
    .innerJoin(organisations, eq(organisations.id, referralOffers.projectId))
    .where(eq(referralOffers.applicationId, applicationId))
    .orderBy(desc(referralOffers.offeredAt));
  const ids = rows.map((r) => r.id);
  const packs = ids.length
    ? await tx
        .select({ offerId: referralOfferDocuments.offerId, n: count() })
        .from(referralOfferDocuments)
        .where(inArray(referralOfferDocuments.offerId, ids))
        .groupBy(referralOfferDocuments.offerId)
    : [];
  const packSize = new Map(packs.map((p) => [p.offerId, p.n]));
  return rows.map((r) => ({
    ...r,
    offeredOn: dayOf(r.offeredAt) ?? "",
    respondedOn: dayOf(r.respondedAt),
    documents: packSize.get(r.id) ?? 0,
  }));
}

/** The case's history at projects: each project's case made from an accepted offer. */
export async function listCasesOf(tx: Queryable, applicationId: string) {
  const rows = await tx
    .select({
      id: cases.id,
      projectName: organisations.name,
      stage: cases.stage,
      outcome: cases.outcome,
      createdAt: cases.createdAt,
      endedAt: cases.endedAt,
      endedReason: cases.endedReason,
      handoverNote: cases.handoverNote,
    })
    .from(cases)
    .innerJoin(organisations, eq(organisations.id, cases.organisationId))
    .where(eq(cases.applicationId, applicationId))
    .orderBy(desc(cases.createdAt));
  return rows.map((r) => ({
    id: r.id,
    projectName: r.projectName,
    stage: r.stage,
    outcome: r.outcome,
    acceptedOn: dayOf(r.createdAt) ?? "",
    endedOn: dayOf(r.endedAt),
    endedReason: r.endedReason,
    handoverNote: r.handoverNote,
    active: (ACTIVE_CASE_STAGES as readonly string[]).includes(r.stage),
  }));
}

/**
 * The case for referral, for the coordinator's page: the eligible decision, the conviction,
 * the lines of investigation, the suggested projects, every offer and every case at a
 * project. Opening it is a view of the applicant's file, and audited.
 */
export async function getReferralCase(tx: Queryable, acting: Acting, applicationId: string) {
  if (!can(acting.viewer, "view:application:any"))
    throw forbidden("You do not have access to referrals.");
  const c = await loadReferralCase(tx, applicationId);
  const a = c.assessment;
  await recordAuditEvent(tx, actorOf(acting), {
    action: "application.viewed",
    entityType: "application",
    entityId: c.application.id,
    subjectId: c.application.applicantId,
    organisationId: c.application.organisationId,
    details: { page: "referral" },
  });
  const lines = await tx
    .select({
      id: investigationLines.id,
      category: investigationLines.category,
      categoryLabel: investigationCategories.label,
      description: investigationLines.description,
      rationale: investigationLines.rationale,
      priority: investigationLines.priority,
    })
    .from(investigationLines)
    .leftJoin(investigationCategories, eq(investigationCategories.key, investigationLines.category))
    .where(eq(investigationLines.assessmentId, a.id))
    .orderBy(asc(investigationLines.position));
  const causes = a.suspectedCauses.length
    ? await tx
        .select({ key: suspectedCauses.key, label: suspectedCauses.label })
        .from(suspectedCauses)
        .where(inArray(suspectedCauses.key, a.suspectedCauses))
    : [];
  const people = await staffNames(tx);
  const { suggestions, documents, choices } = await loadOfferChoices(tx, c);
  const offers = await listOffers(tx, c.application.id);
  const projectCases = await listCasesOf(tx, c.application.id);
  return {
    application: {
      id: c.application.id,
      reference: c.application.reference,
      state: c.application.state,
      receivedOn: c.application.receivedOn,
    },
    applicant: {
      fullName: c.applicant.fullName,
      prisonerNumber: c.applicant.prisonerNumber,
      establishment: c.establishment,
    },
    decision: {
      assessmentId: a.id,
      decidedOn: dayOf(a.decidedAt),
      decidedBy: a.decidedBy ? (people[a.decidedBy] ?? "Someone no longer on file") : null,
      couldBeInnocentReasons: a.couldBeInnocentReasons,
      canBeInvestigatedReasons: a.canBeInvestigatedReasons,
      causes: a.suspectedCauses.map((k) => causes.find((x) => x.key === k)?.label ?? k),
      flags: a.flags.map((f) => (FLAGS as Record<string, string>)[f] ?? f),
    },
    conviction: {
      offences: a.offences,
      offenceType: label(OFFENCE_TYPES, a.offenceType),
      court:
        [label(COURT_TYPE_LABELS, a.courtType), a.courtName].filter(Boolean).join(": ") || null,
      jurisdiction: label(JURISDICTION_LABELS, a.jurisdiction),
      convictionDate: a.convictionDate,
      sentence: a.sentence,
      tariff: a.tariff,
    },
    lines: lines.map((l) => ({ ...l, categoryLabel: l.categoryLabel ?? l.category })),
    suggestions,
    choices,
    documents,
    offers: offers.map((o) => ({
      ...o,
      offeredByName: people[o.offeredBy] ?? "Someone no longer on file",
    })),
    cases: projectCases,
    defaults: { summary: draftSummary(c), expiresOn: defaultExpiry() },
  };
}

export type ReferralCasePage = Awaited<ReturnType<typeof getReferralCase>>;

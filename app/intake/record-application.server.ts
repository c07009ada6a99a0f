import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Actor } from "~/audit/record-audit-event.server";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import { type Queryable, queryRows } from "~/db/database.server";
import { applicantMoves, applicants, applications } from "~/db/schema";
import { addWorkingDays } from "~/shared/dates";
import type { ApplicantInput } from "./applicant-schema";
import type { Questionnaire } from "./questionnaire";
import { allocateReferences } from "./references.server";
import { acknowledgementTargetDays } from "./settings.server";

export type Channel = (typeof applications.$inferInsert)["channel"];

export interface RecordApplicationInput {
  /** An existing applicant (a re-application), or the details of a new one. */
  applicant: { id: string } | ApplicantInput;
  channel: Channel;
  receivedOn: string;
  questionnaire: Questionnaire;
  consentSigned?: boolean;
  consentSignedOn?: string;
  submittedBy?: Record<string, unknown>;
  assigneeId?: string | null;
  importKey?: string;
  isDraft?: boolean;
  /** A reference already set aside for it (an online application saved to finish later). */
  reference?: string;
}

export interface RecordedApplication {
  applicationId: string;
  applicantId: string;
  reference: string;
}

/** The network: applications belong to it. */
export async function networkId(tx: Queryable): Promise<string> {
  const [row] = await queryRows<{ id: string | null }>(tx, sql`select app_network_id() as id`);
  if (!row?.id)
    throw new Error(
      "There is no network organisation: run the migrations and set up the network first.",
    );
  return row.id;
}

/**
 * Records one application (and, for a first application, its applicant) with a new
 * reference, its acknowledgement due date, and audit events for both. `actor.userId` is
 * null for an online application, which runs as the system.
 */
export async function recordApplication(
  tx: Queryable,
  actor: Actor,
  input: RecordApplicationInput,
): Promise<RecordedApplication> {
  const organisationId = await networkId(tx);
  let applicantId: string;
  if ("id" in input.applicant) {
    applicantId = input.applicant.id;
  } else {
    const a = input.applicant;
    applicantId = randomUUID();
    await tx.insert(applicants).values({
      id: applicantId,
      organisationId,
      fullName: a.fullName,
      aliases: a.aliases,
      dateOfBirth: a.dateOfBirth ?? null,
      prisonerNumber: a.prisonerNumber ?? null,
      otherPrisonerNumber: a.otherPrisonerNumber ?? null,
      currentEstablishmentId: a.establishmentId ?? null,
      postalAddress: a.postalAddress ?? null,
      largePrint: a.largePrint,
      language: a.language ?? null,
      legalCorrespondence: a.legalCorrespondence,
    });
    if (a.establishmentId) {
      await tx
        .insert(applicantMoves)
        .values({ applicantId, establishmentId: a.establishmentId, fromDate: input.receivedOn });
    }
    await recordAuditEvent(tx, actor, {
      action: "applicant.created",
      entityType: "applicant",
      entityId: applicantId,
      subjectId: applicantId,
      organisationId,
      details: { channel: input.channel },
    });
  }
  const [reference] = input.reference
    ? [input.reference]
    : await allocateReferences(tx, Number(input.receivedOn.slice(0, 4)));
  if (!reference) throw new Error("no reference allocated");
  const applicationId = randomUUID();
  const q = input.questionnaire;
  await tx.insert(applications).values({
    id: applicationId,
    organisationId,
    reference,
    applicantId,
    channel: input.channel,
    receivedOn: input.receivedOn,
    recordedBy: actor.userId,
    acknowledgementDueOn: addWorkingDays(input.receivedOn, await acknowledgementTargetDays(tx)),
    questionnaire: q,
    offence: q.offences ?? null,
    court: q.court ?? null,
    convictionDate: q.convictionDate ?? null,
    consentSigned: input.consentSigned ?? false,
    consentSignedOn: input.consentSignedOn ?? null,
    submittedBy: input.submittedBy ?? null,
    assigneeId: input.assigneeId ?? null,
    importKey: input.importKey ?? null,
    isDraft: input.isDraft ?? false,
  });
  await recordAuditEvent(tx, actor, {
    action: "application.created",
    entityType: "application",
    entityId: applicationId,
    subjectId: applicantId,
    organisationId,
    details: { reference, channel: input.channel, receivedOn: input.receivedOn },
  });
  return { applicationId, applicantId, reference };
}

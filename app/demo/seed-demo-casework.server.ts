import { and, eq, sql } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import { saveEvidence } from "~/casework/evidence/evidence.server";
import { EvidenceSchema } from "~/casework/evidence/evidence-schemas";
import { addNote } from "~/casework/notes/notes.server";
import { endOfAcademicYear } from "~/casework/team/academic-year";
import { assignToCase } from "~/casework/team/case-team.server";
import { TimeEntrySchema } from "~/casework/time/schemas";
import { addTimeEntry } from "~/casework/time/time.server";
import type { Tx } from "~/db/database.server";
import { applicants, applications, organisations } from "~/db/schema";
import type { DocumentStore } from "~/documents/storage.server";
import type { Mailer } from "~/mail/mailer.server";
import { defaultExpiry, makeOffer } from "~/referrals/offers.server";
import { acceptOffer } from "~/referrals/respond.server";
import { today } from "~/shared/dates";
import { actingAs } from "./acting-as.server";
import { REFERRED, SCOTTISH } from "./demo-eligibility-applications";

/** The project that works the demo's referred case. */
export const DEMO_CASE_PROJECT = "Ashdown University Innocence Project";

/** The Scottish project, which takes the demo's Scottish case. */
export const DEMO_SCOTTISH_PROJECT = "Glenmorra Miscarriages of Justice Project";

/**
 * The domain functions below run in the seed's owner transaction; the checked database
 * functions they call (acceptance) read the acting user from `app.user_id`, as a request's
 * transaction would have it.
 */
async function as(tx: Tx, acting: Acting): Promise<Acting> {
  await tx.execute(sql`select set_config('app.user_id', ${acting.viewer.id}, true)`);
  return acting;
}

/**
 * A case already at work, so a lead or caseworker signing in to the demo finds one: the
 * demo coordinator offers Dorian Pryce's eligible case to Ashdown, Ashdown's lead accepts it
 * and puts the demo caseworker on its team, who has recorded an informant's evidence, an hour
 * and a half of work and a draft letter waiting for the lead's sign-off. Everything goes
 * through the domain functions, as the people would have done it. E-mails wait in the outbox.
 */
export async function seedDemoCasework(
  tx: Tx,
  store: DocumentStore,
  ctx: { mailer: Mailer; publicUrl: string },
  emails: { coordinator: string; lead: string; caseworker: string; scottishLead: string },
): Promise<string> {
  const [application] = await tx
    .select({ id: applications.id })
    .from(applications)
    .innerJoin(applicants, eq(applicants.id, applications.applicantId))
    .where(
      and(
        eq(applicants.prisonerNumber, REFERRED.prisonerNumber ?? ""),
        eq(applications.state, "awaiting_referral"),
      ),
    );
  const [project] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.name, DEMO_CASE_PROJECT));
  if (!application || !project) throw new Error("the demo's referred case is missing");

  const coordinator = await as(tx, await actingAs(tx, emails.coordinator));
  const { offerId } = await makeOffer(tx, coordinator, ctx, {
    applicationId: application.id,
    projectId: project.id,
    summary:
      "Murder conviction resting on a cell confession reported by an informant and on cell-site evidence. Two lines: what the informant was given, and an independent review of the cell-site evidence.",
    documentIds: [],
    expiresOn: defaultExpiry(),
  });

  const lead = await as(tx, await actingAs(tx, emails.lead));
  const { caseId } = await acceptOffer(tx, lead, store, ctx, offerId);
  const caseworker = await actingAs(tx, emails.caseworker);
  await assignToCase(tx, lead, caseId, {
    userId: caseworker.viewer.id,
    endsOn: endOfAcademicYear(today()),
  });

  await as(tx, caseworker);
  await saveEvidence(
    tx,
    caseworker,
    caseId,
    EvidenceSchema.parse({
      kind: "informant",
      description:
        "A remand prisoner who shared a cell with the applicant told the police the applicant had confessed to the killing.",
      source: "Prosecution witness statement, 12 May 2010",
      usedAtTrial: "yes",
      howChallenged:
        "Cross-examined on his record; the jury was not told of any benefit he received.",
      fallibility: ["unreliable_informant", "non_disclosure"],
    }),
  );
  await addTimeEntry(
    tx,
    caseworker,
    caseId,
    TimeEntrySchema.parse({
      workedOn: today(),
      hours: "1",
      minutes: "30",
      activity: "Read the appeal judgment and listed the papers to request",
    }),
  );
  await addNote(tx, caseworker, caseId, {
    body: "Draft letter to the CPS asking whether the informant's sentence was reduced after he gave evidence. Please check before it goes.",
    needsSignOff: true,
  });
  await referScottishCase(tx, store, ctx, emails);
  return caseId;
}

/**
 * Euan Drummond's case, which his sister applied for online, offered to Glenmorra with the
 * applicant's own account (the offer form's default) and accepted by its lead: the case file
 * then holds the family's account, his Scottish prisoner number and his 2018 appeal.
 */
async function referScottishCase(
  tx: Tx,
  store: DocumentStore,
  ctx: { mailer: Mailer; publicUrl: string },
  emails: { coordinator: string; scottishLead: string },
): Promise<void> {
  const [application] = await tx
    .select({ id: applications.id })
    .from(applications)
    .innerJoin(applicants, eq(applicants.id, applications.applicantId))
    .where(
      and(eq(applicants.fullName, SCOTTISH.name), eq(applications.state, "awaiting_referral")),
    );
  const [project] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.name, DEMO_SCOTTISH_PROJECT));
  if (!application || !project) throw new Error("the demo's Scottish case is missing");
  const coordinator = await as(tx, await actingAs(tx, emails.coordinator));
  const { offerId } = await makeOffer(tx, coordinator, ctx, {
    applicationId: application.id,
    projectId: project.id,
    summary:
      "Murder conviction at the High Court of Justiciary resting on one night-time street identification. His sister and her neighbour say he was with them; neither was called.",
    documentIds: [],
    expiresOn: defaultExpiry(),
  });
  const lead = await as(tx, await actingAs(tx, emails.scottishLead));
  await acceptOffer(tx, lead, store, ctx, offerId);
}

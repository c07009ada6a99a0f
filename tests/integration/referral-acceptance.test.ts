import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, asc, eq, inArray, like, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { endOfAcademicYear } from "~/casework/team/academic-year";
import { assignToCase } from "~/casework/team/case-team.server";
import { asUser, type Database, queryRows, toInt } from "~/db/database.server";
import {
  applications,
  auditEvents,
  caseDocuments,
  caseLines,
  cases,
  correspondence,
  documents,
  notifications,
  referralOffers,
} from "~/db/schema";
import { claimDocumentFolder } from "~/documents/folder-identity.server";
import { createDocumentStore, type DocumentStore } from "~/documents/storage.server";
import { ORPHAN_MIN_AGE_MS, sweepOrphanFiles } from "~/housekeeping/orphan-sweep.server";
import { closeProject } from "~/referrals/closure.server";
import { fileProjectClosedLetter } from "~/referrals/closure-letter.server";
import { defaultExpiry, makeOffer } from "~/referrals/offers.server";
import { acceptOffer, declineOffer } from "~/referrals/respond.server";
import { today } from "~/shared/dates";
import { expectRefused } from "../support/errors";
import { NEEDS_PDFTOTEXT, PDFTOTEXT, pdfText } from "../support/read-documents";
import {
  createEligibleCase,
  createReferralPeople,
  type EligibleCase,
  LINES,
  type ReferralPeople,
  referralContext,
} from "../support/referral-scenario";
import { createTestDatabase } from "../support/test-database";

/**
 * A case offered to one project, declined, offered to another and accepted: the second
 * project's case is made in full from copies, the network's side is completed, and each
 * project sees only what is its own — tried in raw SQL as clearname_app.
 */
let database: Database;
let people: ReferralPeople;
let eligible: EligibleCase;
let store: DocumentStore;
let storeDir: string;
const SECRET = "referral-acceptance-secret-0123456789";

let firstOfferId: string;
let secondOfferId: string;
let caseId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  storeDir = fs.mkdtempSync(path.join(os.tmpdir(), "clearname-referral-"));
  await claimDocumentFolder(database.db, storeDir);
  store = createDocumentStore(storeDir, SECRET);
  people = await createReferralPeople(database.db);
  eligible = await createEligibleCase(database.db, people, store);

  const ctx = referralContext(database.db);
  const { coordinator } = people;
  const offerTo = (projectId: string) =>
    asUser(database.db, coordinator.id, (tx) =>
      makeOffer(tx, coordinator.acting, ctx, {
        applicationId: eligible.applicationId,
        projectId,
        summary: "Robbery conviction resting on one night-time identification.",
        documentIds: [eligible.documentId],
        expiresOn: defaultExpiry(),
      }),
    );
  firstOfferId = (await offerTo(people.first.id)).offerId;
  const firstLead = people.first.lead;
  await asUser(database.db, firstLead.id, (tx) =>
    declineOffer(tx, firstLead.acting, ctx, firstOfferId, "No forensic supervisor this year."),
  );
  secondOfferId = (await offerTo(people.second.id)).offerId;
  const secondLead = people.second.lead;
  caseId = (
    await asUser(database.db, secondLead.id, (tx) =>
      acceptOffer(tx, secondLead.acting, store, ctx, secondOfferId),
    )
  ).caseId;
}, 120_000);
afterAll(async () => {
  await database?.close();
  if (storeDir) fs.rmSync(storeDir, { recursive: true, force: true });
});

/** Raw SQL as clearname_app for `userId`: no application code filters anything. */
const rawAs = <T>(userId: string, query: ReturnType<typeof sql>) =>
  asUser(database.db, userId, (tx) => queryRows<T>(tx, query));
const countAs = async (userId: string, query: ReturnType<typeof sql>) =>
  toInt((await rawAs<{ n: number }>(userId, query))[0]?.n ?? 0);

describe("accepting an offer after another project declined it", () => {
  it("records the decline with its reason, and the acceptance", async () => {
    const offers = await database.db
      .select()
      .from(referralOffers)
      .where(eq(referralOffers.applicationId, eligible.applicationId))
      .orderBy(asc(referralOffers.offeredAt));
    expect(offers.map((o) => [o.projectId, o.status])).toEqual([
      [people.first.id, "declined"],
      [people.second.id, "accepted"],
    ]);
    expect(offers[0]).toMatchObject({
      declineReason: "No forensic supervisor this year.",
      respondedBy: people.first.lead.id,
      caseId: null,
    });
    expect(offers[1]).toMatchObject({ respondedBy: people.second.lead.id, caseId });
  });

  it("makes the second project's case with the applicant, the conviction and every line", async () => {
    const [c] = await database.db.select().from(cases).where(eq(cases.id, caseId));
    expect(c).toMatchObject({
      organisationId: people.second.id,
      offerId: secondOfferId,
      applicationId: eligible.applicationId,
      reference: eligible.reference,
      stage: "open",
      createdBy: people.second.lead.id,
    });
    expect(c?.applicant).toMatchObject({
      fullName: eligible.fullName,
      prisonerNumber: "A4321ZX",
      establishment: "HMP/YOI Altcourse",
      largePrint: true,
      legalCorrespondence: true,
    });
    expect(c?.conviction).toMatchObject({ offences: "Robbery", jurisdiction: "england_wales" });
    const lines = await database.db
      .select()
      .from(caseLines)
      .where(eq(caseLines.caseId, caseId))
      .orderBy(asc(caseLines.position));
    expect(lines.map((l) => [l.category, l.description, l.priority, l.status])).toEqual(
      LINES.map((l) => [l.category, l.description, l.priority, "not_started"]),
    );
  });

  it("copies the case pack into a file of the project's own, byte for byte", async () => {
    const [source] = await database.db
      .select()
      .from(documents)
      .where(eq(documents.id, eligible.documentId));
    const copies = await database.db
      .select()
      .from(caseDocuments)
      .where(eq(caseDocuments.caseId, caseId));
    expect(copies).toHaveLength(1);
    const [copy] = copies;
    expect(copy).toMatchObject({
      sourceDocumentId: eligible.documentId,
      filename: "witness-statement.pdf",
      mediaType: "application/pdf",
      sha256: source?.sha256,
      byteSize: eligible.packBytes.byteLength,
    });
    expect(copy?.storageKey).not.toBe(source?.storageKey);
    expect(await store.get(copy?.storageKey ?? "")).toEqual(eligible.packBytes);
    // The network's own file is untouched.
    expect(await store.get(source?.storageKey ?? "")).toEqual(eligible.packBytes);
  });

  it("refers the application and files the applicant's letter, with its correspondence entry", async () => {
    const [app] = await database.db
      .select()
      .from(applications)
      .where(eq(applications.id, eligible.applicationId));
    expect(app?.state).toBe("referred");
    const letters = await database.db
      .select()
      .from(documents)
      .where(
        and(
          eq(documents.applicationId, eligible.applicationId),
          like(documents.filename, "%referral_accepted%"),
        ),
      );
    expect(letters).toHaveLength(1);
    const [letter] = letters;
    expect(letter).toMatchObject({
      kind: "letter_out",
      filename: `${eligible.reference}-referral_accepted.pdf`,
      mediaType: "application/pdf",
      applicantId: eligible.applicantId,
      createdBy: people.second.lead.id,
    });
    const [entry] = await database.db
      .select()
      .from(correspondence)
      .where(eq(correspondence.documentId, letter?.id ?? ""));
    expect(entry).toMatchObject({
      direction: "out",
      kind: "letter",
      applicationId: eligible.applicationId,
      summary: "Referral accepted letter (PDF), marked Legal Correspondence, large print",
    });
    const bytes = await store.get(letter?.storageKey ?? "");
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
  });

  it.skipIf(!PDFTOTEXT)(
    `names the project and the reference in the letter (${NEEDS_PDFTOTEXT})`,
    async () => {
      const [letter] = await database.db
        .select()
        .from(documents)
        .where(
          and(
            eq(documents.applicationId, eligible.applicationId),
            like(documents.filename, "%referral_accepted%"),
          ),
        );
      const text = pdfText(await store.get(letter?.storageKey ?? "")).replace(/\s+/g, " ");
      expect(text).toContain("LEGAL CORRESPONDENCE");
      expect(text).toContain(`${people.second.name} has agreed to look into your case`);
      expect(text).toContain(eligible.reference);
      expect(text).toContain(eligible.fullName);
      expect(text).not.toContain(people.first.name);
    },
  );

  it("audits the offers and the acceptance as disclosures, the decline with its reason", async () => {
    const events = await database.db
      .select()
      .from(auditEvents)
      .where(inArray(auditEvents.entityId, [firstOfferId, secondOfferId, caseId]))
      .orderBy(asc(auditEvents.seq));
    const byAction = (action: string) => events.filter((e) => e.action === action);
    expect(byAction("referral.offered")).toHaveLength(2);
    for (const e of byAction("referral.offered")) expect(e.details.disclosure).toBe(true);
    expect(byAction("referral.declined")[0]).toMatchObject({
      actorUserId: people.first.lead.id,
      reason: "No forensic supervisor this year.",
    });
    const [accepted] = byAction("referral.accepted");
    expect(accepted).toMatchObject({
      actorUserId: people.second.lead.id,
      entityType: "case",
      entityId: caseId,
      subjectId: eligible.applicantId,
      organisationId: people.second.id,
    });
    expect(accepted?.details).toMatchObject({
      disclosure: true,
      disclosedBy: people.networkId,
      offerId: secondOfferId,
      reference: eligible.reference,
      documents: [eligible.documentId],
      lines: LINES.length,
    });
  });

  it("tells the network's coordinators in the app", async () => {
    const notes = await database.db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, people.coordinator.id));
    expect(notes.map((n) => n.title)).toContain(
      `${people.second.name} accepted ${eligible.reference}`,
    );
  });

  it("keeps the copied file from the orphan sweep", async () => {
    const [copy] = await database.db
      .select()
      .from(caseDocuments)
      .where(eq(caseDocuments.caseId, caseId));
    const key = copy?.storageKey ?? "";
    const old = new Date(Date.now() - ORPHAN_MIN_AGE_MS - 60_000);
    fs.utimesSync(path.join(storeDir, "documents", key.slice(0, 2), key), old, old);
    await sweepOrphanFiles(database.db, storeDir);
    expect(await store.get(key)).toEqual(eligible.packBytes);
  });
});

describe("row-level security after the acceptance", () => {
  it("shows the declining project's lead neither the case, nor the other offer, nor the pack", async () => {
    const lead = people.first.lead.id;
    expect(await countAs(lead, sql`select count(*) as n from cases`)).toBe(0);
    expect(await countAs(lead, sql`select count(*) as n from cases where id = ${caseId}`)).toBe(0);
    expect(await countAs(lead, sql`select count(*) as n from case_lines`)).toBe(0);
    expect(await countAs(lead, sql`select count(*) as n from case_documents`)).toBe(0);
    expect(
      await countAs(
        lead,
        sql`select count(*) as n from referral_offers where id = ${secondOfferId}`,
      ),
    ).toBe(0);
    // Its own, declined offer it still sees, as a record: the pack and the applicant are gone.
    expect(await rawAs<{ status: string }>(lead, sql`select status from referral_offers`)).toEqual([
      { status: "declined" },
    ]);
    expect(
      await countAs(
        lead,
        sql`select count(*) as n from documents where id = ${eligible.documentId}`,
      ),
    ).toBe(0);
    const [own] = await rawAs<{ data: Record<string, unknown> | null }>(
      lead,
      sql`select app_offer_case(${firstOfferId}::uuid) as data`,
    );
    expect(own?.data).toEqual({ reference: eligible.reference });
    const [other] = await rawAs<{ data: unknown }>(
      lead,
      sql`select app_offer_case(${secondOfferId}::uuid) as data`,
    );
    expect(other?.data).toBeNull();
  });

  it("refuses the declining project's lead a write into the other project's case", async () => {
    const lead = people.first.lead.id;
    const updated = await rawAs<{ id: string }>(
      lead,
      sql`update cases set stage = 'closed' where id = ${caseId} returning id`,
    );
    expect(updated).toEqual([]);
    await expectRefused(
      rawAs(
        lead,
        sql`insert into case_lines (case_id, category, description) values (${caseId}, 'other', 'planted')`,
      ),
      /row-level security/,
    );
  });

  it("shows the accepting project's caseworker the case, its lines and pack, but not the offer", async () => {
    const worker = people.second.caseworker.id;
    // Not on the case's team: the caseworker sees neither the case nor its file.
    expect(await countAs(worker, sql`select count(*) as n from cases where id = ${caseId}`)).toBe(
      0,
    );
    expect(
      await countAs(worker, sql`select count(*) as n from case_lines where case_id = ${caseId}`),
    ).toBe(0);
    const lead = people.second.lead;
    await asUser(database.db, lead.id, (tx) =>
      assignToCase(tx, lead.acting, caseId, {
        userId: worker,
        endsOn: endOfAcademicYear(today()),
      }),
    );
    expect(await countAs(worker, sql`select count(*) as n from cases where id = ${caseId}`)).toBe(
      1,
    );
    expect(
      await countAs(worker, sql`select count(*) as n from case_lines where case_id = ${caseId}`),
    ).toBe(LINES.length);
    expect(
      await countAs(
        worker,
        sql`select count(*) as n from case_documents where case_id = ${caseId}`,
      ),
    ).toBe(1);
    expect(await countAs(worker, sql`select count(*) as n from referral_offers`)).toBe(0);
    const [viaFunction] = await rawAs<{ data: unknown }>(
      worker,
      sql`select app_offer_case(${secondOfferId}::uuid) as data`,
    );
    expect(viaFunction?.data).toBeNull();
    // Nor the network's application, applicant or original document.
    expect(await countAs(worker, sql`select count(*) as n from applications`)).toBe(0);
    expect(await countAs(worker, sql`select count(*) as n from applicants`)).toBe(0);
    expect(await countAs(worker, sql`select count(*) as n from documents`)).toBe(0);
  });

  it("shows the accepting project's lead its offer and case, and no longer the network's pack", async () => {
    const lead = people.second.lead.id;
    expect(await rawAs<{ id: string }>(lead, sql`select id from referral_offers`)).toEqual([
      { id: secondOfferId },
    ]);
    expect(await countAs(lead, sql`select count(*) as n from cases`)).toBe(1);
    expect(await countAs(lead, sql`select count(*) as n from documents`)).toBe(0);
  });

  it("shows the network the case's stage, but not the project's working file", async () => {
    const coordinator = people.coordinator.id;
    expect(
      await rawAs<{ stage: string }>(
        coordinator,
        sql`select stage from cases where id = ${caseId}`,
      ),
    ).toEqual([{ stage: "open" }]);
    expect(
      await countAs(
        coordinator,
        sql`select count(*) as n from case_lines where case_id = ${caseId}`,
      ),
    ).toBe(0);
    expect(
      await countAs(
        coordinator,
        sql`select count(*) as n from case_documents where case_id = ${caseId}`,
      ),
    ).toBe(0);
  });
});

describe("when the accepting project closes", () => {
  it("files the applicant's letter on the application, naming the project", async () => {
    const admin = people.administrator;
    const { returned, letter } = await asUser(database.db, admin.id, async (tx) => {
      const outcome = await closeProject(tx, admin.acting, people.second.id, {
        closedOn: new Date().toISOString().slice(0, 10),
        notes: { [caseId]: "DNA test of the jacket requested from the lab; no answer yet." },
      });
      const [returnedCase] = outcome.returnedCases;
      if (!returnedCase) throw new Error("no case returned");
      const filed = await fileProjectClosedLetter(
        tx,
        admin.acting,
        store,
        returnedCase.applicationId,
        people.second.name,
      );
      return { returned: returnedCase, letter: filed };
    });
    expect(returned.caseId).toBe(caseId);
    const [doc] = await database.db
      .select()
      .from(documents)
      .where(eq(documents.id, letter.documentId));
    expect(doc).toMatchObject({
      kind: "letter_out",
      applicationId: eligible.applicationId,
      applicantId: eligible.applicantId,
      filename: `${eligible.reference}-project_closed.pdf`,
      createdBy: admin.id,
    });
    const [entry] = await database.db
      .select()
      .from(correspondence)
      .where(eq(correspondence.documentId, letter.documentId));
    expect(entry?.summary).toBe(
      "Project closed letter (PDF), marked Legal Correspondence, large print",
    );
    const [generated] = await database.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, "letter.generated"),
          eq(auditEvents.entityId, letter.documentId),
        ),
      );
    expect(generated?.details).toMatchObject({ template: "project_closed" });
    const [app] = await database.db
      .select()
      .from(applications)
      .where(eq(applications.id, eligible.applicationId));
    expect(app?.state).toBe("awaiting_referral");
    if (PDFTOTEXT) {
      const text = pdfText(await store.get(doc?.storageKey ?? "")).replace(/\s+/g, " ");
      expect(text).toContain(`${people.second.name}, the member project`);
      expect(text).toContain("There is nothing you need to do.");
      expect(text).toContain(eligible.reference);
    }
  });

  it("is refused to someone who may not send letters", async () => {
    const lead = people.first.lead;
    await expect(
      asUser(database.db, lead.id, (tx) =>
        fileProjectClosedLetter(tx, lead.acting, store, eligible.applicationId, "Any project"),
      ),
    ).rejects.toMatchObject({ status: 403 });
  });
});

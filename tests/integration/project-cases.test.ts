import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { endOfAcademicYear } from "~/casework/team/academic-year";
import { assignToCase } from "~/casework/team/case-team.server";
import { asUser, type Database, queryRows, type Tx, toInt } from "~/db/database.server";
import {
  applications,
  auditEvents,
  caseDocuments,
  cases,
  correspondence,
  documents,
  memberships,
  notifications,
  organisations,
  referralOffers,
} from "~/db/schema";
import { createDocumentStore, type DocumentStore } from "~/documents/storage.server";
import { handBackCase } from "~/referrals/case-returns.server";
import { closeProjectAndWriteToApplicants, getClosure } from "~/referrals/close-project.server";
import { writeHandoverNote } from "~/referrals/closure.server";
import { getCase, openCaseDocument } from "~/referrals/get-case.server";
import { getOffer, openOfferDocument } from "~/referrals/get-offer.server";
import { listCases } from "~/referrals/list-cases.server";
import { listOffers } from "~/referrals/list-offers.server";
import { defaultExpiry, makeOffer } from "~/referrals/offers.server";
import { closureSchema } from "~/referrals/project-schemas";
import { acceptOffer } from "~/referrals/respond.server";
import { today } from "~/shared/dates";
import { actingFor, type TestUser } from "../support/factories";
import { appError } from "../support/intake";
import {
  createEligibleCase,
  createReferralPeople,
  type EligibleCase,
  type ReferralPeople,
  referralContext,
} from "../support/referral-scenario";
import { createTestDatabase } from "../support/test-database";

/**
 * The member project's side of referral: its leads' offers and its cases, as the pages read
 * them (scoped to the user's own projects, and audited), handing a case back, the handover
 * note, and the network closing the project.
 */
let database: Database;
let people: ReferralPeople;
let store: DocumentStore;
let storeDir: string;
const SECRET = "project-cases-secret-0123456789abcdef";

/** Accepted by the second project: A gets the lead's handover note, B is handed back, E has no note. */
let caseA: { eligible: EligibleCase; offerId: string; caseId: string };
let caseB: { eligible: EligibleCase; offerId: string; caseId: string };
let caseE: { eligible: EligibleCase; offerId: string; caseId: string };
/** Open offers: C to the first project, D to the second (withdrawn when it closes). */
let offerC: { eligible: EligibleCase; offerId: string };
let offerD: { eligible: EligibleCase; offerId: string };

const as = <T>(user: TestUser, fn: (tx: Tx) => Promise<T>) => asUser(database.db, user.id, fn);

async function offer(projectId: string) {
  const eligible = await createEligibleCase(database.db, people, store);
  const { coordinator } = people;
  const { offerId } = await as(coordinator, (tx) =>
    makeOffer(tx, coordinator.acting, referralContext(database.db), {
      applicationId: eligible.applicationId,
      projectId,
      summary: `Robbery conviction of ${eligible.fullName} resting on one identification.`,
      documentIds: [eligible.documentId],
      expiresOn: defaultExpiry(),
    }),
  );
  return { eligible, offerId };
}

async function accepted() {
  const o = await offer(people.second.id);
  const lead = people.second.lead;
  const { caseId } = await as(lead, (tx) =>
    acceptOffer(tx, lead.acting, store, referralContext(database.db), o.offerId),
  );
  return { ...o, caseId };
}

beforeAll(async () => {
  database = await createTestDatabase();
  storeDir = fs.mkdtempSync(path.join(os.tmpdir(), "clearname-project-cases-"));
  store = createDocumentStore(storeDir, SECRET);
  people = await createReferralPeople(database.db);
  caseA = await accepted();
  caseB = await accepted();
  caseE = await accepted();
  offerC = await offer(people.first.id);
  offerD = await offer(people.second.id);
}, 240_000);
afterAll(async () => {
  await database?.close();
  if (storeDir) fs.rmSync(storeDir, { recursive: true, force: true });
});

const auditOf = (action: string, entityId: string) =>
  database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.entityId, entityId)));

describe("a project's offers", () => {
  it("lists to each lead only the offers made to their project, open ones first", async () => {
    const first = people.first.lead;
    const second = people.second.lead;
    const mine = await as(first, (tx) => listOffers(tx, first.acting));
    expect(mine.open.map((o) => o.id)).toEqual([offerC.offerId]);
    expect(mine.open[0]).toMatchObject({
      reference: offerC.eligible.reference,
      applicantName: offerC.eligible.fullName,
      status: "offered",
      expiresOn: defaultExpiry(),
    });
    expect(mine.answered).toEqual([]);

    const theirs = await as(second, (tx) => listOffers(tx, second.acting));
    expect(theirs.open.map((o) => o.id)).toEqual([offerD.offerId]);
    expect(theirs.answered.map((o) => o.id).sort()).toEqual(
      [caseA.offerId, caseB.offerId, caseE.offerId].sort(),
    );
    expect(theirs.answered.every((o) => o.status === "accepted" && o.caseId)).toBe(true);
  });

  it("refuses the offers to a caseworker, and another project's offer to a lead", async () => {
    const { caseworker } = people.second;
    const refused = await appError(as(caseworker, (tx) => listOffers(tx, caseworker.acting)));
    expect(refused.code).toBe("FORBIDDEN");
    const first = people.first.lead;
    expect(
      (await appError(as(first, (tx) => getOffer(tx, first.acting, offerD.offerId)))).code,
    ).toBe("NOT_FOUND");
    expect(
      (
        await appError(
          as(first, (tx) =>
            openOfferDocument(tx, first.acting, store, offerD.offerId, offerD.eligible.documentId),
          ),
        )
      ).code,
    ).toBe("NOT_FOUND");
  });

  it("shows an open offer in full to its lead, and audits the viewing", async () => {
    const lead = people.second.lead;
    const view = await as(lead, (tx) => getOffer(tx, lead.acting, offerD.offerId));
    expect(view.reference).toBe(offerD.eligible.reference);
    expect(view.offer).toMatchObject({ status: "offered", answerable: true });
    expect(view.details?.applicant).toMatchObject({
      fullName: offerD.eligible.fullName,
      prisonerNumber: "A4321ZX",
      establishment: "HMP/YOI Altcourse",
    });
    expect(view.details?.conviction).toMatchObject({ offences: "Robbery" });
    expect(view.details?.lines.map((l) => [l.description, l.priority])).toEqual([
      ["Test the jacket for DNA", "high"],
      ["Trace the second witness", "medium"],
      ["Obtain the custody record", "low"],
    ]);
    expect(view.details?.lines[0]?.categoryLabel).not.toBe("forensic_retesting");
    expect(view.details?.documents.map((d) => d.filename)).toEqual(["witness-statement.pdf"]);
    const [event] = await auditOf("referral.offer_viewed", offerD.offerId);
    expect(event).toMatchObject({ actorUserId: lead.id, organisationId: people.second.id });
    expect(event?.details).toMatchObject({ disclosure: true, disclosedBy: people.networkId });
  });

  it("streams a case-pack document to the lead while the offer is open, audited as a disclosure", async () => {
    const lead = people.second.lead;
    const doc = await as(lead, (tx) =>
      openOfferDocument(tx, lead.acting, store, offerD.offerId, offerD.eligible.documentId),
    );
    expect(doc.filename).toBe("witness-statement.pdf");
    expect(doc.bytes.equals(offerD.eligible.packBytes)).toBe(true);
    const [event] = await auditOf("document.viewed", offerD.eligible.documentId);
    expect(event).toMatchObject({
      actorUserId: lead.id,
      subjectId: offerD.eligible.applicantId,
      organisationId: people.second.id,
    });
    expect(event?.details).toMatchObject({
      disclosure: true,
      disclosedTo: people.second.id,
      offerId: offerD.offerId,
    });
  });

  it("shows an answered offer without the case's details, and no longer its pack", async () => {
    const lead = people.second.lead;
    const view = await as(lead, (tx) => getOffer(tx, lead.acting, caseA.offerId));
    expect(view.offer).toMatchObject({
      status: "accepted",
      caseId: caseA.caseId,
      answerable: false,
    });
    expect(view.details).toBeNull();
    const refused = await appError(
      as(lead, (tx) =>
        openOfferDocument(tx, lead.acting, store, caseA.offerId, caseA.eligible.documentId),
      ),
    );
    expect(refused.code).toBe("NOT_FOUND");
  });
});

describe("a project's cases", () => {
  it("lists the project's cases to its lead and caseworker, and none to another project", async () => {
    const { lead, caseworker } = people.second;
    // A caseworker sees only the cases whose team they are on: none yet.
    expect(await as(caseworker, (tx) => listCases(tx, caseworker.acting))).toEqual({
      active: [],
      ended: [],
    });
    expect(
      (await appError(as(caseworker, (tx) => getCase(tx, caseworker.acting, caseA.caseId)))).code,
    ).toBe("NOT_FOUND");
    for (const c of [caseA, caseB, caseE])
      await as(lead, (tx) =>
        assignToCase(tx, lead.acting, c.caseId, {
          userId: caseworker.id,
          endsOn: endOfAcademicYear(today()),
        }),
      );
    for (const user of [lead, caseworker]) {
      const list = await as(user, (tx) => listCases(tx, user.acting));
      expect(list.active.map((c) => c.id).sort()).toEqual(
        [caseA.caseId, caseB.caseId, caseE.caseId].sort(),
      );
      expect(list.active.find((c) => c.id === caseA.caseId)).toMatchObject({
        reference: caseA.eligible.reference,
        applicantName: caseA.eligible.fullName,
        stage: "open",
        acceptedOn: today(),
      });
    }
    const first = people.first.lead;
    expect(await as(first, (tx) => listCases(tx, first.acting))).toEqual({ active: [], ended: [] });
    expect((await appError(as(first, (tx) => getCase(tx, first.acting, caseA.caseId)))).code).toBe(
      "NOT_FOUND",
    );
    expect(
      (await appError(as(people.coordinator, (tx) => listCases(tx, people.coordinator.acting))))
        .code,
    ).toBe("FORBIDDEN");
  });

  it("opens the case file with its lines and documents, audited; only leads may act on it", async () => {
    const { lead, caseworker } = people.second;
    const file = await as(caseworker, (tx) => getCase(tx, caseworker.acting, caseA.caseId));
    expect(file.case).toMatchObject({ reference: caseA.eligible.reference, stage: "open" });
    expect(file.case.applicant.fullName).toBe(caseA.eligible.fullName);
    expect(file.lines.map((l) => [l.description, l.status])).toEqual([
      ["Test the jacket for DNA", "not_started"],
      ["Trace the second witness", "not_started"],
      ["Obtain the custody record", "not_started"],
    ]);
    expect(file.documents.map((d) => d.filename)).toEqual(["witness-statement.pdf"]);
    expect(file.can).toEqual({ handBack: false, writeHandoverNote: false });
    expect((await as(lead, (tx) => getCase(tx, lead.acting, caseA.caseId))).can).toEqual({
      handBack: true,
      writeHandoverNote: true,
    });
    const viewed = await auditOf("case.viewed", caseA.caseId);
    expect(viewed.map((e) => e.actorUserId).sort()).toEqual([caseworker.id, lead.id].sort());

    const documentId = file.documents[0]?.id ?? "";
    const doc = await as(caseworker, (tx) =>
      openCaseDocument(tx, caseworker.acting, store, caseA.caseId, documentId),
    );
    expect(doc.bytes.equals(caseA.eligible.packBytes)).toBe(true);
    expect(await auditOf("case_document.viewed", documentId)).toHaveLength(1);
    const first = people.first.lead;
    expect(
      (
        await appError(
          as(first, (tx) => openCaseDocument(tx, first.acting, store, caseA.caseId, documentId)),
        )
      ).code,
    ).toBe("NOT_FOUND");
  });

  it("lets the lead write the handover note, and not the caseworker", async () => {
    const { lead, caseworker } = people.second;
    const note = "Jacket sent for DNA testing in May; the second witness has not been traced.";
    const refused = await appError(
      as(caseworker, (tx) => writeHandoverNote(tx, caseworker.acting, caseA.caseId, note)),
    );
    // On the case's team the caseworker sees the case, but only a lead may do this.
    expect(refused.code).toBe("FORBIDDEN");
    await as(lead, (tx) => writeHandoverNote(tx, lead.acting, caseA.caseId, note));
    const file = await as(lead, (tx) => getCase(tx, lead.acting, caseA.caseId));
    expect(file.case.handoverNote).toBe(note);
    expect(await auditOf("case.handover_note_written", caseA.caseId)).toHaveLength(1);
  });

  it("hands a case back: the application awaits referral and the coordinators are told", async () => {
    const { lead, caseworker } = people.second;
    const ctx = referralContext(database.db);
    const reason = "Our forensic supervisor has left; we cannot take the DNA work forward.";
    const refused = await appError(
      as(caseworker, (tx) => handBackCase(tx, caseworker.acting, ctx, caseB.caseId, reason)),
    );
    // On the case's team the caseworker sees the case, but only a lead may do this.
    expect(refused.code).toBe("FORBIDDEN");
    await as(lead, (tx) => handBackCase(tx, lead.acting, ctx, caseB.caseId, reason));
    const [c] = await database.db.select().from(cases).where(eq(cases.id, caseB.caseId));
    expect(c).toMatchObject({ stage: "handed_back", endedReason: reason });
    const [app] = await database.db
      .select({ state: applications.state })
      .from(applications)
      .where(eq(applications.id, caseB.eligible.applicationId));
    expect(app?.state).toBe("awaiting_referral");
    const told = await database.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.userId, people.coordinator.id),
          eq(notifications.link, `/referrals/${caseB.eligible.applicationId}`),
        ),
      );
    expect(told.map((n) => n.title)).toContain(`A project handed back ${caseB.eligible.reference}`);
    const [event] = await auditOf("case.handed_back", caseB.caseId);
    expect(event).toMatchObject({ actorUserId: lead.id, reason });

    const list = await as(lead, (tx) => listCases(tx, lead.acting));
    expect(list.active.map((c) => c.id)).not.toContain(caseB.caseId);
    expect(list.ended.map((c) => c.id)).toEqual([caseB.caseId]);
    expect((await as(lead, (tx) => getCase(tx, lead.acting, caseB.caseId))).can).toEqual({
      handBack: false,
      writeHandoverNote: false,
    });
  });
});

describe("closing a project", () => {
  const closedOn = today();

  it("shows the administrator what closing affects, and nobody else", async () => {
    const admin = people.administrator;
    const plan = await as(admin, (tx) => getClosure(tx, admin.acting, people.second.id));
    expect(plan.openCases.map((c) => [c.id, Boolean(c.handoverNote)]).sort()).toEqual(
      [
        [caseA.caseId, true],
        [caseE.caseId, false],
      ].sort(),
    );
    expect(plan.openOffers.map((o) => [o.id, o.reference])).toEqual([
      [offerD.offerId, offerD.eligible.reference],
    ]);
    for (const user of [people.coordinator, people.second.lead]) {
      const refused = await appError(
        as(user, (tx) => getClosure(tx, user.acting, people.second.id)),
      );
      expect(refused.code).toBe("FORBIDDEN");
    }
  });

  it("refuses to close while an open case has no handover note, in the form and in the database", async () => {
    const need = [{ id: caseE.caseId, reference: caseE.eligible.reference }];
    const parsed = closureSchema(need).safeParse({ closedOn, confirm: "yes", notes: {} });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      [`notes.${caseE.caseId}`, `Write the handover note for ${caseE.eligible.reference}`],
    ]);

    const admin = people.administrator;
    const refused = await appError(
      as(admin, (tx) =>
        closeProjectAndWriteToApplicants(tx, admin.acting, store, people.second.id, {
          closedOn,
          notes: {},
        }),
      ),
    );
    expect(refused.code).toBe("INVALID");
    expect(refused.details.missing).toEqual([
      {
        field: `notes.${caseE.caseId}`,
        message: `Write the handover note for ${caseE.eligible.reference}`,
      },
    ]);
    const [project] = await database.db
      .select({ status: organisations.status })
      .from(organisations)
      .where(eq(organisations.id, people.second.id));
    expect(project?.status).toBe("active");
  });

  it("closes it: cases return with notes and documents, offers are withdrawn, applicants get letters, access ends", async () => {
    const admin = people.administrator;
    const lettersOf = async (applicationId: string) =>
      (
        await database.db
          .select({ id: documents.id })
          .from(documents)
          .where(and(eq(documents.applicationId, applicationId), eq(documents.kind, "letter_out")))
      ).map((d) => d.id);
    const before = {
      a: await lettersOf(caseA.eligible.applicationId),
      e: await lettersOf(caseE.eligible.applicationId),
    };
    const adminNote = "Accepted in March; no work was started before the project closed.";
    const outcome = await as(admin, (tx) =>
      closeProjectAndWriteToApplicants(tx, admin.acting, store, people.second.id, {
        closedOn,
        notes: { [caseE.caseId]: adminNote },
      }),
    );
    expect(outcome.returnedCases.map((c) => c.caseId).sort()).toEqual(
      [caseA.caseId, caseE.caseId].sort(),
    );
    expect(outcome.withdrawnOffers).toEqual([offerD.offerId]);
    expect(outcome.letters).toBe(2);

    const returned = await database.db
      .select()
      .from(cases)
      .where(eq(cases.organisationId, people.second.id));
    const byId = new Map(returned.map((c) => [c.id, c]));
    expect(byId.get(caseA.caseId)).toMatchObject({
      stage: "returned_on_closure",
      handoverNote: "Jacket sent for DNA testing in May; the second witness has not been traced.",
    });
    expect(byId.get(caseE.caseId)).toMatchObject({
      stage: "returned_on_closure",
      handoverNote: adminNote,
    });
    expect(byId.get(caseB.caseId)?.stage).toBe("handed_back");

    const [d] = await database.db
      .select({ status: referralOffers.status })
      .from(referralOffers)
      .where(eq(referralOffers.id, offerD.offerId));
    expect(d?.status).toBe("withdrawn");

    for (const c of [caseA, caseE]) {
      const [app] = await database.db
        .select({ state: applications.state })
        .from(applications)
        .where(eq(applications.id, c.eligible.applicationId));
      expect(app?.state).toBe("awaiting_referral");
      const [copy] = await database.db
        .select()
        .from(caseDocuments)
        .where(eq(caseDocuments.caseId, c.caseId));
      const filedBack = await database.db
        .select()
        .from(documents)
        .where(
          and(
            eq(documents.applicationId, c.eligible.applicationId),
            eq(documents.kind, "case_file"),
          ),
        );
      expect(filedBack).toHaveLength(1);
      expect(filedBack[0]).toMatchObject({
        filename: "witness-statement.pdf",
        storageKey: copy?.storageKey,
        applicantId: c.eligible.applicantId,
      });
      expect((await store.get(filedBack[0]?.storageKey ?? "")).equals(c.eligible.packBytes)).toBe(
        true,
      );
      const [returnedEvent] = await auditOf("case.returned_on_closure", c.caseId);
      expect(returnedEvent?.details).toMatchObject({ disclosure: true, disclosedTo: "network" });
    }
    for (const [c, earlier] of [
      [caseA, before.a],
      [caseE, before.e],
    ] as const) {
      const added = (await lettersOf(c.eligible.applicationId)).filter(
        (id) => !earlier.includes(id),
      );
      expect(added).toHaveLength(1);
      const logged = await database.db
        .select({ direction: correspondence.direction, kind: correspondence.kind })
        .from(correspondence)
        .where(eq(correspondence.documentId, added[0] ?? ""));
      expect(logged).toEqual([{ direction: "out", kind: "letter" }]);
    }

    const [project] = await database.db
      .select()
      .from(organisations)
      .where(eq(organisations.id, people.second.id));
    expect(project).toMatchObject({ status: "closed", closedOn });
    const members = await database.db
      .select({ endsOn: memberships.endsOn })
      .from(memberships)
      .where(eq(memberships.organisationId, people.second.id));
    expect(members.length).toBeGreaterThanOrEqual(2);
    expect(members.every((m) => m.endsOn !== null && m.endsOn <= closedOn)).toBe(true);
    const [closedEvent] = await auditOf("organisation.closed", people.second.id);
    expect(closedEvent).toMatchObject({ actorUserId: admin.id });
    expect(closedEvent?.details).toMatchObject({ closedOn, withdrawnOffers: 1 });

    const page = await as(admin, (tx) => getClosure(tx, admin.acting, people.second.id));
    expect(page.returned.map((c) => [c.id, c.applicationId]).sort()).toEqual(
      [
        [caseA.caseId, caseA.eligible.applicationId],
        [caseE.caseId, caseE.eligible.applicationId],
      ].sort(),
    );
  });

  it("leaves the closed project's lead and caseworker nothing to see", async () => {
    for (const user of [people.second.lead, people.second.caseworker]) {
      const acting = await actingFor(database.db, user.id);
      expect(acting.viewer.memberships).toEqual([]);
      expect((await appError(as(user, (tx) => listCases(tx, acting)))).code).toBe("FORBIDDEN");
      // Past the application code: the database itself shows them nothing any more.
      const count = async (query: ReturnType<typeof sql>) =>
        toInt((await as(user, (tx) => queryRows<{ n: number }>(tx, query)))[0]?.n ?? 0);
      expect(await count(sql`select count(*) as n from cases`)).toBe(0);
      expect(await count(sql`select count(*) as n from case_documents`)).toBe(0);
      expect(await count(sql`select count(*) as n from case_lines`)).toBe(0);
      expect(await count(sql`select count(*) as n from referral_offers`)).toBe(0);
      expect(await count(sql`select count(*) as n from documents where kind = 'case_file'`)).toBe(
        0,
      );
    }
  });

  it("refuses to close it twice", async () => {
    const admin = people.administrator;
    const refused = await appError(
      as(admin, (tx) =>
        closeProjectAndWriteToApplicants(tx, admin.acting, store, people.second.id, {
          closedOn,
          notes: {},
        }),
      ),
    );
    expect(refused.code).toBe("INVALID");
  });
});

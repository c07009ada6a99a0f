import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asSystem, asUser, type Database, queryRows } from "~/db/database.server";
import {
  applications,
  assessments,
  auditEvents,
  cases,
  documents,
  emailOutbox,
  investigationLines,
  notifications,
  referralOfferDocuments,
  referralOffers,
} from "~/db/schema";
import { createMailer, type Mailer } from "~/mail/mailer.server";
import { withdrawReferral } from "~/referrals/case-returns.server";
import { getReferralCase, offerChoices } from "~/referrals/get-referral-case.server";
import { listReferralQueue } from "~/referrals/list-referral-queue.server";
import {
  countUnreadNotifications,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from "~/referrals/notifications.server";
import { defaultExpiry, makeOffer, withdrawOffer } from "~/referrals/offers.server";
import { parseReferralQueueParams } from "~/referrals/queue-params";
import { loadReferralCase } from "~/referrals/referral-case.server";
import { offerSchema } from "~/referrals/schemas";
import { suggestProjects } from "~/referrals/suggest-projects.server";
import { expectRefused } from "../support/errors";
import { createNetwork, createOrganisation, createUser, type TestUser } from "../support/factories";
import { appError } from "../support/intake";
import { createTestDatabase } from "../support/test-database";
import { record, setState, uniqueSurname } from "./intake-queue-helpers";

/**
 * Offering eligible cases to member projects, as the referral coordinator does it: the offer
 * and its case pack, who is told, what each project may see (raw SQL as another project's
 * lead), withdrawing, the suggestions on real rows, the queue, and notifications.
 */
let database: Database;
let mailer: Mailer;
let networkId: string;
let intake: TestUser;
let coordinator: TestUser;
let assessor: TestUser;
let leadA: TestUser;
let caseworkerA: TestUser;
let leadB: TestUser;
let projectA: { id: string; name: string };
let projectB: { id: string; name: string };
const ctx = () => ({ mailer, publicUrl: "https://clearname.example" });

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  mailer = createMailer({ smtpUrl: undefined, from: "test@example.org", db });
  const network = await createNetwork(db);
  networkId = network.id;
  projectA = await createOrganisation(db, { capacity: 4, specialisms: ["Forensic science"] });
  projectB = await createOrganisation(db, { capacity: 4 });
  intake = await createUser(db, [{ organisationId: networkId, roleKey: "intake_officer" }]);
  coordinator = await createUser(db, [
    { organisationId: networkId, roleKey: "referral_coordinator" },
  ]);
  assessor = await createUser(db, [{ organisationId: networkId, roleKey: "assessor" }]);
  leadA = await createUser(db, [{ organisationId: projectA.id, roleKey: "project_lead" }]);
  caseworkerA = await createUser(db, [{ organisationId: projectA.id, roleKey: "caseworker" }]);
  leadB = await createUser(db, [{ organisationId: projectB.id, roleKey: "project_lead" }]);
});
afterAll(async () => {
  await database?.close();
});

/**
 * An application decided eligible, awaiting referral: recorded by intake, with the decided
 * assessment, its two lines and one scan inserted as the owner (the decision itself is
 * tested in assessment-decisions.test.ts).
 */
async function eligibleApplication(jurisdiction: "england_wales" | "scotland" = "england_wales") {
  const name = `Mary ${uniqueSurname()}`;
  const r = await record(database, intake, { fullName: name, prisonerNumber: "A1234BC" });
  await setState(database, r.applicationId, "awaiting_referral");
  return asSystem(database.db, async (tx) => {
    const [app] = await tx.select().from(applications).where(eq(applications.id, r.applicationId));
    if (!app) throw new Error("no application");
    const [assessment] = await tx
      .insert(assessments)
      .values({
        organisationId: networkId,
        applicationId: app.id,
        status: "decided",
        recommendation: "eligible",
        assessorId: assessor.id,
        jurisdiction,
        offences: "Murder",
        offenceType: "homicide",
        courtName: "Manchester Crown Court",
        convictionDate: "2015-06-14",
        couldBeInnocent: "yes",
        couldBeInnocentReasons: "The identification was made at night from 40 metres.",
        canBeInvestigated: "yes",
        canBeInvestigatedReasons: "The jacket was never tested for DNA.",
        decidedBy: assessor.id,
        decidedAt: new Date(Date.now() - 10 * 86_400_000),
      })
      .returning();
    if (!assessment) throw new Error("no assessment");
    await tx.insert(investigationLines).values([
      {
        assessmentId: assessment.id,
        position: 0,
        category: "forensic_retesting",
        description: "Test the jacket for DNA",
        priority: "high",
      },
      {
        assessmentId: assessment.id,
        position: 1,
        category: "witness",
        description: "Trace the second witness",
        priority: "medium",
      },
    ]);
    const [doc] = await tx
      .insert(documents)
      .values({
        applicationId: app.id,
        applicantId: app.applicantId,
        kind: "scan",
        filename: "statement.pdf",
        mediaType: "application/pdf",
        byteSize: 1234,
        sha256: "0".repeat(64),
        storageKey: `test/${app.id}`,
        createdBy: intake.id,
      })
      .returning();
    if (!doc) throw new Error("no document");
    return {
      applicationId: app.id,
      applicantId: app.applicantId,
      reference: app.reference,
      name,
      assessmentId: assessment.id,
      documentId: doc.id,
    };
  });
}

const offerAs = (
  who: TestUser,
  input: { applicationId: string; projectId: string; documentIds?: string[] },
) =>
  asUser(database.db, who.id, (tx) =>
    makeOffer(tx, who.acting, ctx(), {
      summary: "A case about a night-time identification.",
      expiresOn: defaultExpiry(),
      documentIds: [],
      ...input,
    }),
  );

async function notificationsOf(userId: string) {
  return asSystem(database.db, (tx) =>
    tx.select().from(notifications).where(eq(notifications.userId, userId)),
  );
}

describe("offering a case to a project", () => {
  it("records the offer and its case pack, tells the project's leads only, and audits a disclosure", async () => {
    const app = await eligibleApplication();
    const made = await offerAs(coordinator, {
      applicationId: app.applicationId,
      projectId: projectA.id,
      documentIds: [app.documentId],
    });
    for (const deliver of made.deliveries) await deliver();

    const [offer] = await asSystem(database.db, (tx) =>
      tx.select().from(referralOffers).where(eq(referralOffers.id, made.offerId)),
    );
    expect(offer).toMatchObject({
      status: "offered",
      projectId: projectA.id,
      organisationId: networkId,
      applicationId: app.applicationId,
      assessmentId: app.assessmentId,
      expiresOn: defaultExpiry(),
      offeredBy: coordinator.id,
    });
    const pack = await asSystem(database.db, (tx) =>
      tx
        .select()
        .from(referralOfferDocuments)
        .where(eq(referralOfferDocuments.offerId, made.offerId)),
    );
    expect(pack.map((p) => p.documentId)).toEqual([app.documentId]);

    const link = `/offers/${made.offerId}`;
    const toLead = (await notificationsOf(leadA.id)).filter((n) => n.link === link);
    expect(toLead).toHaveLength(1);
    expect(toLead[0]?.title).toContain(app.reference);
    expect(toLead[0]?.readAt).toBeNull();
    for (const other of [caseworkerA, leadB, coordinator])
      expect((await notificationsOf(other.id)).filter((n) => n.link === link)).toEqual([]);

    const mail = await asSystem(database.db, (tx) =>
      tx
        .select()
        .from(emailOutbox)
        .where(sql`${emailOutbox.textBody} like ${`%${link}%`}`),
    );
    expect(mail.map((m) => m.toAddress)).toEqual([leadA.email]);
    expect(mail[0]?.textBody).toContain(`https://clearname.example${link}`);

    const [event] = await asSystem(database.db, (tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(
          and(eq(auditEvents.action, "referral.offered"), eq(auditEvents.entityId, made.offerId)),
        ),
    );
    expect(event).toMatchObject({
      actorUserId: coordinator.id,
      subjectId: app.applicantId,
      organisationId: networkId,
    });
    expect(event?.details).toMatchObject({
      disclosure: true,
      disclosedTo: projectA.id,
      documentIds: [app.documentId],
    });
  });

  it("refuses a second offer while one is open, and offers only to active projects", async () => {
    const app = await eligibleApplication();
    await offerAs(coordinator, { applicationId: app.applicationId, projectId: projectA.id });
    const second = await appError(
      offerAs(coordinator, { applicationId: app.applicationId, projectId: projectB.id }),
    );
    expect(second.code).toBe("CONFLICT");

    const other = await eligibleApplication();
    const paused = await createOrganisation(database.db, { status: "paused", capacity: 3 });
    const refused = await appError(
      offerAs(coordinator, { applicationId: other.applicationId, projectId: paused.id }),
    );
    expect(refused.code).toBe("INVALID");
    expect(refused.details.field).toBe("projectId");

    const notMine = await appError(
      offerAs(coordinator, {
        applicationId: other.applicationId,
        projectId: projectA.id,
        documentIds: [app.documentId],
      }),
    );
    expect(notMine.details.field).toBe("documentIds");
  });

  it("refuses anyone but a referral coordinator", async () => {
    const app = await eligibleApplication();
    for (const who of [assessor, intake, leadA]) {
      const error = await appError(
        offerAs(who, { applicationId: app.applicationId, projectId: projectA.id }),
      );
      expect(error.code).toBe("FORBIDDEN");
    }
  });
});

describe("what another project can see", () => {
  it("hides an offer and its case pack from another project's lead, even in raw SQL", async () => {
    const app = await eligibleApplication();
    const made = await offerAs(coordinator, {
      applicationId: app.applicationId,
      projectId: projectA.id,
      documentIds: [app.documentId],
    });
    const asLead = (lead: TestUser, query: ReturnType<typeof sql>) =>
      asUser(database.db, lead.id, (tx) => queryRows<{ id: string }>(tx, query));

    // The offer's own lead sees the offer and, while it is open, the case pack.
    expect(
      await asLead(leadA, sql`select id from referral_offers where id = ${made.offerId}`),
    ).toHaveLength(1);
    expect(
      await asLead(leadA, sql`select id from documents where id = ${app.documentId}`),
    ).toHaveLength(1);

    // Another project's lead sees none of it.
    expect(
      await asLead(leadB, sql`select id from referral_offers where id = ${made.offerId}`),
    ).toEqual([]);
    expect(
      await asLead(
        leadB,
        sql`select offer_id as id from referral_offer_documents where offer_id = ${made.offerId}`,
      ),
    ).toEqual([]);
    expect(await asLead(leadB, sql`select id from documents where id = ${app.documentId}`)).toEqual(
      [],
    );
    expect(
      await asLead(leadB, sql`select id from applications where id = ${app.applicationId}`),
    ).toEqual([]);
    const [offerCase] = await asUser(database.db, leadB.id, (tx) =>
      queryRows<{ data: unknown }>(tx, sql`select app_offer_case(${made.offerId}::uuid) as data`),
    );
    expect(offerCase?.data).toBeNull();
    // Nor can they answer it.
    const updated = await asLead(
      leadB,
      sql`update referral_offers set status = 'declined' where id = ${made.offerId} returning id`,
    );
    expect(updated).toEqual([]);
    // A caseworker of the offered project does not see the case pack either.
    expect(
      await asLead(caseworkerA, sql`select id from documents where id = ${app.documentId}`),
    ).toEqual([]);
  });
});

describe("withdrawing", () => {
  it("withdraws an open offer with its reason, tells the lead, and closes the case pack", async () => {
    const app = await eligibleApplication();
    const made = await offerAs(coordinator, {
      applicationId: app.applicationId,
      projectId: projectA.id,
      documentIds: [app.documentId],
    });
    const refused = await appError(
      asUser(database.db, leadA.id, (tx) =>
        withdrawOffer(tx, leadA.acting, ctx(), made.offerId, "Not mine to withdraw"),
      ),
    );
    expect(refused.code).toBe("FORBIDDEN");

    await asUser(database.db, coordinator.id, (tx) =>
      withdrawOffer(tx, coordinator.acting, ctx(), made.offerId, "The applicant has a lawyer now"),
    );
    const [offer] = await asSystem(database.db, (tx) =>
      tx.select().from(referralOffers).where(eq(referralOffers.id, made.offerId)),
    );
    expect(offer).toMatchObject({
      status: "withdrawn",
      withdrawnReason: "The applicant has a lawyer now",
    });
    const told = (await notificationsOf(leadA.id)).filter(
      (n) => n.link === `/offers/${made.offerId}` && n.body.includes("lawyer"),
    );
    expect(told).toHaveLength(1);
    const docs = await asUser(database.db, leadA.id, (tx) =>
      queryRows(tx, sql`select id from documents where id = ${app.documentId}`),
    );
    expect(docs).toEqual([]);
    const again = await appError(
      asUser(database.db, coordinator.id, (tx) =>
        withdrawOffer(tx, coordinator.acting, ctx(), made.offerId, "Twice"),
      ),
    );
    expect(again.code).toBe("INVALID");

    // The case can be offered again, to another project.
    await offerAs(coordinator, { applicationId: app.applicationId, projectId: projectB.id });
  });

  it("withdraws an accepted referral from its project: the case returns to the queue", async () => {
    const app = await eligibleApplication();
    const caseId = await acceptedAsOwner(app, projectA.id);
    const { deliveries } = await asUser(database.db, coordinator.id, (tx) =>
      withdrawReferral(tx, coordinator.acting, ctx(), caseId, "The applicant asked us to"),
    );
    expect(deliveries.length).toBeGreaterThan(0);
    const [c] = await asSystem(database.db, (tx) =>
      tx.select().from(cases).where(eq(cases.id, caseId)),
    );
    expect(c).toMatchObject({ stage: "withdrawn", endedReason: "The applicant asked us to" });
    const [a] = await asSystem(database.db, (tx) =>
      tx.select().from(applications).where(eq(applications.id, app.applicationId)),
    );
    expect(a?.state).toBe("awaiting_referral");
    expect(
      (await notificationsOf(leadA.id)).filter((n) => n.link === `/cases/${caseId}`),
    ).toHaveLength(1);

    const queue = await asUser(database.db, coordinator.id, (tx) =>
      listReferralQueue(tx, coordinator.acting, parseReferralQueueParams(params("returned=1"))),
    );
    const row = queue.rows.find((r) => r.applicationId === app.applicationId);
    expect(row?.returned).toMatchObject({ stage: "withdrawn", projectName: projectA.name });
  });
});

/**
 * A case accepted by a project, made as the owner (acceptance itself, with its letter, is
 * tested with the acceptance): the accepted offer, the project's case, the application referred.
 */
async function acceptedAsOwner(
  app: Awaited<ReturnType<typeof eligibleApplication>>,
  projectId: string,
  stage: "open" | "handed_back" = "open",
) {
  return asSystem(database.db, async (tx) => {
    const [offer] = await tx
      .insert(referralOffers)
      .values({
        organisationId: networkId,
        applicationId: app.applicationId,
        assessmentId: app.assessmentId,
        projectId,
        status: "accepted",
        summary: "Summary",
        expiresOn: defaultExpiry(),
        offeredBy: coordinator.id,
        respondedAt: new Date(),
      })
      .returning();
    if (!offer) throw new Error("no offer");
    const [c] = await tx
      .insert(cases)
      .values({
        organisationId: projectId,
        offerId: offer.id,
        applicationId: app.applicationId,
        reference: app.reference,
        applicant: {
          fullName: app.name,
          aliases: [],
          dateOfBirth: null,
          prisonerNumber: "A1234BC",
          otherPrisonerNumber: null,
          establishment: null,
          postalAddress: null,
          largePrint: false,
          language: null,
          legalCorrespondence: false,
        },
        stage,
        annualReportDueOn: defaultExpiry(undefined, 365),
        ...(stage === "handed_back"
          ? {
              endedReason: "We lost our forensic supervisor",
              handoverNote: "The jacket is at the lab; the second witness was traced to Leeds.",
              endedAt: new Date(),
            }
          : {}),
      })
      .returning();
    if (!c) throw new Error("no case");
    await tx
      .update(applications)
      .set({ state: stage === "open" ? "referred" : "awaiting_referral" })
      .where(eq(applications.id, app.applicationId));
    return c.id;
  });
}

const params = (q: string) => new URLSearchParams(q);

describe("suggestions on real data", () => {
  it("rules out another jurisdiction, a full project and a paused one, saying why", async () => {
    const scottish = await createOrganisation(database.db, {
      jurisdictions: ["scotland"],
      capacity: 5,
    });
    const full = await createOrganisation(database.db, { capacity: 1 });
    const paused = await createOrganisation(database.db, { status: "paused", capacity: 5 });
    // The full project's one place is taken by an offer of another case.
    const other = await eligibleApplication();
    await offerAs(coordinator, { applicationId: other.applicationId, projectId: full.id });

    const app = await eligibleApplication();
    const suggestions = await asUser(database.db, coordinator.id, async (tx) =>
      suggestProjects(tx, await loadReferralCase(tx, app.applicationId)),
    );
    const byId = new Map(suggestions.map((s) => [s.project.id, s]));
    expect(byId.get(projectA.id)?.suitable).toBe(true);
    expect(byId.get(projectA.id)?.reasons).toContain("Takes cases from England and Wales");
    expect(byId.get(scottish.id)?.suitable).toBe(false);
    expect(byId.get(scottish.id)?.against).toContain("Does not take cases from England and Wales");
    expect(byId.get(full.id)?.suitable).toBe(false);
    expect(byId.get(full.id)?.against.join("; ")).toMatch(
      /Full: 0 active cases of 1, and 1 offer waiting for an answer/,
    );
    expect(byId.get(full.id)?.capacityLeft).toBe(0);
    expect(byId.get(paused.id)?.suitable).toBe(false);
    expect(byId.get(paused.id)?.against.join("; ")).toMatch(/Paused/);
    // Suitable ones first.
    const firstUnsuitable = suggestions.findIndex((s) => !s.suitable);
    expect(suggestions.slice(firstUnsuitable).every((s) => !s.suitable)).toBe(true);

    // The offer form's choices: the paused project cannot be chosen; the others need
    // "offer it anyway".
    const choices = offerChoices(suggestions, [app.documentId]);
    expect(choices.offerable).not.toContain(paused.id);
    expect(choices.unsuitable).toEqual(expect.arrayContaining([scottish.id, full.id]));
    expect(choices.unsuitable).not.toContain(projectA.id);
    const schema = offerSchema(choices);
    const form = {
      summary: "Summary",
      expiresOn: defaultExpiry(),
      documentIds: [app.documentId],
    };
    expect(schema.safeParse({ ...form, projectId: projectA.id }).success).toBe(true);
    const notSuggested = schema.safeParse({ ...form, projectId: scottish.id });
    expect(notSuggested.error?.issues.map((i) => i.path.join("."))).toEqual(["anyway"]);
    expect(schema.safeParse({ ...form, projectId: scottish.id, anyway: "on" }).success).toBe(true);
    expect(schema.safeParse({ ...form, projectId: paused.id, anyway: "on" }).success).toBe(false);
    expect(
      schema.safeParse({ ...form, projectId: projectA.id, documentIds: [other.documentId] })
        .success,
    ).toBe(false);
  });
});

describe("the coordinator's pages", () => {
  it("lists the queue by where each case stands, with its offers and returns", async () => {
    const waiting = await eligibleApplication("scotland");
    const offered = await eligibleApplication();
    await offerAs(coordinator, { applicationId: offered.applicationId, projectId: projectB.id });
    const returned = await eligibleApplication();
    await acceptedAsOwner(returned, projectA.id, "handed_back");
    const list = (q: string) =>
      asUser(database.db, coordinator.id, (tx) =>
        listReferralQueue(tx, coordinator.acting, parseReferralQueueParams(params(q))),
      );
    const ids = (rows: { applicationId: string }[]) => rows.map((r) => r.applicationId);

    const waitingView = await list("");
    expect(ids(waitingView.rows)).toContain(waiting.applicationId);
    expect(ids(waitingView.rows)).toContain(returned.applicationId);
    expect(ids(waitingView.rows)).not.toContain(offered.applicationId);
    const w = waitingView.rows.find((r) => r.applicationId === waiting.applicationId);
    expect(w).toMatchObject({
      reference: waiting.reference,
      applicantName: waiting.name,
      jurisdiction: "scotland",
      daysWaiting: 10,
      openOffer: null,
      returned: null,
    });

    const offeredView = await list("view=offered");
    const o = offeredView.rows.find((r) => r.applicationId === offered.applicationId);
    expect(o?.openOffer).toEqual({ projectName: projectB.name, expiresOn: defaultExpiry() });
    expect(offeredView.counts.offered).toBe(offeredView.rows.length);

    const returnedView = await list("returned=1");
    expect(ids(returnedView.rows)).toContain(returned.applicationId);
    expect(ids(returnedView.rows)).not.toContain(waiting.applicationId);
    expect(
      returnedView.rows.find((r) => r.applicationId === returned.applicationId)?.returned,
    ).toMatchObject({ stage: "handed_back", projectName: projectA.name });

    const scottishOnly = await list("view=all&jurisdiction=scotland");
    expect(ids(scottishOnly.rows)).toEqual([waiting.applicationId]);

    const refused = await appError(
      asUser(database.db, leadA.id, (tx) =>
        listReferralQueue(tx, leadA.acting, parseReferralQueueParams(params(""))),
      ),
    );
    expect(refused.code).toBe("FORBIDDEN");
  });

  it("shows the case for referral with its offers and its history at projects, and audits the view", async () => {
    const app = await eligibleApplication();
    await acceptedAsOwner(app, projectA.id, "handed_back");
    const made = await offerAs(coordinator, {
      applicationId: app.applicationId,
      projectId: projectB.id,
      documentIds: [app.documentId],
    });
    const page = await asUser(database.db, coordinator.id, (tx) =>
      getReferralCase(tx, coordinator.acting, app.applicationId),
    );
    expect(page.lines.map((l) => l.description)).toEqual([
      "Test the jacket for DNA",
      "Trace the second witness",
    ]);
    expect(page.defaults.summary).toContain("never tested for DNA");
    expect(page.documents.map((d) => d.id)).toEqual([app.documentId]);
    expect(page.offers.map((o) => [o.id === made.offerId, o.projectName, o.status])).toEqual([
      [true, projectB.name, "offered"],
      [false, projectA.name, "accepted"],
    ]);
    expect(page.offers[0]?.documents).toBe(1);
    expect(page.cases).toHaveLength(1);
    expect(page.cases[0]).toMatchObject({
      projectName: projectA.name,
      stage: "handed_back",
      handoverNote: "The jacket is at the lab; the second witness was traced to Leeds.",
      active: false,
    });
    const viewed = await asSystem(database.db, (tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.action, "application.viewed"),
            eq(auditEvents.entityId, app.applicationId),
            eq(auditEvents.actorUserId, coordinator.id),
          ),
        ),
    );
    expect(viewed.map((e) => e.details)).toEqual([{ page: "referral" }]);
  });
});

describe("notifications", () => {
  it("shows each user only their own, and lets them mark only their own read", async () => {
    const app = await eligibleApplication();
    await offerAs(coordinator, { applicationId: app.applicationId, projectId: projectA.id });
    const mine = await asUser(database.db, leadA.id, (tx) => listNotifications(tx, leadA.acting));
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.unread).toBeGreaterThan(0);
    expect(mine.items[0]?.title).toContain(app.reference);
    expect(mine.items[0]?.link).toMatch(/^\/offers\//);
    const first = mine.items[0];
    if (!first) throw new Error("no notification");

    // Another user sees none of them, even in raw SQL, and cannot change or make one.
    const theirs = await asUser(database.db, leadB.id, (tx) => listNotifications(tx, leadB.acting));
    expect(theirs.items.map((i) => i.id)).not.toContain(first.id);
    const raw = await asUser(database.db, leadB.id, (tx) =>
      queryRows(tx, sql`select id from notifications where user_id = ${leadA.id}`),
    );
    expect(raw).toEqual([]);
    const touched = await asUser(database.db, leadB.id, (tx) =>
      queryRows(
        tx,
        sql`update notifications set read_at = now() where id = ${first.id} returning id`,
      ),
    );
    expect(touched).toEqual([]);
    expect(
      await asUser(database.db, leadB.id, (tx) => markNotificationRead(tx, leadB.acting, first.id)),
    ).toBe(0);
    await expectRefused(
      asUser(database.db, leadB.id, (tx) =>
        tx.execute(
          sql`insert into notifications (user_id, title) values (${leadA.id}, 'Phishing: sign in again')`,
        ),
      ),
      /permission denied/,
    );
    await expectRefused(
      asUser(database.db, leadB.id, (tx) =>
        tx.execute(sql`update notifications set title = 'forged' where user_id = ${leadB.id}`),
      ),
      /permission denied/,
    );

    // Their owner marks one read, then all.
    const before = await countUnreadNotifications(database.db, leadA.id);
    expect(before).toBe(mine.unread);
    expect(
      await asUser(database.db, leadA.id, (tx) => markNotificationRead(tx, leadA.acting, first.id)),
    ).toBe(1);
    expect(await countUnreadNotifications(database.db, leadA.id)).toBe(before - 1);
    await asUser(database.db, leadA.id, (tx) => markAllNotificationsRead(tx, leadA.acting));
    expect(await countUnreadNotifications(database.db, leadA.id)).toBe(0);
    const after = await asUser(database.db, leadA.id, (tx) => listNotifications(tx, leadA.acting));
    expect(after.items.every((i) => !i.unread)).toBe(true);
  });
});

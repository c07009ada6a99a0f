import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateApplication } from "~/casework/application/application.server";
import { asUser, type Database, queryRows } from "~/db/database.server";
import { auditEvents, caseDocuments } from "~/db/schema";
import { claimDocumentFolder } from "~/documents/folder-identity.server";
import { createDocumentStore, type DocumentStore } from "~/documents/storage.server";
import { offerCase } from "~/referrals/coordinate-referral.server";
import { getCase } from "~/referrals/get-case.server";
import { getOffer } from "~/referrals/get-offer.server";
import { acceptOffer, declineOffer } from "~/referrals/respond.server";
import { offerSchema } from "~/referrals/schemas";
import { docxText } from "../support/read-documents";
import {
  createReferralPeople,
  type ReferralPeople,
  referralContext,
} from "../support/referral-scenario";
import {
  createScottishEligibleCase,
  FAMILY_ACCOUNT,
  SCOTTISH_PRISONER_NUMBER,
  type ScottishCase,
  savedConviction,
} from "../support/scottish-case";
import { createTestDatabase } from "../support/test-database";

/**
 * The applicant's own account, from the family's questionnaire to the project: the coordinator
 * chooses what goes in the pack (the account and every document ticked unless unticked), the
 * accepting project's case file shows the account as written and the documents that came, the
 * SCCRC draft is filled from it, and no other project reaches any of it.
 */
let database: Database;
let people: ReferralPeople;
let scottish: ScottishCase;
let store: DocumentStore;
let storeDir: string;
let firstOfferId: string;
let secondOfferId: string;
let caseId: string;

/** The offer form as the coordinator sends it: `includeAccount` present only when ticked. */
const offerForm = (projectId: string, documentIds: string[], includeAccount: boolean) =>
  offerSchema().parse({
    projectId,
    anyway: "on",
    summary: "Murder conviction; an alibi witness was never called.",
    documentIds,
    expiresOn: "2099-01-01",
    ...(includeAccount ? { includeAccount: "on" } : {}),
  });

beforeAll(async () => {
  database = await createTestDatabase();
  storeDir = fs.mkdtempSync(path.join(os.tmpdir(), "clearname-account-"));
  await claimDocumentFolder(database.db, storeDir);
  store = createDocumentStore(storeDir, "applicants-account-secret-0123456789");
  people = await createReferralPeople(database.db);
  scottish = await createScottishEligibleCase(database.db, people, store);
  const ctx = referralContext(database.db);
  const { coordinator } = people;
  const offer = (projectId: string, documentIds: string[], includeAccount: boolean) =>
    asUser(database.db, coordinator.id, (tx) =>
      offerCase(
        tx,
        coordinator.acting,
        ctx,
        scottish.applicationId,
        offerForm(projectId, documentIds, includeAccount),
      ),
    );
  const offerIdOf = async () =>
    (
      await queryRows<{ id: string }>(
        database.db,
        sql`select id from referral_offers where application_id = ${scottish.applicationId}
          and status = 'offered'`,
      )
    )[0]?.id ?? "";
  // First, to Ashdown with the account unticked and only the letter.
  await offer(people.first.id, [scottish.letterId], false);
  firstOfferId = await offerIdOf();
  // Then, after Ashdown declines, to Glenmorra with the account and the letter, the scan unticked.
  await asUser(database.db, people.first.lead.id, (tx) =>
    declineOffer(tx, people.first.lead.acting, ctx, firstOfferId, "No Scottish supervisor."),
  );
  await offer(people.second.id, [scottish.letterId], true);
  secondOfferId = await offerIdOf();
  const lead = people.second.lead;
  caseId = (
    await asUser(database.db, lead.id, (tx) =>
      acceptOffer(tx, lead.acting, store, ctx, secondOfferId),
    )
  ).caseId;
}, 180_000);
afterAll(async () => {
  await database?.close();
  if (storeDir) fs.rmSync(storeDir, { recursive: true, force: true });
});

describe("the court's name and the jurisdiction", () => {
  it("sets Scotland for the High Court of Justiciary when the assessor left it empty", async () => {
    expect(await savedConviction(database.db, scottish.assessmentId)).toEqual({
      courtName: "High Court of Justiciary",
      courtType: "high_court_of_justiciary",
      jurisdiction: "scotland",
    });
  });
});

describe("the offer form's case pack", () => {
  it("carries the account when ticked, and leaves it out when unticked", () => {
    expect(offerForm(people.first.id, [], true).includeAccount).toBe(true);
    expect(offerForm(people.first.id, [], false).includeAccount).toBe(false);
  });

  it("shows an unticked account and an unticked document to no one at the project", async () => {
    const rows = await queryRows<{ include_account: boolean; status: string }>(
      database.db,
      sql`select include_account, status from referral_offers where id = ${firstOfferId}`,
    );
    expect(rows[0]).toEqual({ include_account: false, status: "declined" });
    // The raw function as the first project's lead: nothing of the account.
    const seen = await asUser(database.db, people.first.lead.id, (tx) =>
      queryRows<{ data: Record<string, unknown> | null }>(
        tx,
        sql`select app_offer_case(${firstOfferId}::uuid) as data`,
      ),
    );
    expect(seen[0]?.data).toEqual({ reference: scottish.reference });
  });
});

describe("the accepting project's case file", () => {
  it("shows the applicant's own account as written, and audits the viewing", async () => {
    const lead = people.second.lead;
    const file = await asUser(database.db, lead.id, (tx) => getCase(tx, lead.acting, caseId));
    expect(file.case.account?.answers).toMatchObject({
      appealHistory: FAMILY_ACCOUNT.appealHistory,
      whyWrong: FAMILY_ACCOUNT.whyWrong,
      court: FAMILY_ACCOUNT.court,
    });
    expect(file.case.account).toMatchObject({ channel: "online", receivedOn: "2026-03-02" });
    expect(file.case.applicant.otherPrisonerNumber).toBe(SCOTTISH_PRISONER_NUMBER);
    const viewed = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from audit_events where action = 'case.viewed'
        and entity_id = ${caseId} and actor_user_id = ${lead.id}`,
    );
    expect(viewed[0]?.n).toBeGreaterThan(0);
    const [accepted] = await database.db
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "referral.accepted"), eq(auditEvents.entityId, caseId)));
    expect(accepted?.details).toMatchObject({ account: true, documents: [scottish.letterId] });
  });

  it("holds the ticked letter and not the unticked scan", async () => {
    const copies = await database.db
      .select({ source: caseDocuments.sourceDocumentId, filename: caseDocuments.filename })
      .from(caseDocuments)
      .where(eq(caseDocuments.caseId, caseId));
    expect(copies).toEqual([{ source: scottish.letterId, filename: "family-letter.pdf" }]);
  });

  it("is not found by another project's lead, nor readable in raw SQL", async () => {
    const other = people.first.lead;
    const refused = await asUser(database.db, other.id, (tx) =>
      getCase(tx, other.acting, caseId),
    ).then(
      () => null,
      (e: unknown) => e as { code?: string },
    );
    expect(refused?.code).toBe("NOT_FOUND");
    const offerRefused = await asUser(database.db, other.id, (tx) =>
      getOffer(tx, other.acting, secondOfferId),
    ).then(
      () => null,
      (e: unknown) => e as { code?: string },
    );
    expect(offerRefused?.code).toBe("NOT_FOUND");
    const raw = await asUser(database.db, other.id, (tx) =>
      queryRows<{ account: unknown }>(tx, sql`select account from cases where id = ${caseId}`),
    );
    expect(raw).toEqual([]);
    const viaFunction = await asUser(database.db, other.id, (tx) =>
      queryRows<{ data: unknown }>(tx, sql`select app_offer_case(${secondOfferId}::uuid) as data`),
    );
    expect(viaFunction[0]?.data).toBeNull();
  });
});

describe("the SCCRC draft", () => {
  it("carries the prisoner number, the establishment, the 2018 appeal and the family's account", async () => {
    const lead = people.second.lead;
    const made = await asUser(database.db, lead.id, (tx) =>
      generateApplication(tx, lead.acting, store, caseId, [
        {
          ground: "The alibi witnesses were never called",
          newMaterial: "Statements from Morag Rennie and her neighbour.",
          whyNotRaisedBefore: "The defence did not trace them before the trial.",
        },
      ]),
    );
    const [doc] = await database.db
      .select({ key: caseDocuments.storageKey })
      .from(caseDocuments)
      .where(eq(caseDocuments.id, made.docxDocumentId));
    const text = docxText(await store.get(doc?.key ?? ""));
    expect(text).toContain("Scottish Criminal Cases Review Commission (SCCRC)");
    expect(text).toContain(`Prison number: ${SCOTTISH_PRISONER_NUMBER}`);
    expect(text).toContain("Establishment: HMP Barlinnie");
    expect(text).toContain("Jurisdiction: Scotland");
    expect(text).toContain("Date of conviction: 2016-11-03");
    expect(text).toContain("Sentence: Life imprisonment, punishment part 16 years");
    expect(text).toContain(
      "refused by the High Court of Justiciary (Appeal Court) on 14 March 2018",
    );
    expect(text).toContain("Callum was at his sister's flat in Dennistoun all evening.");
    expect(text).not.toContain("No appeal is recorded");
    expect(text).not.toContain("Prison number: Not recorded");
    expect(text).not.toContain("Establishment: Not recorded");
    expect(text).toContain("High Court of Justiciary");
  });
});

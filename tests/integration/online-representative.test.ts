import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asSystem, asUser, type Database } from "~/db/database.server";
import {
  applications,
  correspondence,
  documents,
  emailOutbox,
  establishments,
  representatives,
} from "~/db/schema";
import { createDocumentStore, type DocumentStore } from "~/documents/storage.server";
import { getApplication } from "~/intake/entry/get-application.server";
import { loadEstablishments } from "~/intake/establishments.server";
import { saveDraftAnswers, startDraft } from "~/intake/online/drafts.server";
import { AboutYouSchema, onlineApplicantSchema } from "~/intake/online/schemas";
import { submitDraft } from "~/intake/online/submit-draft.server";
import { acknowledgeBatch, generateAcknowledgement } from "~/letters/file-letter.server";
import { createMailer } from "~/mail/mailer.server";
import { updateNetworkSettings } from "~/settings/network-settings.server";
import { createNetwork, createUser, type TestUser } from "../support/factories";
import { NEEDS_PDFTOTEXT, PDFTOTEXT, pdfPages } from "../support/read-documents";
import { createTestDatabase } from "../support/test-database";

/**
 * A relative who applies online becomes the applicant's representative (decision 022): shown
 * to intake, and sent copies of the letters to the applicant when the applicant agreed.
 */

let database: Database;
let intake: TestUser;
let store: DocumentStore;
let storeDir: string;
let barlinnieId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const network = await createNetwork(database.db);
  intake = await createUser(database.db, [
    { organisationId: network.id, roleKey: "intake_officer" },
  ]);
  const admin = await createUser(database.db, [
    { organisationId: network.id, roleKey: "administrator" },
  ]);
  await asUser(database.db, admin.id, (tx) =>
    updateNetworkSettings(tx, admin.acting, {
      acknowledgementTargetDays: 10,
      returnAddress: ["PO Box 4021", "Northmoor", "NM1 4ZZ"],
    }),
  );
  storeDir = fs.mkdtempSync(path.join(os.tmpdir(), "clearname-reps-"));
  store = createDocumentStore(storeDir, "reps-test-secret-reps-test-secret-0123");
  await loadEstablishments(database.db);
  const [barlinnie] = await asSystem(database.db, (tx) =>
    tx.select().from(establishments).where(eq(establishments.name, "HMP Barlinnie")),
  );
  if (!barlinnie) throw new Error("HMP Barlinnie is not listed");
  barlinnieId = barlinnie.id;
});
afterAll(async () => {
  await database?.close();
  if (storeDir) fs.rmSync(storeDir, { recursive: true, force: true });
});

const newIp = () => `2001:db8::${randomBytes(2).toString("hex")}:${randomBytes(2).toString("hex")}`;
const tag = () => randomBytes(3).toString("hex");

/**
 * The letters of a PDF, each a run of pages: a copy starts on a page of its own with its
 * heading "Copy of our letter to …".
 */
function letters(bytes: Uint8Array): { original: string; copies: string[] } {
  const pages = pdfPages(bytes).map((p) => p.replace(/\s+/g, " "));
  const starts = pages.flatMap((p, i) => (p.includes("Copy of our letter to") ? [i] : []));
  const ends = [...starts.slice(1), pages.length];
  return {
    original: pages.slice(0, starts[0] ?? pages.length).join(" "),
    copies: starts.map((s, i) => pages.slice(s, ends[i]).join(" ")),
  };
}

/** A sister applies for her brother in HMP Barlinnie, without making a password. */
async function sisterApplies(about: Record<string, string>, brother: string) {
  const started = await startDraft(database.db, { ip: newIp() });
  if (started.kind !== "started") throw new Error(started.kind);
  const id = started.draft.id;
  const base = { applyingFor: "behalf", relationship: "family", applicantAgrees: "yes" };
  await saveDraftAnswers(database.db, id, "about-you", AboutYouSchema.parse({ ...base, ...about }));
  await saveDraftAnswers(
    database.db,
    id,
    "applicant",
    onlineApplicantSchema().parse({
      fullName: brother,
      inPrison: "yes",
      establishmentId: barlinnieId,
      otherPrisonerNumber: "090000",
      legalCorrespondence: "yes",
    }),
  );
  await saveDraftAnswers(database.db, id, "conviction", { court: "Glasgow High Court" });
  const mailer = createMailer({ smtpUrl: undefined, from: "t@clearname.invalid", db: database.db });
  const sent = await submitDraft(database.db, mailer, { draftId: id, ip: newIp() });
  if (sent.kind !== "submitted") throw new Error(sent.kind);
  const [application] = await database.db
    .select()
    .from(applications)
    .where(eq(applications.reference, sent.reference));
  if (!application) throw new Error("no application");
  return application;
}

async function acknowledge(applicationId: string) {
  const letter = await asUser(database.db, intake.id, (tx) =>
    generateAcknowledgement(tx, intake.acting, store, applicationId, "pdf"),
  );
  const [doc] = await database.db
    .select()
    .from(documents)
    .where(eq(documents.id, letter.documentId));
  if (!doc) throw new Error("no document");
  return { doc, bytes: await store.get(doc.storageKey) };
}

describe("a relative who applies online", () => {
  it("is recorded as the applicant's representative, reached by post, and shown on the application", async () => {
    const name = `Isla Reid ${tag()}`;
    const application = await sisterApplies(
      { name, copies: "yes", address: "4 Dale Road\nPaisley\nPA1 2AB" },
      `Callum Reid ${tag()}`,
    );
    const reps = await database.db
      .select()
      .from(representatives)
      .where(eq(representatives.applicantId, application.applicantId));
    expect(reps).toHaveLength(1);
    expect(reps[0]).toMatchObject({
      name,
      relationship: "family",
      authorisedToReceive: "everything",
      address: "4 Dale Road\nPaisley\nPA1 2AB",
      email: null,
    });
    expect(application.channel).toBe("representative");
    expect(application.submittedBy).toMatchObject({
      applyingFor: "behalf",
      representativeId: reps[0]?.id,
      copies: true,
    });
    // No e-mail address was given, so nothing waits in the outbox for her.
    expect(
      await database.db.$count(
        emailOutbox,
        eq(emailOutbox.subject, `We have received the application – ${application.reference}`),
      ),
    ).toBe(0);

    const seen = await asUser(database.db, intake.id, (tx) =>
      getApplication(tx, intake.acting, application.id),
    );
    expect(seen.representatives).toEqual([
      expect.objectContaining({ name, madeThis: true, authorisedToReceive: "everything" }),
    ]);
  });

  it.skipIf(!PDFTOTEXT)(
    `gets a copy of the acknowledgement, addressed to her; his letter goes to the prison and names her (${NEEDS_PDFTOTEXT})`,
    async () => {
      const sister = `Isla Reid ${tag()}`;
      const brother = `Callum Reid ${tag()}`;
      const application = await sisterApplies(
        { name: sister, copies: "yes", address: "4 Dale Road, Paisley, PA1 2AB" },
        brother,
      );
      const { doc, bytes } = await acknowledge(application.id);
      const { original: his, copies } = letters(bytes);
      expect(copies).toHaveLength(1);
      const hers = copies[0];
      for (const text of [
        "LEGAL CORRESPONDENCE",
        "Rule 57",
        brother,
        "090000",
        "HMP Barlinnie",
        "G33 2QX",
        `Dear ${brother},`,
        `${sister} applied to us for you through our website`,
        `Copy to: ${sister}`,
      ])
        expect(his).toContain(text);
      expect(his).not.toContain("Thank you for writing to us");
      for (const text of [
        sister,
        "4 Dale Road",
        "Paisley",
        "PA1 2AB",
        `Dear ${sister},`,
        `This is a copy of our letter to ${brother}.`,
        `Our reference: ${application.reference}`,
      ])
        expect(hers).toContain(text);
      expect(hers).not.toContain("LEGAL CORRESPONDENCE");
      expect(hers).not.toContain("G33 2QX");
      const [entry] = await database.db
        .select()
        .from(correspondence)
        .where(eq(correspondence.documentId, doc.id));
      expect(entry?.summary).toContain(`copied to ${sister}`);
    },
  );

  it.skipIf(!PDFTOTEXT)(
    `gets no copy when the applicant did not ask for one, in a batch too (${NEEDS_PDFTOTEXT})`,
    async () => {
      const sister = `Mhairi Reid ${tag()}`;
      const brother = `Euan Reid ${tag()}`;
      const application = await sisterApplies(
        { name: sister, copies: "no", email: `mhairi-${tag()}@example.org` },
        brother,
      );
      const [rep] = await database.db
        .select()
        .from(representatives)
        .where(eq(representatives.applicantId, application.applicantId));
      expect(rep?.authorisedToReceive).toBe("progress_only");
      const batch = await asUser(database.db, intake.id, (tx) =>
        acknowledgeBatch(tx, intake.acting, store, [application.id]),
      );
      expect(batch.acknowledged).toEqual([application.reference]);
      const { original, copies } = letters(batch.pdf ?? new Uint8Array());
      expect(copies).toEqual([]);
      expect(original).toContain(`${sister} applied to us for you through our website`);
      expect(original).not.toContain("Copy to");
    },
  );

  it.skipIf(!PDFTOTEXT)(
    `copies a batch's letters too, each after the letter it copies (${NEEDS_PDFTOTEXT})`,
    async () => {
      const sister = `Ailsa Reid ${tag()}`;
      const application = await sisterApplies(
        { name: sister, copies: "yes", address: "9 Kirk Street\nGourock PA19 1AA" },
        `Fraser Reid ${tag()}`,
      );
      const batch = await asUser(database.db, intake.id, (tx) =>
        acknowledgeBatch(tx, intake.acting, store, [application.id]),
      );
      const { original, copies } = letters(batch.pdf ?? new Uint8Array());
      expect(original).toContain("HMP Barlinnie");
      expect(copies).toHaveLength(1);
      expect(copies[0]).toContain(`Dear ${sister},`);
      expect(copies[0]).toContain("Gourock PA19 1AA");
    },
  );
});

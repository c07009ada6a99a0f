import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "~/audit/verify-chain.server";
import { asSystem, asUser, type Database } from "~/db/database.server";
import { applications, auditEvents, correspondence, documents, establishments } from "~/db/schema";
import { createDocumentStore, type DocumentStore } from "~/documents/storage.server";
import { AppError } from "~/errors/app-error";
import { ApplicantSchema } from "~/intake/applicant-schema";
import { loadEstablishments } from "~/intake/establishments.server";
import { QUESTIONNAIRE_SECTIONS } from "~/intake/questionnaire";
import { recordApplication } from "~/intake/record-application.server";
import {
  acknowledgeBatch,
  generateAcknowledgement,
  type LetterFormat,
} from "~/letters/file-letter.server";
import { loadLetterSubjects } from "~/letters/letter-facts.server";
import { renderBlankQuestionnaire } from "~/letters/questionnaire-pdf.server";
import { updateNetworkSettings } from "~/settings/network-settings.server";
import { createNetwork, createUser, type TestUser } from "../support/factories";
import {
  docxText,
  NEEDS_PDFTOTEXT,
  PDFTOTEXT,
  pdfPages,
  pdfText,
  pdfWordHeights,
} from "../support/read-documents";
import { createTestDatabase } from "../support/test-database";

let database: Database;
let intake: TestUser;
let admin: TestUser;
let assessor: TestUser;
let store: DocumentStore;
let storeDir: string;
let altcourseId: string;
let unmatchedId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const network = await createNetwork(database.db);
  const on = (roleKey: "intake_officer" | "administrator" | "assessor") => [
    { organisationId: network.id, roleKey },
  ];
  intake = await createUser(database.db, on("intake_officer"));
  admin = await createUser(database.db, on("administrator"));
  assessor = await createUser(database.db, on("assessor"));
  storeDir = fs.mkdtempSync(path.join(os.tmpdir(), "clearname-letters-"));
  store = createDocumentStore(storeDir, "letters-test-secret-letters-test-secret");
  await loadEstablishments(database.db);
  const [altcourse] = await database.db
    .select()
    .from(establishments)
    .where(eq(establishments.name, "HMP/YOI Altcourse"));
  if (!altcourse) throw new Error("Altcourse is not in the register");
  altcourseId = altcourse.id;
  const [unmatched] = await asSystem(database.db, (tx) =>
    tx.insert(establishments).values({ name: "HMP Nowhere In Particular" }).returning(),
  );
  unmatchedId = unmatched?.id ?? "";
  await asUser(database.db, admin.id, (tx) =>
    updateNetworkSettings(tx, admin.acting, {
      acknowledgementTargetDays: 10,
      returnAddress: ["PO Box 4021", "Northmoor", "NM1 4ZZ"],
    }),
  );
});
afterAll(async () => {
  await database?.close();
  if (storeDir) fs.rmSync(storeDir, { recursive: true, force: true });
});

async function apply(fields: Record<string, string>) {
  return asUser(database.db, intake.id, (tx) =>
    recordApplication(
      tx,
      { userId: intake.id },
      {
        applicant: ApplicantSchema.parse(fields),
        channel: "post",
        receivedOn: "2026-11-02",
        questionnaire: {},
      },
    ),
  );
}

const inAltcourse = (name: string, extra: Record<string, string> = {}) =>
  apply({ fullName: name, prisonerNumber: "A1234BC", establishmentId: altcourseId, ...extra });

async function generate(applicationId: string, format: LetterFormat, who = intake) {
  const letter = await asUser(database.db, who.id, (tx) =>
    generateAcknowledgement(tx, who.acting, store, applicationId, format),
  );
  const [doc] = await database.db
    .select()
    .from(documents)
    .where(eq(documents.id, letter.documentId));
  if (!doc) throw new Error("no document row");
  return { letter, doc, bytes: await store.get(doc.storageKey) };
}

describe("the acknowledgement letter as PDF", () => {
  it.skipIf(!PDFTOTEXT)(`reads right, with the prison's address (${NEEDS_PDFTOTEXT})`, async () => {
    const r = await inAltcourse("Łukasz Wróbel");
    const { bytes } = await generate(r.applicationId, "pdf");
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfText(bytes);
    for (const expected of [
      "LEGAL CORRESPONDENCE",
      "Rule 39",
      "Łukasz Wróbel",
      "A1234BC",
      "HMP/YOI Altcourse",
      "Higher Lane",
      "Fazakerley",
      "Liverpool",
      "L9 7LH",
      `Our reference: ${r.reference}`,
      "We received your application on 2 November 2026.",
      "Dear Łukasz Wróbel,",
      "PO Box 4021",
    ])
      expect(text).toContain(expected);
    expect(text).not.toMatch(/\{\{|\}\}/);
  });

  it.skipIf(!PDFTOTEXT)(
    `is unmarked and in large print when asked (${NEEDS_PDFTOTEXT})`,
    async () => {
      const plain = await inAltcourse("Ottilie Marchbank");
      const large = await inAltcourse("Barnaby Quillfeather", {
        legalCorrespondence: "no",
        largePrint: "on",
      });
      const standard = pdfText((await generate(plain.applicationId, "pdf")).bytes);
      const big = await generate(large.applicationId, "pdf");
      expect(standard).toMatch(/LEGAL CORRESPONDENCE/);
      expect(pdfText(big.bytes)).not.toMatch(/legal correspondence/i);
      // Word boxes are about 1.17 times the font size: 11 pt is ~13, 16 pt is ~19.
      const [normal] = pdfWordHeights((await generate(plain.applicationId, "pdf")).bytes, "Dear");
      const [enlarged] = pdfWordHeights(big.bytes, "Dear");
      expect(normal).toBeLessThan(15);
      expect(enlarged).toBeGreaterThanOrEqual(16 * 1.1);
    },
  );

  it("files a document, a correspondence entry and an audit event, and acknowledges", async () => {
    const r = await inAltcourse("Cosmo Pennywhistle");
    const { letter, doc, bytes } = await generate(r.applicationId, "pdf");
    expect(letter.acknowledged).toBe(true);
    expect(doc).toMatchObject({
      applicationId: r.applicationId,
      applicantId: r.applicantId,
      kind: "letter_out",
      mediaType: "application/pdf",
      filename: `${r.reference}-acknowledgement.pdf`,
      createdBy: intake.id,
      byteSize: bytes.byteLength,
      sha256: createHash("sha256").update(bytes).digest("hex"),
    });
    // Encrypted at rest: the file on disk is not the PDF.
    const onDisk = fs.readFileSync(
      path.join(storeDir, "documents", doc.storageKey.slice(0, 2), doc.storageKey),
    );
    expect(onDisk.includes(Buffer.from("%PDF"))).toBe(false);
    const [entry] = await database.db
      .select()
      .from(correspondence)
      .where(eq(correspondence.documentId, doc.id));
    expect(entry).toMatchObject({
      applicantId: r.applicantId,
      applicationId: r.applicationId,
      direction: "out",
      kind: "letter",
    });
    expect(entry?.summary).toMatch(/^Acknowledgement letter \(PDF\), marked Legal Correspondence/);
    const [app] = await database.db
      .select()
      .from(applications)
      .where(eq(applications.id, r.applicationId));
    expect(app?.state).toBe("acknowledged");
    expect(app?.acknowledgedOn).toBeTruthy();
    const events = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, r.applicantId));
    const generated = events.find((e) => e.action === "letter.generated");
    expect(generated).toMatchObject({ actorUserId: intake.id, entityId: doc.id });
    expect(generated?.details).toMatchObject({ reference: r.reference, format: "pdf" });
    expect(events.map((e) => e.action)).toContain("application.state_changed");
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });

  it("files a Word copy too, without moving the state again", async () => {
    const r = await inAltcourse("Łukasz Wróbel", { aliases: "Luke Wrobel" });
    await generate(r.applicationId, "pdf");
    const { letter, doc, bytes } = await generate(r.applicationId, "docx");
    expect(letter.acknowledged).toBe(false);
    expect(doc.mediaType).toMatch(/wordprocessingml/);
    const text = docxText(bytes);
    for (const expected of ["Łukasz Wróbel", "A1234BC", "Higher Lane", "L9 7LH", r.reference])
      expect(text).toContain(expected);
    expect(text).toContain("LEGAL CORRESPONDENCE");
  });

  it("is refused to someone who may only read applications", async () => {
    const r = await inAltcourse("Rufus Eddlestone");
    const refused = await generate(r.applicationId, "pdf", assessor).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe("FORBIDDEN");
    const filed = await database.db
      .select()
      .from(documents)
      .where(eq(documents.applicationId, r.applicationId));
    expect(filed).toEqual([]);
  });
});

describe("acknowledging a batch", () => {
  it.skipIf(!PDFTOTEXT)(
    `prints the letters as one PDF and reports what it skipped (${NEEDS_PDFTOTEXT})`,
    async () => {
      const first = await inAltcourse("Jonty Marchbank");
      const second = await apply({
        fullName: "Perpetua Ashgrove",
        postalAddress: "12 Quarry Row\nBrackenfield\nBR4 2QT",
      });
      const done = await inAltcourse("Horatio Fennimore");
      await generate(done.applicationId, "pdf");
      const nowhere = await apply({ fullName: "Wilhelmina Nowt", establishmentId: unmatchedId });
      const ids = [done, second, first, nowhere].map((a) => a.applicationId);
      const result = await asUser(database.db, intake.id, (tx) =>
        acknowledgeBatch(tx, intake.acting, store, ids),
      );
      expect(result.acknowledged).toEqual([first.reference, second.reference].sort());
      expect(result.skipped).toEqual([
        {
          id: done.applicationId,
          reference: done.reference,
          reason: "it has already been acknowledged",
        },
        expect.objectContaining({
          reference: nowhere.reference,
          reason: expect.stringMatching(/no postal address/),
        }),
      ]);
      const pages = pdfPages(result.pdf ?? Buffer.alloc(0));
      expect(pages).toHaveLength(3);
      expect(pages[0]).toContain(first.reference);
      expect(pages[0]).toContain("Higher Lane");
      expect(pages[1]).toContain("Perpetua Ashgrove");
      expect(pages[1]).toContain("BR4 2QT");
      expect(pages[2]).toContain("Not acknowledged");
      expect(pages[2]).toContain(`${done.reference}: it has already been acknowledged`);
      expect(pages[2]).toContain(nowhere.reference);
      const states = await database.db
        .select({ id: applications.id, state: applications.state })
        .from(applications)
        .where(eq(applications.state, "acknowledged"));
      expect(states.map((s) => s.id)).toEqual(
        expect.arrayContaining([first.applicationId, second.applicationId]),
      );
      const [stillWaiting] = await loadLetterSubjects(database.db, [nowhere.applicationId]);
      expect(stillWaiting?.state).toBe("received");
      const letters = await database.db
        .select()
        .from(documents)
        .where(
          and(eq(documents.applicationId, first.applicationId), eq(documents.kind, "letter_out")),
        );
      expect(letters).toHaveLength(1);
      const [batchEvent] = await database.db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.action, "letter.batch_printed"));
      expect(batchEvent?.details).toMatchObject({ references: result.acknowledged });
    },
  );

  it("makes no PDF when nothing chosen can be acknowledged", async () => {
    const done = await inAltcourse("Araminta Sedge");
    await generate(done.applicationId, "pdf");
    const result = await asUser(database.db, intake.id, (tx) =>
      acknowledgeBatch(tx, intake.acting, store, [
        done.applicationId,
        "00000000-0000-0000-0000-000000000000",
      ]),
    );
    expect(result.pdf).toBeNull();
    expect(result.skipped.map((s) => s.reason)).toEqual([
      "it was not found",
      "it has already been acknowledged",
    ]);
  });
});

describe("the blank questionnaire", () => {
  it.skipIf(!PDFTOTEXT)(
    `carries the reference on every page and the return address (${NEEDS_PDFTOTEXT})`,
    async () => {
      const pdf = await renderBlankQuestionnaire({
        reference: "CN-2026-00077",
        networkName: "Northmoor Innocence Network",
        returnAddress: ["PO Box 4021", "Northmoor", "NM1 4ZZ"],
        largePrint: false,
      });
      const pages = pdfPages(pdf);
      expect(pages.length).toBeGreaterThan(3);
      for (const page of pages) expect(page).toContain("CN-2026-00077");
      const text = pages.join("\n");
      expect(text).toContain("PO Box 4021");
      for (const q of QUESTIONNAIRE_SECTIONS.flatMap((s) => s.questions))
        expect(text).toContain(q.label);
      expect(pages.at(-1)).toContain("Consent and form of authority");
      expect(pages.at(-1)).toContain("Your signature");
      expect(pages.at(-1)).toContain("Date");
    },
  );
});

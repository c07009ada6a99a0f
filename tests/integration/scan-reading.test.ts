import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { addCaseDocument } from "~/casework/documents/case-documents.server";
import { searchCasework } from "~/casework/search/search-casework.server";
import { caseDocuments, scanReadings } from "~/db/schema";
import { readWaitingScans } from "~/documents/ocr/scan-reader.server";
import { scanReadingsOf } from "~/documents/ocr/scan-readings.server";
import { ApplicantSchema } from "~/intake/applicant-schema";
import { withDocumentStore } from "~/intake/entry/document-store.server";
import { startPostalApplication } from "~/intake/entry/start-postal-application.server";
import { storeDocument } from "~/intake/entry/store-document.server";
import { searchQueue } from "~/intake/queue/search.server";
import { acceptedCase, setUpCasework } from "../support/casework-scenario";
import {
  pictureWithoutWords,
  prisonersLetter,
  scannedLetterImage,
  scannedLetterPdf,
} from "../support/scanned-letters";

/**
 * Scans read by OCR in the background: a photographed letter (an image) and a scanned PDF
 * (pictures of pages, no text layer) filed by intake and on a case are read by the reader's
 * job, with their confidence; intake finds each application by a word in its scans, the
 * case's team finds the case document in its search; a picture with no words is flagged
 * unreadable, never silently empty; and nobody outside a document's readers finds it.
 */
const ctx = setUpCasework("scan-reading");
let applicationId: string;
let caseId: string;

beforeAll(async () => {
  const { intake } = ctx.people;
  applicationId = (
    await ctx.as(intake, (tx) =>
      startPostalApplication(tx, intake.acting, {
        applicant: ApplicantSchema.parse({ fullName: "Roderick Quillan" }),
        reapplicationBy: null,
        channel: "post",
        receivedOn: "2026-11-20",
        consentSigned: false,
      }),
    )
  ).applicationId;
  caseId = (await acceptedCase(ctx, { project: "second", team: [ctx.people.second.caseworker] }))
    .caseId;
}, 240_000);

const fileOnApplication = (filename: string, bytes: Uint8Array) =>
  withDocumentStore(ctx.store, (store) =>
    ctx.as(ctx.people.intake, (tx) =>
      storeDocument(tx, ctx.people.intake.acting, store, {
        applicationId,
        kind: "scan",
        filename,
        bytes,
      }),
    ),
  );

async function readingOf(documentId: string) {
  const [row] = await ctx.db
    .select()
    .from(scanReadings)
    .where(eq(scanReadings.documentId, documentId));
  return row;
}

describe("intake scans", () => {
  let photo: string;
  let scanned: string;
  let blank: string;

  beforeAll(async () => {
    photo = (
      await fileOnApplication(
        "letter-photo.jpg",
        scannedLetterImage(
          prisonersLetter("Roderick Quillan", "The getaway van was tangerine."),
          "jpeg",
        ),
      )
    ).documentId;
    scanned = (
      await fileOnApplication(
        "trial-papers.pdf",
        await scannedLetterPdf([
          prisonersLetter("Roderick Quillan", "Nobody asked about the gloves."),
          prisonersLetter("Roderick Quillan", "The witness wore a corduroy jacket."),
        ]),
      )
    ).documentId;
    blank = (await fileOnApplication("garden.png", pictureWithoutWords())).documentId;
  }, 60_000);

  it("shows each scan waiting before the reader runs", async () => {
    const states = await ctx.as(ctx.people.intake, (tx) =>
      scanReadingsOf(tx, "document", [
        { id: photo, mediaType: "image/jpeg" },
        { id: scanned, mediaType: "application/pdf" },
      ]),
    );
    expect(states.get(photo)).toEqual({ status: "waiting" });
    expect(states.get(scanned)).toEqual({ status: "waiting" });
  });

  it("reads the photographed letter and every page of the scanned PDF, with confidence", async () => {
    await readWaitingScans(ctx.db, ctx.store);
    const photoReading = await readingOf(photo);
    expect(photoReading).toMatchObject({ status: "read", pages: 1, pagesByOcr: 1 });
    expect(photoReading?.confidence).toBeGreaterThan(70);
    expect(photoReading?.text).toMatch(/tangerine/i);
    const pdfReading = await readingOf(scanned);
    expect(pdfReading).toMatchObject({ status: "read", pages: 2, pagesDone: 2, pagesByOcr: 2 });
    expect(pdfReading?.text).toMatch(/gloves[\s\S]*corduroy/i);
    const states = await ctx.as(ctx.people.intake, (tx) =>
      scanReadingsOf(tx, "document", [{ id: scanned, mediaType: "application/pdf" }]),
    );
    expect(states.get(scanned)).toMatchObject({ status: "read", pagesByOcr: 2 });
  }, 120_000);

  it("flags a picture with no words as unreadable, with why", async () => {
    const reading = await readingOf(blank);
    expect(reading?.status).toBe("unreadable");
    expect(reading?.note).toMatch(/No text could be read/);
  });

  it("finds the application by a word in the photographed letter and one in the PDF", async () => {
    for (const word of ["tangerine", "corduroy"]) {
      const hits = await ctx.as(ctx.people.intake, (tx) => searchQueue(tx, word));
      expect(hits.applicationIds, word).toContain(applicationId);
      expect(hits.inScans).toBeGreaterThan(0);
    }
  });

  it("does not let a project's lead find the network's scans by their words", async () => {
    const lead = ctx.people.second.lead;
    const hits = await ctx.as(lead, (tx) => searchQueue(tx, "tangerine"));
    expect(hits.applicationIds).not.toContain(applicationId);
    const states = await ctx.as(lead, (tx) =>
      scanReadingsOf(tx, "document", [{ id: photo, mediaType: "image/jpeg" }]),
    );
    // Nothing of the reading is visible: it shows as not yet read, with no text or figure.
    expect(states.get(photo)).toEqual({ status: "waiting" });
  });
});

describe("case documents", () => {
  it("reads a scanned PDF on the case, and its team finds it by a word inside", async () => {
    const worker = ctx.people.second.caseworker;
    const added = await withDocumentStore(ctx.store, (store) =>
      ctx.as(worker, async (tx) =>
        addCaseDocument(tx, worker.acting, store, caseId, {
          filename: "statement-scan.pdf",
          bytes: await scannedLetterPdf([
            prisonersLetter("Roderick Quillan", "The bus driver saw a limping man."),
          ]),
          receivedFrom: "Former solicitors",
          receivedOn: "2026-11-01",
          description: "",
        }),
      ),
    );
    expect(added.extracted).toBe(false);
    await readWaitingScans(ctx.db, ctx.store);
    const [row] = await ctx.db
      .select({ text: caseDocuments.extractedText })
      .from(caseDocuments)
      .where(eq(caseDocuments.id, added.documentId));
    expect(row?.text).toMatch(/limping/i);
    const found = await ctx.as(worker, (tx) => searchCasework(tx, worker.acting, "limping"));
    const hit = found.cases.find((c) => c.caseId === caseId)?.hits;
    expect(hit?.map((h) => h.id)).toContain(added.documentId);
    const states = await ctx.as(worker, (tx) =>
      scanReadingsOf(tx, "case_document", [{ id: added.documentId, mediaType: "application/pdf" }]),
    );
    const state = states.get(added.documentId);
    expect(state).toMatchObject({ status: "read", pagesByOcr: 1 });
    expect(state && "confidence" in state ? state.confidence : 0).toBeGreaterThan(70);
  }, 120_000);
});

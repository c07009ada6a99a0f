import { eq, inArray } from "drizzle-orm";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { addCaseDocument } from "~/casework/documents/case-documents.server";
import { prepareRedaction, saveRedaction } from "~/casework/documents/redact-case-document.server";
import type { Config } from "~/config/config.server";
import { servicesContext } from "~/context.server";
import { closeRequest } from "~/data-protection/requests/close-request.server";
import { findRecords } from "~/data-protection/requests/find-records.server";
import { logRequest } from "~/data-protection/requests/log-request.server";
import type { Database } from "~/db/database.server";
import { caseDocumentRedactions, caseDocuments, cases, scanReadings } from "~/db/schema";
import { readWaitingScans } from "~/documents/ocr/scan-reader.server";
import { withDocumentStore } from "~/intake/entry/document-store.server";
import { action, loader } from "~/routes/cases/documents.$documentId.redact";
import { acceptedCase, setUpCasework } from "../support/casework-scenario";
import type { TestUser } from "../support/factories";
import { appError } from "../support/intake";
import { PDFTOTEXT, pdfText } from "../support/read-documents";
import { formPost, outcomeOf, routeContext } from "../support/route-call";
import { prisonersLetter, scannedLetterPdf } from "../support/scanned-letters";

/**
 * Redacted copies of case PDFs: a lead removes a witness's name from a PDF with a text layer
 * and from a scanned one; the copy is a new document beside the unchanged original, and the
 * name is in neither its text (pdftotext) nor what OCR reads on its pages, while the rest of
 * the letter is. Areas marked on the page (a signature line) are painted over too, through the
 * page's own form. A caseworker cannot make one, not even in raw SQL; a passage found nowhere,
 * an area on a page the document lacks or an empty area refuses the copy with nothing stored.
 */
const ctx = setUpCasework("redaction");
let caseId: string;
let clientName: string;
let lead: TestUser;
let worker: TestUser;
const NAME = "Roderick Quillan";
const LINE = `Witness ${NAME} saw the van.`;

async function textPdf(lines: string[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595, 842]);
  lines.forEach((line, i) => {
    page.drawText(line, { x: 60, y: 760 - i * 20, size: 12, font });
  });
  return pdf.save();
}

const add = (filename: string, bytes: Uint8Array) =>
  withDocumentStore(ctx.store, (store) =>
    ctx.as(worker, (tx) =>
      addCaseDocument(tx, worker.acting, store, caseId, {
        filename,
        bytes,
        receivedFrom: "Former solicitors",
        receivedOn: "2026-10-01",
        description: "",
      }),
    ),
  );

async function redact(user: TestUser, documentId: string, passages: string[]) {
  const prepared = await prepareRedaction(
    (fn) => ctx.as(user, (tx) => fn(tx, user.acting)),
    ctx.store,
    caseId,
    documentId,
    passages,
  );
  return withDocumentStore(ctx.store, (store) =>
    ctx.as(user, (tx) => saveRedaction(tx, user.acting, store, caseId, documentId, prepared)),
  );
}

/** The context the redaction page's loader and action get, with this file's store. */
function pageContext(user: TestUser) {
  const context = routeContext({ db: ctx.db } as Database, user.acting);
  context.set(servicesContext, {
    ...context.get(servicesContext),
    config: { dataDir: ctx.storeDir } as Config,
    secret: ctx.secret,
  });
  return context;
}

/** Posts the redaction form as a browser does. */
const postRedaction = (user: TestUser, documentId: string, fields: Record<string, string>) =>
  outcomeOf(() =>
    action({
      request: formPost(`/cases/${caseId}/documents/${documentId}/redact`, {
        intent: "redact",
        ...fields,
      }),
      params: { id: caseId, documentId },
      context: pageContext(user),
    } as unknown as Parameters<typeof action>[0]),
  );

const documentsOfCase = () =>
  ctx.db.select().from(caseDocuments).where(eq(caseDocuments.caseId, caseId));

/** The field errors of a refused post, by field. */
function fieldErrors(out: { data?: unknown }): Record<string, string[]> {
  return (out.data as { result: { error: Record<string, string[]> } }).result.error;
}

async function bytesOf(documentId: string): Promise<Uint8Array> {
  const [row] = await ctx.db.select().from(caseDocuments).where(eq(caseDocuments.id, documentId));
  if (!row) throw new Error("no document");
  return new Uint8Array(await ctx.store.get(row.storageKey));
}

/** A case document's searchable text, as the scan reader left it. */
async function textOf(documentId: string): Promise<string | null> {
  const [row] = await ctx.db
    .select({ text: caseDocuments.extractedText })
    .from(caseDocuments)
    .where(eq(caseDocuments.id, documentId));
  return row?.text ?? null;
}

beforeAll(async () => {
  lead = ctx.people.second.lead;
  worker = ctx.people.second.caseworker;
  const accepted = await acceptedCase(ctx, { project: "second", team: [worker] });
  caseId = accepted.caseId;
  clientName = accepted.fullName;
}, 240_000);

describe("redacted copies", () => {
  it.skipIf(!PDFTOTEXT)(
    "removes a name from a PDF with a text layer, keeping the original",
    async () => {
      const original = await add("statement.pdf", await textPdf(prisonersLetter(NAME, LINE)));
      const before = await bytesOf(original.documentId);
      expect(pdfText(before)).toContain("Quillan");
      const { documentId } = await redact(lead, original.documentId, ["roderick  QUILLAN"]);
      const copy = await bytesOf(documentId);
      expect(pdfText(copy)).not.toMatch(/quillan/i);
      expect(Buffer.from(copy).toString("latin1")).not.toMatch(/quillan/i);
      // The original is kept as it was, and the copy is recorded beside it.
      expect(await bytesOf(original.documentId)).toEqual(before);
      const [kept] = await ctx.db
        .select()
        .from(caseDocumentRedactions)
        .where(eq(caseDocumentRedactions.redactedId, documentId));
      expect(kept).toMatchObject({ originalId: original.documentId, passages: 1 });
      const [row] = await ctx.db
        .select()
        .from(caseDocuments)
        .where(eq(caseDocuments.id, documentId));
      expect(row).toMatchObject({ filename: "statement (redacted).pdf", caseId });
      // Read again by OCR, the copy still says everything else, and not the name.
      await readWaitingScans(ctx.db, ctx.store);
      const read = await textOf(documentId);
      expect(read).toMatch(/identification parade/);
      expect(read).not.toMatch(/quillan/i);
    },
    180_000,
  );

  it("removes a name from a scanned PDF, found by OCR", async () => {
    const original = await add(
      "scanned-letter.pdf",
      await scannedLetterPdf([prisonersLetter(NAME, LINE)]),
    );
    const { documentId } = await redact(lead, original.documentId, [NAME]);
    await readWaitingScans(ctx.db, ctx.store);
    const read = await textOf(documentId);
    expect(read).toMatch(/identification parade/);
    expect(read).not.toMatch(/quillan|roderick/i);
  }, 180_000);

  it("refuses a passage it cannot find, storing nothing", async () => {
    const original = await add("another.pdf", await textPdf(prisonersLetter(NAME, LINE)));
    const before = await ctx.db
      .select()
      .from(caseDocuments)
      .where(eq(caseDocuments.caseId, caseId));
    const refused = await appError(redact(lead, original.documentId, [NAME, "Agatha Nobody"]));
    expect(refused.code).toBe("INVALID");
    expect(refused.message).toMatch(/Agatha Nobody/);
    const after = await ctx.db.select().from(caseDocuments).where(eq(caseDocuments.caseId, caseId));
    expect(after).toHaveLength(before.length);
  }, 120_000);

  it.skipIf(!PDFTOTEXT)(
    "paints over an area marked on the page: the name in it is gone, the rest is kept",
    async () => {
      // The name is only on the letter's last line (12 pt at 302 pt from the top of 842 pt,
      // 34.8% to 36.2%); the area takes 34.5% to 37.5% of the page's height.
      const original = await add(
        "signed-letter.pdf",
        await textPdf(prisonersLetter(NAME, "The van was blue.")),
      );
      expect(pdfText(await bytesOf(original.documentId))).toContain("Quillan");
      // The page shows the document's pages to mark areas on, with its page count.
      const page = await loader({
        params: { id: caseId, documentId: original.documentId },
        context: pageContext(lead),
      } as unknown as Parameters<typeof loader>[0]);
      expect(page.preview).toMatchObject({ ok: true, pages: 1 });
      const previews = page.preview.ok ? page.preview.previews : [];
      expect(previews).toHaveLength(1);
      expect(previews[0]?.src).toMatch(/^data:image\/jpeg;base64,/);

      const out = await postRedaction(lead, original.documentId, {
        passages: "",
        areas: "page 1: 0 34.5 100 3",
      });
      expect(out.status).toBe(302);
      const documentId = new URL(`http://x${out.location}`).searchParams.get("redacted") ?? "";
      const copy = await bytesOf(documentId);
      expect(pdfText(copy)).not.toMatch(/quillan/i);
      expect(Buffer.from(copy).toString("latin1")).not.toMatch(/quillan/i);
      const [kept] = await ctx.db
        .select()
        .from(caseDocumentRedactions)
        .where(eq(caseDocumentRedactions.redactedId, documentId));
      expect(kept).toMatchObject({ originalId: original.documentId, passages: 0, areas: 1 });
      // Read by OCR, the copy has the letter, its closing line just above, and not the name.
      await readWaitingScans(ctx.db, ctx.store);
      const read = await textOf(documentId);
      expect(read).toMatch(/identification parade/);
      expect(read).toMatch(/faithfully/);
      expect(read).not.toMatch(/quillan|roderick/i);
    },
    180_000,
  );

  it("paints over an area of a scanned page", async () => {
    // Drawn at 200 dpi: the name's line sits at 35.5% to 36.9% of the page's height.
    const original = await add(
      "scanned-signed.pdf",
      await scannedLetterPdf([prisonersLetter(NAME, "The van was blue.")]),
    );
    const prepared = await prepareRedaction(
      (fn) => ctx.as(lead, (tx) => fn(tx, lead.acting)),
      ctx.store,
      caseId,
      original.documentId,
      [],
      [{ page: 1, left: 0, top: 35, width: 100, height: 2.5 }],
    );
    expect(prepared).toMatchObject({ areas: 1, found: [], pages: 1 });
    const { documentId } = await withDocumentStore(ctx.store, (store) =>
      ctx.as(lead, (tx) =>
        saveRedaction(tx, lead.acting, store, caseId, original.documentId, prepared),
      ),
    );
    await readWaitingScans(ctx.db, ctx.store);
    const read = await textOf(documentId);
    expect(read).toMatch(/identification parade/);
    expect(read).not.toMatch(/quillan|roderick/i);
  }, 180_000);

  it("refuses an area on a page the document lacks, or an empty one, storing nothing", async () => {
    const original = await add("one-page.pdf", await textPdf(prisonersLetter(NAME, LINE)));
    const before = await documentsOfCase();
    const offPage = await postRedaction(lead, original.documentId, {
      passages: "",
      areas: "page 1: 0 0 10 10\npage 3: 10 20 30 5",
    });
    expect(offPage.status).toBe(422);
    expect(fieldErrors(offPage).areas?.[0]).toMatch(/no page 3: the document has 1 page/);
    const empty = await postRedaction(lead, original.documentId, {
      passages: NAME,
      areas: "page 1: 10 20 30 0",
    });
    expect(empty.status).toBe(400);
    expect(fieldErrors(empty).areas?.[0]).toMatch(/Area on line 1: .*more than 0/);
    const neither = await postRedaction(lead, original.documentId, { passages: "", areas: "" });
    expect(neither.status).toBe(400);
    expect(fieldErrors(neither).passages?.[0]).toMatch(/passages to remove, or mark the areas/);
    // The domain refuses them too, whoever calls it.
    const direct = await appError(
      prepareRedaction(
        (fn) => ctx.as(lead, (tx) => fn(tx, lead.acting)),
        ctx.store,
        caseId,
        original.documentId,
        [],
        [{ page: 1, left: 10, top: 20, width: 0, height: 5 }],
      ),
    );
    expect(direct.code).toBe("INVALID");
    expect(await documentsOfCase()).toHaveLength(before.length);
    expect(
      await ctx.db
        .select()
        .from(caseDocumentRedactions)
        .where(eq(caseDocumentRedactions.originalId, original.documentId)),
    ).toHaveLength(0);
  }, 120_000);

  it("lets only the project's leads make one, in the app and in the database", async () => {
    const original = await add("for-worker.pdf", await textPdf(prisonersLetter(NAME, LINE)));
    const refused = await appError(redact(worker, original.documentId, [NAME]));
    expect(refused.code).toBe("FORBIDDEN");
    const raw = await ctx
      .as(worker, (tx) =>
        tx.insert(caseDocumentRedactions).values({
          originalId: original.documentId,
          redactedId: original.documentId,
          passages: 1,
        }),
      )
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(String((raw as { cause?: unknown })?.cause ?? raw)).toMatch(/row-level security/);
  }, 60_000);

  it("goes, readings and redaction records with it, when the closed case is erased", async () => {
    const before = await ctx.db
      .select({ id: scanReadings.id })
      .from(scanReadings)
      .innerJoin(caseDocuments, eq(caseDocuments.id, scanReadings.caseDocumentId))
      .where(eq(caseDocuments.caseId, caseId));
    expect(before.length).toBeGreaterThan(0);
    await ctx.db
      .update(cases)
      .set({ stage: "closed", endedAt: new Date() })
      .where(eq(cases.id, caseId));
    const { id } = await ctx.as(lead, (tx) =>
      logRequest(tx, lead.acting, {
        kind: "erasure",
        personName: clientName,
        personDetails: "",
        applicantId: null,
        contactAddress: "HMP Altcourse\nHigher Lane\nLiverpool L9 7LH",
        identityCheck: "Prisoner number and date of birth match the record",
        details: "",
        receivedOn: "2026-11-20",
      }),
    );
    await ctx.as(lead, (tx) => findRecords(tx, lead.acting, id));
    await ctx.as(lead, (tx) =>
      closeRequest(tx, lead.acting, id, { outcome: "completed", decision: "Erased." }),
    );
    expect(await ctx.db.select().from(cases).where(eq(cases.id, caseId))).toHaveLength(0);
    const left = await ctx.db
      .select({ id: scanReadings.id })
      .from(scanReadings)
      .where(
        inArray(
          scanReadings.id,
          before.map((r) => r.id),
        ),
      );
    expect(left).toHaveLength(0);
    expect(await ctx.db.select().from(caseDocumentRedactions)).toHaveLength(0);
  }, 60_000);
});

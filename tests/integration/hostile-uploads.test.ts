import fs from "node:fs";
import http, { type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addCaseDocument, listCaseDocuments } from "~/casework/documents/case-documents.server";
import { loadConfig } from "~/config/config.server";
import { asUser, type Database } from "~/db/database.server";
import { caseDocuments, documents, importRuns } from "~/db/schema";
import { createDocumentStore, type DocumentStore } from "~/documents/storage.server";
import { AppError } from "~/errors/app-error";
import { withDocumentStore } from "~/intake/entry/document-store.server";
import { readScan } from "~/intake/entry/scan-checks.server";
import { storeDocument } from "~/intake/entry/store-document.server";
import { loadEstablishments } from "~/intake/establishments.server";
import { checkImportRun } from "~/intake/import/check-import.server";
import { MAX_IMPORT_ROWS } from "~/intake/import/read-rows.server";
import { createImportRun, readImportFile, saveMapping } from "~/intake/import/runs.server";
import { createMailer } from "~/mail/mailer.server";
import {
  embeddedFilePdf,
  javascriptPdf,
  lyingXlsxBomb,
  manyPagePdf,
  xlsxBomb,
} from "../../bench/hostile-files";
import { createApp } from "../../server/app";
import { acceptedCase, type CaseworkContext } from "../support/casework-scenario";
import type { TestUser } from "../support/factories";
import { createReferralPeople, type ReferralPeople } from "../support/referral-scenario";
import { createTestDatabase } from "../support/test-database";
import { columnFields } from "./import-harness";

/**
 * Files made to stall the server — a PDF of 50,000 pages, an XLSX bomb that unpacks to 80 MB,
 * a register of more rows than an import takes — are refused with a clear message and leave
 * nothing stored, while another user's requests to the same server, on the same database,
 * keep being answered within a second.
 */
let database: Database;
let people: ReferralPeople;
let store: DocumentStore;
let storeDir: string;
let server: Server;
let base: string;
let worker: TestUser;
let caseId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await loadEstablishments(database.db);
  people = await createReferralPeople(database.db);
  storeDir = fs.mkdtempSync(path.join(os.tmpdir(), "clearname-hostile-"));
  const secret = "hostile-uploads-secret-0123456789abcdef";
  store = createDocumentStore(storeDir, secret);
  const ctx: CaseworkContext = {
    db: database.db,
    people,
    store,
    storeDir,
    secret,
    as: (user, fn) => asUser(database.db, user.id, fn),
  };
  worker = people.second.caseworker;
  caseId = (await acceptedCase(ctx, { project: "second", team: [worker] })).caseId;
  const config = loadConfig({ DATA_DIR: storeDir });
  const app = createApp({
    services: {
      config,
      database,
      mailer: createMailer({ smtpUrl: undefined, from: config.mailFrom, db: database.db }),
      logger: pino({ level: "silent" }),
      secret,
    },
    // Only /healthz is asked for while the files are read.
    build: () => Promise.reject(new Error("the React Router build was reached")),
  });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 180_000);
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await database?.close();
  if (storeDir) fs.rmSync(storeDir, { recursive: true, force: true });
});

/**
 * One GET /healthz on a connection of its own: a kept-alive one can be closed by the server
 * between tests just as it is reused.
 */
function healthz(): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(`${base}/healthz`, { agent: false }, (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      })
      .on("error", reject);
  });
}

/**
 * Runs `work` while another user asks the server for /healthz (which asks the database) one
 * request after another; gives back what the work gave and how long each request took.
 */
async function whileBrowsing<T>(work: () => Promise<T>): Promise<{ value: T; times: number[] }> {
  const times: number[] = [];
  let done = false;
  const browsing = (async () => {
    while (!done) {
      const started = performance.now();
      expect(await healthz()).toBe(200);
      times.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  try {
    return { value: await work(), times };
  } finally {
    done = true;
    await browsing;
  }
}

/** What an upload of a case document does (the route's steps), giving the refusal if any. */
async function uploadCaseDocument(bytes: Buffer, filename: string): Promise<string | null> {
  const read = await readScan(bytes, { extractText: true });
  if (!read.ok) return read.message;
  try {
    await withDocumentStore(store, (s) =>
      asUser(database.db, worker.id, (tx) =>
        addCaseDocument(tx, worker.acting, s, caseId, {
          filename,
          bytes,
          scan: read.scan,
          receivedFrom: "An unknown sender",
          receivedOn: "2026-03-02",
          description: "",
        }),
      ),
    );
    return null;
  } catch (error) {
    if (error instanceof AppError) return error.message;
    throw error;
  }
}

function filesInStore(): number {
  const root = path.join(storeDir, "documents");
  if (!fs.existsSync(root)) return 0;
  return fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
    .length;
}

async function caseDocumentCount(): Promise<number> {
  const [row] = await database.db
    .select({ n: count() })
    .from(caseDocuments)
    .where(eq(caseDocuments.caseId, caseId));
  return Number(row?.n);
}

describe("a PDF of 50,000 pages", () => {
  it("is refused with the number of pages and the limit, storing nothing, while others are answered", async () => {
    const pdf = manyPagePdf(50_000);
    const before = { rows: await caseDocumentCount(), files: filesInStore() };
    const { value: refusal, times } = await whileBrowsing(() =>
      uploadCaseDocument(pdf, "bundle.pdf"),
    );
    expect(refusal).toBe(
      "The PDF has 50,000 pages, more than the 2,000 a case document may have: split it into parts of up to 2,000 pages and add each",
    );
    expect({ rows: await caseDocumentCount(), files: filesInStore() }).toEqual(before);
    expect(times.length).toBeGreaterThan(0);
    expect(Math.max(...times)).toBeLessThan(1000);
  }, 120_000);

  it("of 1,500 pages, under the limit, is read in the worker and searchable, while others are answered", async () => {
    const { value: refusal, times } = await whileBrowsing(() =>
      uploadCaseDocument(manyPagePdf(1_500, "Custody record of the night"), "transcript.pdf"),
    );
    expect(refusal).toBeNull();
    const [row] = await database.db
      .select({ text: caseDocuments.extractedText })
      .from(caseDocuments)
      .where(eq(caseDocuments.filename, "transcript.pdf"));
    expect(row?.text).toContain("Custody record of the night");
    expect(times.length).toBeGreaterThan(3);
    expect(Math.max(...times)).toBeLessThan(1000);
  }, 120_000);
});

describe("a PDF that carries JavaScript or embedded files", () => {
  it("is kept, with a warning on the upload and in the case's document list", async () => {
    expect(await uploadCaseDocument(javascriptPdf(), "letter.pdf")).toBeNull();
    expect(await uploadCaseDocument(embeddedFilePdf(), "attachments.pdf")).toBeNull();
    const listed = await asUser(database.db, worker.id, (tx) =>
      listCaseDocuments(tx, worker.acting, caseId),
    );
    const warningOf = (filename: string) =>
      listed.documents.find((d) => d.filename === filename)?.warning;
    expect(warningOf("letter.pdf")).toMatch(/^This PDF carries JavaScript or actions that run/);
    expect(warningOf("attachments.pdf")).toMatch(/^This PDF carries embedded files\./);
    expect(warningOf("transcript.pdf")).toBeNull();
  });

  it("sent to intake, is stored with its active content noted and the uploader warned", async () => {
    const { intake } = people;
    const [application] = await asUser(database.db, people.coordinator.id, (tx) =>
      tx.query.applications.findMany({ columns: { id: true }, limit: 1 }),
    );
    expect(application).toBeDefined();
    const stored = await withDocumentStore(store, (s) =>
      asUser(database.db, intake.id, (tx) =>
        storeDocument(tx, intake.acting, s, {
          applicationId: application?.id,
          kind: "letter_in",
          filename: "letter.pdf",
          bytes: javascriptPdf(),
        }),
      ),
    );
    expect(stored.warning).toMatch(/JavaScript/);
    const [row] = await database.db
      .select({ activeContent: documents.activeContent })
      .from(documents)
      .where(eq(documents.id, stored.documentId));
    expect(row?.activeContent).toEqual(["javascript"]);
  });
});

describe("spreadsheets for import", () => {
  async function importRunCount(): Promise<number> {
    const [row] = await database.db.select({ n: count() }).from(importRuns);
    return Number(row?.n);
  }

  it("an XLSX bomb (80 MB of sheet in a small ZIP) is refused before it is opened, storing nothing", async () => {
    const bomb = xlsxBomb();
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const before = { runs: await importRunCount(), files: filesInStore() };
    const { value: read, times } = await whileBrowsing(() =>
      readImportFile({ filename: "register.xlsx", bytes: bomb }),
    );
    expect(read).toEqual({
      ok: false,
      message: expect.stringMatching(
        /^The workbook was not opened: its part xl\/worksheets\/sheet1\.xml unpacks to 79 MB from [\d,]+ bytes, [\d,]+ times its size, which no spreadsheet does\./,
      ),
    });
    // Straight to the domain function (as a script would call it): refused the same way.
    const refused = await asUser(database.db, people.intake.id, (tx) =>
      createImportRun(tx, people.intake.acting, store, { filename: "register.xlsx", bytes: bomb }),
    ).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect({ runs: await importRunCount(), files: filesInStore() }).toEqual(before);
    expect(Math.max(...times)).toBeLessThan(1000);
  }, 120_000);

  it("the same bomb with a ZIP directory that lies about its size is still refused, storing nothing", async () => {
    const bomb = lyingXlsxBomb();
    const before = { runs: await importRunCount(), files: filesInStore() };
    const { value: read, times } = await whileBrowsing(() =>
      readImportFile({ filename: "register.xlsx", bytes: bomb }),
    );
    expect(read.ok).toBe(false);
    expect(read.ok ? "" : read.message).toMatch(/^The workbook could not be read/);
    expect({ runs: await importRunCount(), files: filesInStore() }).toEqual(before);
    expect(Math.max(...times)).toBeLessThan(1000);
  }, 120_000);

  it("a CSV of more rows than an import takes fails its check with the reason, while others are answered", async () => {
    const { intake } = people;
    const headers = ["Name", "Date received"];
    const lines = [headers.join(",")];
    for (let i = 0; i <= MAX_IMPORT_ROWS; i++) lines.push(`Person ${i},2026-01-01`);
    const bytes = Buffer.from(lines.join("\n"));
    const run = await asUser(database.db, intake.id, (tx) =>
      createImportRun(tx, intake.acting, store, { filename: "register.csv", bytes }),
    );
    await asUser(database.db, intake.id, (tx) =>
      saveMapping(tx, intake.acting, run, headers, columnFields(headers)),
    );
    const { value: checked, times } = await whileBrowsing(() =>
      checkImportRun(database.db, intake.acting, store, run.id),
    );
    expect(checked).toMatchObject({
      status: "failed",
      failure:
        "The file has more than 100,000 rows, the most one import takes. Split it into parts of up to 100,000 rows and import each.",
    });
    expect(Math.max(...times)).toBeLessThan(1000);
  }, 180_000);
});

import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asUser, type Database } from "~/db/database.server";
import { auditEvents, documents } from "~/db/schema";
import { createDocumentStore, type DocumentStore } from "~/documents/storage.server";
import { AppError } from "~/errors/app-error";
import { ApplicantSchema } from "~/intake/applicant-schema";
import { withDocumentStore } from "~/intake/entry/document-store.server";
import { openDocument } from "~/intake/entry/open-document.server";
import { readUploadForm } from "~/intake/entry/read-upload.server";
import { startPostalApplication } from "~/intake/entry/start-postal-application.server";
import { storeDocument } from "~/intake/entry/store-document.server";
import { MAX_UPLOAD_BYTES } from "~/intake/entry/upload-rules";
import { createNetwork, createOrganisation, createUser, type TestUser } from "../support/factories";
import { tinyPdf, tinyPng } from "../support/scans";
import { createTestDatabase } from "../support/test-database";

let database: Database;
let intake: TestUser;
let dataDir: string;
let store: DocumentStore;
let applicationId: string;
let applicantId: string;
beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "clearname-docs-"));
  store = createDocumentStore(dataDir, "a-test-secret-that-is-long-enough-for-this");
  const network = await createNetwork(database.db);
  intake = await createUser(database.db, [
    { organisationId: network.id, roleKey: "intake_officer" },
  ]);
  const started = await asUser(database.db, intake.id, (tx) =>
    startPostalApplication(tx, intake.acting, {
      applicant: ApplicantSchema.parse({ fullName: "Petra Scanlon" }),
      reapplicationBy: null,
      channel: "post",
      receivedOn: "2026-11-02",
      consentSigned: false,
    }),
  );
  applicationId = started.applicationId;
  applicantId = started.applicantId;
});
afterAll(async () => {
  await database?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function filesOnDisk(): string[] {
  const root = path.join(dataDir, "documents");
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

async function documentRows(): Promise<number> {
  const [r] = await database.db.select({ n: count() }).from(documents);
  return Number(r?.n);
}

const upload = (filename: string, bytes: Uint8Array, s: DocumentStore = store) =>
  asUser(database.db, intake.id, (tx) =>
    storeDocument(tx, intake.acting, s, { applicationId, kind: "scan", filename, bytes }),
  );

async function expectRefusedWithNothingStored(filename: string, bytes: Uint8Array, why: RegExp) {
  const before = { rows: await documentRows(), files: filesOnDisk().length };
  const error = await upload(filename, bytes).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe("INVALID");
  expect((error as AppError).message).toMatch(why);
  expect({ rows: await documentRows(), files: filesOnDisk().length }).toEqual(before);
}

describe("uploading scans", () => {
  it("stores a PDF and a PNG encrypted, with the SHA-256 of the plain bytes, audited", async () => {
    for (const [name, bytes, type] of [
      ["letter.pdf", tinyPdf(), "application/pdf"],
      ["page 2.png", tinyPng(), "image/png"],
    ] as const) {
      const before = filesOnDisk();
      const stored = await upload(name, bytes);
      const sha = createHash("sha256").update(bytes).digest("hex");
      expect(stored).toMatchObject({ sha256: sha, mediaType: type, applicantId });
      const [doc] = await database.db
        .select()
        .from(documents)
        .where(eq(documents.id, stored.documentId));
      expect(doc).toMatchObject({ sha256: sha, byteSize: bytes.byteLength, filename: name });
      const added = filesOnDisk().filter((f) => !before.includes(f));
      expect(added).toHaveLength(1);
      const onDisk = fs.readFileSync(added[0] as string);
      expect(onDisk.equals(bytes)).toBe(false);
      expect(onDisk.includes(bytes.subarray(0, 8))).toBe(false);
      expect((await store.get(doc?.storageKey ?? "")).equals(bytes)).toBe(true);
      const [event] = await database.db
        .select()
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.action, "document.uploaded"),
            eq(auditEvents.entityId, stored.documentId),
          ),
        );
      expect(event?.subjectId).toBe(applicantId);
    }
  });

  it("refuses a text file named .pdf, an empty file, an oversized file and a truncated PDF, storing nothing", async () => {
    await expectRefusedWithNothingStored(
      "statement.pdf",
      Buffer.from("I am plain text pretending to be a PDF.\n"),
      /must be a PDF, JPEG or PNG/,
    );
    await expectRefusedWithNothingStored("empty.pdf", new Uint8Array(0), /empty/);
    const big = Buffer.alloc(MAX_UPLOAD_BYTES + 1, 0x20);
    tinyPdf().copy(big);
    big.write("%%EOF\n", big.length - 6, "latin1");
    await expectRefusedWithNothingStored("huge.pdf", big, /20 MB or smaller/);
    const pdf = tinyPdf();
    await expectRefusedWithNothingStored("cut.pdf", pdf.subarray(0, pdf.length - 40), /damaged/);
    await expectRefusedWithNothingStored(
      "photo.png",
      Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;", "latin1"),
      /must be a PDF, JPEG or PNG \(this file is GIF\)/,
    );
  });

  it("removes the stored file when the transaction does not commit", async () => {
    const before = { rows: await documentRows(), files: filesOnDisk().length };
    const failed = await withDocumentStore(store, (s) =>
      asUser(database.db, intake.id, async (tx) => {
        await storeDocument(tx, intake.acting, s, {
          applicationId,
          kind: "scan",
          filename: "letter.pdf",
          bytes: tinyPdf(),
        });
        expect(filesOnDisk().length).toBe(before.files + 1);
        throw new Error("the request failed after the upload");
      }),
    ).then(
      () => null,
      (e: unknown) => e,
    );
    expect(failed).toBeInstanceOf(Error);
    expect({ rows: await documentRows(), files: filesOnDisk().length }).toEqual(before);
  });
});

describe("reading an upload form as it streams", () => {
  const request = (form: FormData) =>
    new Request("http://localhost/applications/x/documents", { method: "POST", body: form });

  it("reads one file and its fields", async () => {
    const form = new FormData();
    form.append("kind", "consent");
    form.append(
      "file",
      new File([new Uint8Array(tinyPdf())], "consent.pdf", { type: "application/pdf" }),
    );
    const read = await readUploadForm(request(form));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.formData.get("kind")).toBe("consent");
    const file = read.formData.get("file") as File;
    expect(Buffer.from(await file.arrayBuffer()).equals(tinyPdf())).toBe(true);
  });

  it("stops at the size limit and at a second file, with a clear message", async () => {
    const before = filesOnDisk().length;
    const big = new FormData();
    big.append("kind", "consent");
    big.append("summary", "Letter from the applicant's sister, 3 pages");
    big.append("file", new File([new Uint8Array(2048)], "big.pdf"));
    // What was typed above the file comes back, so the form can show it again.
    expect(await readUploadForm(request(big), 1024)).toEqual({
      ok: false,
      message: expect.stringMatching(/or smaller: nothing was saved/),
      fields: { kind: "consent", summary: "Letter from the applicant's sister, 3 pages" },
    });
    const real = new FormData();
    real.append("file", new File([new Uint8Array(MAX_UPLOAD_BYTES + 1)], "big.pdf"));
    expect(await readUploadForm(request(real))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/20 MB or smaller/),
    });
    const two = new FormData();
    two.append("file", new File([new Uint8Array(tinyPdf())], "a.pdf"));
    two.append("file", new File([new Uint8Array(tinyPdf())], "b.pdf"));
    expect(await readUploadForm(request(two))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/one file at a time/),
    });
    expect(filesOnDisk().length).toBe(before);
  });
});

describe("downloading", () => {
  it("gives the plain bytes to staff who may read applications, audited; not to a project's members", async () => {
    const stored = await upload("letter.pdf", tinyPdf("for download"));
    const opened = await asUser(database.db, intake.id, (tx) =>
      openDocument(tx, intake.acting, store, stored.documentId),
    );
    expect(opened).toMatchObject({ filename: "letter.pdf", mediaType: "application/pdf" });
    expect(opened.bytes.equals(tinyPdf("for download"))).toBe(true);
    const [viewed] = await database.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, "document.viewed"), eq(auditEvents.entityId, stored.documentId)),
      );
    expect(viewed?.subjectId).toBe(applicantId);
    // The organisation that holds it, so that its officer finds the opening in the trail.
    expect(viewed?.organisationId).toEqual(expect.any(String));

    const project = await createOrganisation(database.db);
    const lead = await createUser(database.db, [
      { organisationId: project.id, roleKey: "project_lead" },
    ]);
    const denied = await asUser(database.db, lead.id, (tx) =>
      openDocument(tx, lead.acting, store, stored.documentId),
    ).then(
      () => null,
      (e: unknown) => e,
    );
    expect((denied as AppError).code).toBe("FORBIDDEN");
    const seen = await asUser(database.db, lead.id, (tx) => tx.select().from(documents));
    expect(seen).toEqual([]);
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { icoCategoryOf } from "~/audit/ico-categories";
import { asUser, type Database } from "~/db/database.server";
import { auditEvents, documents, establishments, letterTemplates } from "~/db/schema";
import { createDocumentStore, type DocumentStore } from "~/documents/storage.server";
import { AppError } from "~/errors/app-error";
import { ApplicantSchema } from "~/intake/applicant-schema";
import { loadEstablishments } from "~/intake/establishments.server";
import { recordApplication } from "~/intake/record-application.server";
import { generateAcknowledgement, type LetterFormat } from "~/letters/file-letter.server";
import {
  currentTemplate,
  getTemplateForEditing,
  listLetterTemplates,
  previewLetterTemplate,
  publishLetterTemplate,
} from "~/letters/letter-templates.server";
import { openLetter, remakeLetter } from "~/letters/list-letters.server";
import { draftOf, PreviewTemplateSchema, PublishTemplateSchema } from "~/letters/template-rules";
import { LETTER_TEMPLATES } from "~/letters/templates";
import { createNetwork, createUser, type TestUser } from "../support/factories";
import { docxText } from "../support/read-documents";
import { createTestDatabase } from "../support/test-database";

let database: Database;
let intake: TestUser;
let admin: TestUser;
let store: DocumentStore;
let storeDir: string;
let altcourseId: string;

const OLD_WORDING = "Thank you for writing to us.";
const NEW_WORDING = "Thank you for your letter, which reached us on 2 November 2026.";

beforeAll(async () => {
  database = await createTestDatabase();
  const network = await createNetwork(database.db);
  intake = await createUser(database.db, [
    { organisationId: network.id, roleKey: "intake_officer" },
  ]);
  admin = await createUser(database.db, [{ organisationId: network.id, roleKey: "administrator" }]);
  storeDir = fs.mkdtempSync(path.join(os.tmpdir(), "clearname-letter-templates-"));
  store = createDocumentStore(storeDir, "letter-templates-test-secret-letter-templates");
  await loadEstablishments(database.db);
  const [altcourse] = await database.db
    .select()
    .from(establishments)
    .where(eq(establishments.name, "HMP/YOI Altcourse"));
  if (!altcourse) throw new Error("Altcourse is not in the register");
  altcourseId = altcourse.id;
});
afterAll(async () => {
  await database?.close();
  if (storeDir) fs.rmSync(storeDir, { recursive: true, force: true });
});

async function apply(name: string) {
  return asUser(database.db, intake.id, (tx) =>
    recordApplication(
      tx,
      { userId: intake.id },
      {
        applicant: ApplicantSchema.parse({
          fullName: name,
          prisonerNumber: "A1234BC",
          establishmentId: altcourseId,
        }),
        channel: "post",
        receivedOn: "2026-11-02",
        questionnaire: {},
      },
    ),
  );
}

async function generate(applicationId: string, format: LetterFormat) {
  const letter = await asUser(database.db, intake.id, (tx) =>
    generateAcknowledgement(tx, intake.acting, store, applicationId, format),
  );
  const [doc] = await database.db
    .select()
    .from(documents)
    .where(eq(documents.id, letter.documentId));
  if (!doc) throw new Error("no document row");
  return { doc, bytes: await store.get(doc.storageKey) };
}

/** The acknowledgement's form with its first paragraph reworded, as an administrator posts it. */
function reworded(basedOn: number, firstParagraph: string) {
  const draft = draftOf(LETTER_TEMPLATES.acknowledgement, basedOn);
  return {
    ...draft,
    basedOn: String(basedOn),
    paragraphs: draft.paragraphs.map((p, i) =>
      i === 0 ? { ...p, text: firstParagraph, printed: "unless:online_self,online_for_you" } : p,
    ),
  };
}

async function refusal(work: Promise<unknown>): Promise<AppError> {
  const error = await work.catch((e: unknown) => e);
  if (!(error instanceof AppError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

describe("publishing a new version of the acknowledgement", () => {
  it("makes new letters with the new wording, while a letter made before keeps its version", async () => {
    const before = await apply("Ottoline Verge");
    const old = await generate(before.applicationId, "pdf");
    expect(old.doc.letterTemplate).toBe("acknowledgement");
    expect(old.doc.letterTemplateVersion).toBe(1);

    const input = PublishTemplateSchema.parse({
      ...reworded(1, "Thank you for your letter, which reached us on {{application.receivedOn}}."),
      changeNote: "Shorter first paragraph",
    });
    const published = await asUser(database.db, admin.id, (tx) =>
      publishLetterTemplate(tx, admin.acting, "acknowledgement", input),
    );
    expect(published).toEqual({ key: "acknowledgement", version: 2 });

    const after = await apply("Peregrine Tull");
    const fresh = await generate(after.applicationId, "docx");
    expect(fresh.doc.letterTemplateVersion).toBe(2);
    const freshText = docxText(fresh.bytes);
    expect(freshText).toContain(NEW_WORDING);
    expect(freshText).not.toContain(OLD_WORDING);

    // The letter made before, made again as Word: version 1's wording, not the newest.
    const remade = await asUser(database.db, intake.id, (tx) =>
      openLetter(tx, intake.acting, store, before.applicationId, old.doc.id, "docx"),
    );
    expect(remade.mediaType).toMatch(/wordprocessingml/);
    const remadeText = docxText(remade.bytes);
    expect(remadeText).toContain(OLD_WORDING);
    expect(remadeText).not.toContain(NEW_WORDING);
    expect(remadeText).toContain("Ottoline Verge");
    const { letter } = await asUser(database.db, intake.id, (tx) =>
      remakeLetter(tx, before.applicationId, old.doc),
    );
    expect(letter.templateVersion).toBe(1);

    const listed = await asUser(database.db, admin.id, (tx) =>
      listLetterTemplates(tx, admin.acting),
    );
    expect(listed.find((t) => t.key === "acknowledgement")?.version).toBe(2);
    expect(listed.find((t) => t.key === "decision_eligible")?.version).toBe(1);
    const page = await asUser(database.db, admin.id, (tx) =>
      getTemplateForEditing(tx, admin.acting, "acknowledgement"),
    );
    expect(page.history.map((h) => [h.version, h.changeNote])).toEqual([
      [2, "Shorter first paragraph"],
      [1, "The template as Clearname was installed with it."],
    ]);

    const [event] = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "letter_template.published"));
    expect(event?.details).toMatchObject({ key: "acknowledgement", version: 2 });
    expect(icoCategoryOf("letter_template.published")).toBe("other");
  });

  it("refuses a draft started from a version that is no longer current", async () => {
    const current = await asUser(database.db, admin.id, (tx) =>
      currentTemplate(tx, "acknowledgement"),
    );
    expect(current.version).toBeGreaterThan(1);
    const stale = PublishTemplateSchema.parse({
      ...reworded(1, "Thank you."),
      changeNote: "From an old page",
    });
    const error = await refusal(
      asUser(database.db, admin.id, (tx) =>
        publishLetterTemplate(tx, admin.acting, "acknowledgement", stale),
      ),
    );
    expect(error.code).toBe("CONFLICT");
  });

  it("refuses an unknown merge field even past the form, and anyone but an administrator", async () => {
    const current = await asUser(database.db, admin.id, (tx) =>
      currentTemplate(tx, "acknowledgement"),
    );
    const bad = {
      ...PublishTemplateSchema.parse({
        ...reworded(current.version, "Fine."),
        changeNote: "Sneaky",
      }),
      heading: "Hello {{applicant.secret}}",
    };
    const invalid = await refusal(
      asUser(database.db, admin.id, (tx) =>
        publishLetterTemplate(tx, admin.acting, "acknowledgement", bad),
      ),
    );
    expect(invalid.code).toBe("INVALID");

    const good = { ...bad, heading: "We have your application" };
    const forbidden = await refusal(
      asUser(database.db, intake.id, (tx) =>
        publishLetterTemplate(tx, intake.acting, "acknowledgement", good),
      ),
    );
    expect(forbidden.code).toBe("FORBIDDEN");
    // The database refuses it too: only an administrator publishes, as themselves.
    const [network] = await database.db
      .select({ organisationId: letterTemplates.organisationId })
      .from(letterTemplates)
      .limit(1);
    await expect(
      asUser(database.db, intake.id, (tx) =>
        tx.insert(letterTemplates).values({
          organisationId: network?.organisationId ?? "",
          key: "acknowledgement",
          version: 99,
          content: LETTER_TEMPLATES.acknowledgement,
          changeNote: "Not mine to publish",
          publishedBy: intake.id,
        }),
      ),
    ).rejects.toThrow();
    const unknownKey = await refusal(
      asUser(database.db, admin.id, (tx) =>
        publishLetterTemplate(tx, admin.acting, "love_letter", good),
      ),
    );
    expect(unknownKey.code).toBe("NOT_FOUND");
    const rows = await database.db
      .select()
      .from(letterTemplates)
      .where(and(eq(letterTemplates.key, "acknowledgement")));
    expect(rows.map((r) => r.version)).toEqual([2]);
  });

  it("previews a draft with a real application, and records that its file was seen", async () => {
    const r = await apply("Quentin Lowe");
    const current = await asUser(database.db, admin.id, (tx) =>
      currentTemplate(tx, "acknowledgement"),
    );
    const draft = PreviewTemplateSchema.parse({
      ...reworded(
        current.version,
        "Dear reader, {{applicant.name}} wrote on {{application.receivedOn}}.",
      ),
      reference: r.reference.toLowerCase(),
    });
    const preview = await asUser(database.db, admin.id, (tx) =>
      previewLetterTemplate(tx, admin.acting, "acknowledgement", draft),
    );
    expect(preview.reference).toBe(r.reference);
    expect(preview.letter.paragraphs[0]?.text).toBe(
      "Dear reader, Quentin Lowe wrote on 2 November 2026.",
    );
    const viewed = await database.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, "application.viewed"),
          eq(auditEvents.entityId, r.applicationId),
        ),
      );
    expect(viewed.map((e) => e.details)).toContainEqual(
      expect.objectContaining({ page: "letter template preview" }),
    );
    const missing = await refusal(
      asUser(database.db, admin.id, (tx) =>
        previewLetterTemplate(tx, admin.acting, "acknowledgement", {
          ...draft,
          reference: "CN-1999-99999",
        }),
      ),
    );
    expect(missing.code).toBe("INVALID");
    expect(missing.details.field).toBe("reference");
    // Nothing was published by previewing.
    const after = await asUser(database.db, admin.id, (tx) =>
      currentTemplate(tx, "acknowledgement"),
    );
    expect(after.version).toBe(current.version);
  });
});

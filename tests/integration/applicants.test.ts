import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, asc, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asUser, type Database } from "~/db/database.server";
import {
  applicantMoves,
  applicants,
  auditEvents,
  correspondence,
  documents,
  establishments,
} from "~/db/schema";
import { createDocumentStore, type DocumentStore } from "~/documents/storage.server";
import { addCorrespondenceEntry } from "~/intake/applicants/add-correspondence.server";
import { addRepresentative } from "~/intake/applicants/add-representative.server";
import { getApplicant } from "~/intake/applicants/get-applicant.server";
import { recordApplicantMove } from "~/intake/applicants/record-move.server";
import { removeRepresentative } from "~/intake/applicants/remove-representative.server";
import { EditApplicantSchema } from "~/intake/applicants/schemas";
import { updateApplicantDetails } from "~/intake/applicants/update-applicant.server";
import { loadEstablishments } from "~/intake/establishments.server";
import { expectRefused } from "../support/errors";
import { createNetwork, createOrganisation, createUser, type TestUser } from "../support/factories";
import { appError, enterApplication } from "../support/intake";
import { tinyPdf } from "../support/scans";
import { createTestDatabase } from "../support/test-database";

let database: Database;
let intake: TestUser;
let store: DocumentStore;
let dataDir: string;
let prisons: { id: string; name: string }[];
beforeAll(async () => {
  database = await createTestDatabase();
  await loadEstablishments(database.db);
  prisons = await database.db
    .select({ id: establishments.id, name: establishments.name })
    .from(establishments)
    .orderBy(asc(establishments.name))
    .limit(3);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "clearname-applicants-"));
  store = createDocumentStore(dataDir, "a-test-secret-that-is-long-enough-for-this");
  const network = await createNetwork(database.db);
  intake = await createUser(database.db, [
    { organisationId: network.id, roleKey: "intake_officer" },
  ]);
});
afterAll(async () => {
  await database?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const asIntake = <T>(fn: Parameters<typeof asUser<T>>[2]) => asUser(database.db, intake.id, fn);

const newApplicant = (fields: Record<string, string>) =>
  enterApplication(database.db, intake, fields, { receivedOn: "2026-03-02" });

/** Log rows, document rows and files on disk. */
async function counts() {
  const [c] = await database.db.select({ n: count() }).from(correspondence);
  const [d] = await database.db.select({ n: count() }).from(documents);
  const dir = path.join(dataDir, "documents");
  const files = fs.existsSync(dir)
    ? fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
    : [];
  return [Number(c?.n), Number(d?.n), files.length];
}

describe("an applicant's file", () => {
  it("shows details, moves, representatives, applications and the log, and audits the view", async () => {
    const a = await newApplicant({
      fullName: "Quentin Aldous",
      establishmentId: prisons[0]?.id ?? "",
    });
    await asIntake((tx) =>
      recordApplicantMove(tx, intake.acting, a.applicantId, {
        establishmentId: prisons[1]?.id ?? null,
        fromDate: "2026-05-01",
        version: 1,
      }),
    );
    await asIntake((tx) =>
      addRepresentative(tx, intake.acting, a.applicantId, {
        name: "Rhiannon Aldous",
        relationship: "family",
        authorisedToReceive: "progress_only",
      }),
    );
    for (const [occurredOn, summary] of [
      ["2026-03-02", "Questionnaire received"],
      ["2026-04-10", "Asked for trial transcripts"],
    ] as const) {
      await asIntake((tx) =>
        addCorrespondenceEntry(tx, intake.acting, store, a.applicantId, {
          direction: "in",
          kind: "letter",
          occurredOn,
          summary,
        }),
      );
    }
    const file = await asIntake((tx) => getApplicant(tx, intake.acting, a.applicantId));
    expect(file.applicant.establishment).toBe(prisons[1]?.name);
    expect(file.moves.map((m) => [m.establishment, m.fromDate, m.toDate])).toEqual([
      [prisons[1]?.name, "2026-05-01", null],
      [prisons[0]?.name, "2026-03-02", "2026-05-01"],
    ]);
    expect(file.representatives).toMatchObject([
      { name: "Rhiannon Aldous", relationship: "family", authorisedToReceive: "progress_only" },
    ]);
    expect(file.applications.map((x) => x.reference)).toEqual([a.reference]);
    expect(file.correspondence.map((c) => c.summary)).toEqual([
      "Asked for trial transcripts",
      "Questionnaire received",
    ]);
    const [viewed] = await database.db
      .select({ n: count() })
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, "applicant.viewed"), eq(auditEvents.subjectId, a.applicantId)),
      );
    expect(Number(viewed?.n)).toBe(1);
  });

  it("changes details with a version check, auditing which fields changed but not their values", async () => {
    const a = await newApplicant({ fullName: "Saoirse Mulvaney", prisonerNumber: "C3456DE" });
    const edit = (fields: Record<string, string>) =>
      asIntake((tx) =>
        updateApplicantDetails(tx, intake.acting, a.applicantId, EditApplicantSchema.parse(fields)),
      );
    const saved = await edit({
      fullName: "Saoirse Mulvaney",
      aliases: "Sorcha Mulvaney",
      prisonerNumber: "C3456DE",
      largePrint: "on",
      legalCorrespondence: "yes",
      version: "1",
    });
    expect(saved).toMatchObject({ aliases: ["Sorcha Mulvaney"], largePrint: true, version: 2 });
    const stale = await appError(edit({ fullName: "Someone Else", version: "1" }));
    expect(stale.code).toBe("CONFLICT");
    const [kept] = await database.db
      .select()
      .from(applicants)
      .where(eq(applicants.id, a.applicantId));
    expect(kept?.fullName).toBe("Saoirse Mulvaney");
    const [event] = await database.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, "applicant.updated"), eq(auditEvents.subjectId, a.applicantId)),
      );
    expect(event?.details).toEqual({ changed: ["aliases", "largePrint"] });
  });

  it("refuses a move dated before the last one, and records a release", async () => {
    const a = await newApplicant({
      fullName: "Tobias Wren",
      establishmentId: prisons[0]?.id ?? "",
    });
    const early = await appError(
      asIntake((tx) =>
        recordApplicantMove(tx, intake.acting, a.applicantId, {
          establishmentId: prisons[2]?.id ?? null,
          fromDate: "2025-01-01",
        }),
      ),
    );
    expect(early.details.field).toBe("fromDate");
    await asIntake((tx) =>
      recordApplicantMove(tx, intake.acting, a.applicantId, {
        establishmentId: null,
        fromDate: "2026-06-30",
      }),
    );
    const moves = await database.db
      .select()
      .from(applicantMoves)
      .where(eq(applicantMoves.applicantId, a.applicantId));
    expect(moves.map((m) => [m.fromDate, m.toDate])).toEqual([["2026-03-02", "2026-06-30"]]);
    const [p] = await database.db.select().from(applicants).where(eq(applicants.id, a.applicantId));
    expect(p?.currentEstablishmentId).toBeNull();
  });

  it("adds and removes representatives, audited", async () => {
    const a = await newApplicant({ fullName: "Ulrika Stenhouse" });
    const rep = await asIntake((tx) =>
      addRepresentative(tx, intake.acting, a.applicantId, {
        name: "Vernon Hale MP",
        relationship: "mp",
        authorisedToReceive: "everything",
        email: "vernon.hale@example.org",
      }),
    );
    await asIntake((tx) => removeRepresentative(tx, intake.acting, a.applicantId, rep.id));
    const file = await asIntake((tx) => getApplicant(tx, intake.acting, a.applicantId));
    expect(file.representatives).toEqual([]);
    const actions = await database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, a.applicantId));
    expect(actions.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        "applicant.representative_added",
        "applicant.representative_removed",
      ]),
    );
  });

  it("logs a letter with its scan, and stores nothing at all when the scan is refused", async () => {
    const a = await newApplicant({ fullName: "Wilhelmina Crane", dateOfBirth: "1970-01-01" });
    const logged = await asIntake((tx) =>
      addCorrespondenceEntry(tx, intake.acting, store, a.applicantId, {
        direction: "in",
        kind: "letter",
        occurredOn: "2026-04-01",
        summary: "Sent her appeal papers",
        applicationId: a.applicationId,
        file: { name: "appeal.pdf", bytes: tinyPdf() },
      }),
    );
    const [doc] = await database.db
      .select()
      .from(documents)
      .where(eq(documents.id, logged.documentId ?? ""));
    expect(doc).toMatchObject({ kind: "letter_in", applicantId: a.applicantId });

    const before = await counts();
    const refused = await appError(
      asIntake((tx) =>
        addCorrespondenceEntry(tx, intake.acting, store, a.applicantId, {
          direction: "in",
          kind: "letter",
          occurredOn: "2026-04-02",
          summary: "A letter",
          file: { name: "letter.pdf", bytes: Buffer.from("not a pdf at all") },
        }),
      ),
    );
    expect(refused.details.field).toBe("file");
    const tooEarly = await appError(
      asIntake((tx) =>
        addCorrespondenceEntry(tx, intake.acting, store, a.applicantId, {
          direction: "out",
          kind: "call",
          occurredOn: "1969-12-31",
          summary: "Before she was born",
        }),
      ),
    );
    expect(tooEarly.details.field).toBe("occurredOn");
    expect(await counts()).toEqual(before);
  });
});

describe("who can read applicants", () => {
  it("is nobody in a project, by the database too: not a lead, not a caseworker", async () => {
    const a = await newApplicant({ fullName: "Xanthe Pollard", dateOfBirth: "1982-08-08" });
    const project = await createOrganisation(database.db);
    for (const roleKey of ["project_lead", "caseworker"] as const) {
      const member = await createUser(database.db, [{ organisationId: project.id, roleKey }]);
      const denied = await appError(
        asUser(database.db, member.id, (tx) => getApplicant(tx, member.acting, a.applicantId)),
      );
      expect(denied.code).toBe("FORBIDDEN");
      const raw = await asUser(database.db, member.id, (tx) =>
        tx.execute(sql`select id, full_name from applicants`),
      );
      expect((raw as unknown as { rows: unknown[] }).rows).toEqual([]);
      await expectRefused(
        asUser(database.db, member.id, (tx) =>
          tx.insert(correspondence).values({
            applicantId: a.applicantId,
            direction: "in",
            kind: "letter",
            occurredOn: "2026-04-01",
            summary: "forged",
          }),
        ),
        /row-level security|permission denied/,
      );
    }
  });
});

import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "~/audit/verify-chain.server";
import { eraseRecord } from "~/data-protection/erasure/erase-record.server";
import { erasureRefusalOf } from "~/data-protection/erasure/erasure-refusal.server";
import { listHolds } from "~/data-protection/holds/list-holds.server";
import { placeHold } from "~/data-protection/holds/place-hold.server";
import { releaseHold } from "~/data-protection/holds/release-hold.server";
import { approveSweep } from "~/data-protection/retention/approve-sweep.server";
import { getSweep } from "~/data-protection/retention/get-sweep.server";
import {
  claimSweep,
  processSweepBatch,
  runRetentionSweeps,
} from "~/data-protection/retention/run-sweeps.server";
import { startDryRun } from "~/data-protection/retention/start-dry-run.server";
import { asSystem, queryRows } from "~/db/database.server";
import {
  applicants,
  applications,
  auditEvents,
  documents,
  retentionSweepItems,
  retentionSweeps,
} from "~/db/schema";
import { storedFilePath } from "~/documents/storage.server";
import { ApplicantSchema } from "~/intake/applicant-schema";
import { storeDocument } from "~/intake/entry/store-document.server";
import { recordApplication } from "~/intake/record-application.server";
import { acceptedCase, setUpCasework } from "../support/casework-scenario";
import { createUser, type TestUser } from "../support/factories";
import { appError } from "../support/intake";
import { tinyPdf } from "../support/scans";

/**
 * The retention sweep end to end on the real database: a legal hold keeps one of two
 * withdrawn applications out of the dry run; the approved sweep erases the other, its
 * applicant and its scan, and leaves nothing personal behind and the audit chain whole; an
 * interrupted sweep is resumed; one organisation's officer cannot reach another's; an
 * applicant whose case is open at a project is not erased.
 */
const ctx = setUpCasework("retention-sweep");
let officer: TestUser;

beforeAll(async () => {
  officer = await createUser(ctx.db, [
    { organisationId: ctx.people.networkId, roleKey: "data_protection_officer" },
  ]);
});

/** A withdrawn application with a scan, closed `yearsAgo` years ago. */
async function withdrawnApplication(yearsAgo = 7) {
  const { intake } = ctx.people;
  const fullName = `Wendell Quarrie${randomBytes(3).toString("hex")}`;
  const prisonerNumber = `A${1000 + Math.floor(Math.random() * 8999)}QZ`;
  const recorded = await ctx.as(intake, (tx) =>
    recordApplication(
      tx,
      { userId: intake.id },
      {
        applicant: ApplicantSchema.parse({ fullName, prisonerNumber }),
        channel: "post",
        receivedOn: "2019-01-10",
        questionnaire: { offences: `Burglary told by ${fullName}` },
      },
    ),
  );
  const scan = await ctx.as(intake, (tx) =>
    storeDocument(tx, intake.acting, ctx.store, {
      applicationId: recorded.applicationId,
      kind: "scan",
      filename: "letter.pdf",
      bytes: tinyPdf(`Letter from ${fullName}`),
    }),
  );
  const closed = new Date();
  closed.setUTCFullYear(closed.getUTCFullYear() - yearsAgo);
  await asSystem(ctx.db, (tx) =>
    tx
      .update(applications)
      .set({ state: "closed", closedReason: "withdrawn", updatedAt: closed })
      .where(eq(applications.id, recorded.applicationId)),
  );
  const [doc] = await ctx.db
    .select({ storageKey: documents.storageKey })
    .from(documents)
    .where(eq(documents.id, scan.documentId));
  if (!doc) throw new Error("no scan");
  return { ...recorded, fullName, prisonerNumber, storageKey: doc.storageKey };
}

/** Every row of every table whose text mentions `needle` (a scan of the whole database). */
async function tablesMentioning(needle: string): Promise<string[]> {
  const columns = await queryRows<{ table_name: string; column_name: string }>(
    ctx.db,
    sql`select table_name, column_name from information_schema.columns
        where table_schema = current_schema()
          and data_type in ('text', 'character varying', 'jsonb', 'json', 'ARRAY')`,
  );
  const found: string[] = [];
  for (const c of columns) {
    const [row] = await queryRows<{ n: unknown }>(
      ctx.db,
      sql`select count(*) as n from ${sql.identifier(c.table_name)}
          where ${sql.identifier(c.column_name)}::text ilike ${`%${needle}%`}`,
    );
    if (Number(row?.n) > 0) found.push(`${c.table_name}.${c.column_name}`);
  }
  return found;
}

describe("a retention sweep", () => {
  it("keeps the held application out, erases the other with its applicant and scan, and leaves nothing personal", async () => {
    const held = await withdrawnApplication();
    const gone = await withdrawnApplication();
    // Another record filed the same stored file: it must survive the erasure.
    const keeper = await withdrawnApplication(1);
    await asSystem(ctx.db, (tx) =>
      tx.insert(documents).values({
        applicationId: keeper.applicationId,
        kind: "scan",
        filename: "copy.pdf",
        mediaType: "application/pdf",
        byteSize: 10,
        sha256: "0".repeat(64),
        storageKey: gone.storageKey,
      }),
    );
    const [goneScan] = await ctx.db
      .select({ key: documents.storageKey })
      .from(documents)
      .where(eq(documents.applicationId, gone.applicationId));
    expect(goneScan?.key).toBe(gone.storageKey);
    // A second scan only the erased application has.
    const own = await ctx.as(ctx.people.intake, (tx) =>
      storeDocument(tx, ctx.people.intake.acting, ctx.store, {
        applicationId: gone.applicationId,
        kind: "scan",
        filename: "consent.pdf",
        bytes: tinyPdf("Consent"),
      }),
    );
    const [ownDoc] = await ctx.db
      .select({ key: documents.storageKey })
      .from(documents)
      .where(eq(documents.id, own.documentId));
    const ownFile = storedFilePath(ctx.storeDir, ownDoc?.key ?? "");
    expect(fs.existsSync(ownFile)).toBe(true);

    await ctx.as(officer, (tx) =>
      placeHold(tx, officer.acting, {
        targetType: "application",
        reference: held.reference,
        reason: "Pending complaint to the regulator",
      }),
    );
    const { id: sweepId } = await ctx.as(officer, (tx) => startDryRun(tx, officer.acting));
    const dryRun = await ctx.as(officer, (tx) => getSweep(tx, officer.acting, sweepId));
    const withdrawn = dryRun.classes.find((c) => c.recordClass === "withdrawn_application");
    expect(withdrawn?.due).toBe(1);
    expect(withdrawn?.held).toBe(1);
    const pending = withdrawn?.items.filter((i) => i.status === "pending") ?? [];
    expect(pending.map((i) => i.id)).toEqual([gone.applicationId]);
    expect(pending[0]?.dueReason).toMatch(/^withdrawn on \d{4}-\d{2}-\d{2}; 6 years passed on/);
    expect(withdrawn?.items.find((i) => i.id === held.applicationId)?.status).toBe("held");
    expect(withdrawn?.items.some((i) => i.id === keeper.applicationId)).toBe(false);

    await ctx.as(officer, (tx) => approveSweep(tx, officer.acting, sweepId));
    expect(await runRetentionSweeps(ctx.db, ctx.store)).toBe(1);

    const [sweep] = await ctx.db
      .select()
      .from(retentionSweeps)
      .where(eq(retentionSweeps.id, sweepId));
    expect(sweep?.status).toBe("done");
    expect(sweep?.processed).toBe(1);
    const left = await ctx.db
      .select({ id: applications.id })
      .from(applications)
      .where(inArray(applications.id, [held.applicationId, gone.applicationId]));
    expect(left.map((a) => a.id)).toEqual([held.applicationId]);
    expect(
      await ctx.db.select().from(applicants).where(eq(applicants.id, gone.applicantId)),
    ).toEqual([]);
    // Its own file is destroyed; the one another record still files stays.
    expect(fs.existsSync(ownFile)).toBe(false);
    expect(fs.existsSync(storedFilePath(ctx.storeDir, gone.storageKey))).toBe(true);

    expect(await tablesMentioning(gone.fullName)).toEqual([]);
    expect(await tablesMentioning(gone.prisonerNumber)).toEqual([]);
    // The held applicant is untouched.
    expect(await tablesMentioning(held.fullName)).toContain("applicants.full_name");

    const erasedEvents = await ctx.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "record.erased"));
    expect(erasedEvents.map((e) => e.entityId).sort()).toEqual(
      [gone.applicationId, gone.applicantId].sort(),
    );
    expect(erasedEvents.every((e) => e.details.sweepId === sweepId)).toBe(true);
    expect((await verifyAuditChain(ctx.db)).ok).toBe(true);
  });

  it("resumes a sweep interrupted mid-way, and erases a record once its hold is released", async () => {
    const records = [
      await withdrawnApplication(8),
      await withdrawnApplication(8),
      await withdrawnApplication(8),
    ];
    const { id: sweepId } = await ctx.as(officer, (tx) => startDryRun(tx, officer.acting));
    await ctx.as(officer, (tx) => approveSweep(tx, officer.acting, sweepId));
    // A runner takes it, does one batch, and dies.
    const claimed = await claimSweep(ctx.db);
    expect(claimed?.id).toBe(sweepId);
    if (!claimed) return;
    expect(await processSweepBatch(ctx.db, ctx.store, claimed, 1)).toBe(1);
    // Another runner does not take it while the heartbeat is fresh…
    expect(await claimSweep(ctx.db)).toBeNull();
    // …but does once it is stale.
    await asSystem(ctx.db, (tx) =>
      tx
        .update(retentionSweeps)
        .set({ heartbeatAt: new Date(Date.now() - 60 * 60 * 1000) })
        .where(eq(retentionSweeps.id, sweepId)),
    );
    expect(await runRetentionSweeps(ctx.db, ctx.store, { batchSize: 1 })).toBe(1);
    const items = await ctx.db
      .select()
      .from(retentionSweepItems)
      .where(eq(retentionSweepItems.sweepId, sweepId));
    const mine = items.filter((i) => records.some((r) => r.applicationId === i.entityId));
    expect(mine.map((i) => i.status)).toEqual(["done", "done", "done"]);
    const left = await ctx.db
      .select({ id: applications.id })
      .from(applications)
      .where(
        inArray(
          applications.id,
          records.map((r) => r.applicationId),
        ),
      );
    expect(left).toEqual([]);
    const [sweep] = await ctx.db
      .select()
      .from(retentionSweeps)
      .where(eq(retentionSweeps.id, sweepId));
    expect(sweep?.status).toBe("done");
    expect((await verifyAuditChain(ctx.db)).ok).toBe(true);

    // The first test's held application was in this sweep as held; release it and it goes next time.
    const { holds } = await ctx.as(officer, (tx) => listHolds(tx, officer.acting));
    const standing = holds.filter((h) => h.inForce);
    expect(standing.length).toBeGreaterThan(0);
    for (const h of standing)
      await ctx.as(officer, (tx) =>
        releaseHold(tx, officer.acting, { holdId: h.id, releaseReason: "Complaint closed" }),
      );
    const again = await ctx.as(officer, (tx) => startDryRun(tx, officer.acting));
    const view = await ctx.as(officer, (tx) => getSweep(tx, officer.acting, again.id));
    expect(view.classes.find((c) => c.recordClass === "withdrawn_application")?.held).toBe(0);
  });

  it("keeps each organisation's officer to its own sweeps and records", async () => {
    const network = await withdrawnApplication();
    const { id: sweepId } = await ctx.as(officer, (tx) => startDryRun(tx, officer.acting));
    const lead = ctx.people.first.lead;
    const other = await appError(ctx.as(lead, (tx) => getSweep(tx, lead.acting, sweepId)));
    expect(other.code).toBe("NOT_FOUND");
    const approve = await appError(ctx.as(lead, (tx) => approveSweep(tx, lead.acting, sweepId)));
    expect(approve.code).toBe("NOT_FOUND");
    const hold = await appError(
      ctx.as(lead, (tx) =>
        placeHold(tx, lead.acting, {
          targetType: "application",
          reference: network.reference,
          reason: "Trying another organisation's record",
        }),
      ),
    );
    expect(hold.code).toBe("INVALID");
    const { holds } = await ctx.as(lead, (tx) => listHolds(tx, lead.acting));
    expect(holds).toEqual([]);
    const erase = await appError(
      ctx.as(lead, (tx) =>
        eraseRecord(tx, lead.acting, {
          type: "application",
          id: network.applicationId,
          reason: "test",
        }),
      ),
    );
    expect(erase.code).toBe("NOT_FOUND");
    // The project's own dry run covers its cases only.
    const own = await ctx.as(lead, (tx) => startDryRun(tx, lead.acting));
    const view = await ctx.as(lead, (tx) => getSweep(tx, lead.acting, own.id));
    expect(view.classes.map((c) => c.recordClass)).toEqual(["closed_case", "audit_event"]);
    // Someone who is not an officer at all is refused.
    const intake = ctx.people.intake;
    expect((await appError(ctx.as(intake, (tx) => startDryRun(tx, intake.acting)))).code).toBe(
      "FORBIDDEN",
    );
  });

  it("refuses to erase an applicant whose case is open at a project, with the reason", async () => {
    const accepted = await acceptedCase(ctx, { project: "first" });
    const [app] = await ctx.db
      .select({ applicantId: applications.applicantId })
      .from(applications)
      .where(eq(applications.id, accepted.applicationId));
    const target = { type: "applicant" as const, id: app?.applicantId ?? "" };
    const reason = await ctx.as(officer, (tx) => erasureRefusalOf(tx, target));
    expect(reason).toBe(`the case ${accepted.reference} is open at ${ctx.people.first.name}`);
    const refused = await appError(
      ctx.as(officer, (tx) =>
        eraseRecord(tx, officer.acting, { ...target, reason: "Erasure request" }),
      ),
    );
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toContain(`is open at ${ctx.people.first.name}`);
    expect(await tablesMentioning(accepted.fullName)).toContain("applicants.full_name");

    // A hold is refused first, with its reason; a held case stops an erasure of its applicant.
    const lead = ctx.people.first.lead;
    await ctx.as(lead, (tx) =>
      placeHold(tx, lead.acting, {
        targetType: "case",
        reference: accepted.reference,
        reason: "Appeal lodged with the review commission",
      }),
    );
    expect(await ctx.as(officer, (tx) => erasureRefusalOf(tx, target))).toBe(
      "held: Appeal lodged with the review commission",
    );
  });

  it("erases an applicant at their request: applications, documents and files, not the audit chain", async () => {
    const person = await withdrawnApplication(0);
    const file = storedFilePath(ctx.storeDir, person.storageKey);
    const result = await ctx.as(officer, (tx) =>
      eraseRecord(tx, officer.acting, {
        type: "applicant",
        id: person.applicantId,
        reason: "Erasure request",
      }),
    );
    expect(result.storageKeys).toEqual([person.storageKey]);
    expect(result.rows.applications).toBe(1);
    const { destroyErasedFiles } = await import(
      "~/data-protection/erasure/destroy-erased-files.server"
    );
    expect(await destroyErasedFiles(ctx.db, ctx.store, result.storageKeys)).toBe(1);
    expect(fs.existsSync(file)).toBe(false);
    expect(await tablesMentioning(person.fullName)).toEqual([]);
    expect((await verifyAuditChain(ctx.db)).ok).toBe(true);
  });
});

import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { findRecords } from "~/data-protection/requests/find-records.server";
import { logRequest } from "~/data-protection/requests/log-request.server";
import { produceBundle } from "~/data-protection/requests/produce-bundle.server";
import { asSystem, asUser, type Database, queryRows } from "~/db/database.server";
import {
  applicants,
  applications,
  dataSubjectRequestItems,
  documents,
  memberships,
  users,
} from "~/db/schema";
import { createDocumentStore } from "~/documents/storage.server";
import { hashPassword } from "~/identity/passwords.server";
import { createSession, lookupSession } from "~/identity/sessions.server";
import { today } from "~/shared/dates";

/** A one-page PDF with a line of text and `padding` bytes that do not compress, like a scan. */
function scanLikePdf(text: string, padding: number): Buffer {
  const stream = `BT /F1 12 Tf 20 50 Td (${text}) Tj ET`;
  const filler = randomBytes(padding).toString("latin1");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    `<< /Length ${filler.length} >>\nstream\n${filler}\nendstream`,
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, "latin1"));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, "latin1");
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

export interface BundleFigures {
  sar_bundle_documents: number;
  sar_bundle_redacted: number;
  sar_bundle_seconds: number;
  sar_bundle_mb: number;
  sar_bundle_rss_growth_mb: number;
}

/**
 * The subject access bundle of one applicant with `count` documents (each about 250 KB, as a
 * scan is), one in ten released with a passage removed: logged, searched and reviewed as the
 * network's data-protection officer, then `produceBundle` timed through the real path
 * (decryption, the worker, the covering letter, redacted text PDFs, the ZIP, encryption).
 */
export async function measureSubjectAccessBundle(
  database: Database,
  organisationId: string,
  count: number,
  log: (line: string) => void,
): Promise<BundleFigures> {
  const db = database.db;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clearname-bench-bundle-"));
  const store = createDocumentStore(dir, "bench-bundle-secret-0123456789abcdef");
  try {
    const tag = randomBytes(3).toString("hex");
    const { officerId, applicantId } = await asSystem(db, async (tx) => {
      const email = "bench-dpo@clearname.test";
      let [officer] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
      if (!officer) {
        [officer] = await tx
          .insert(users)
          .values({ email, name: "Bench Officer", passwordHash: await hashPassword("bench only") })
          .returning({ id: users.id });
        await tx.insert(memberships).values({
          userId: officer?.id as string,
          organisationId,
          roleKey: "data_protection_officer",
        });
      }
      const [applicant] = await tx
        .insert(applicants)
        .values({ organisationId, fullName: `Bench Subject ${tag}`, prisonerNumber: "Z9999ZZ" })
        .returning({ id: applicants.id });
      const [year] = await queryRows<{ y: string }>(
        tx,
        sql`select extract(year from now())::text as y`,
      );
      const [application] = await tx
        .insert(applications)
        .values({
          organisationId,
          reference: `BENCH-${year?.y}-${tag}`,
          applicantId: applicant?.id as string,
          channel: "post",
          receivedOn: today(),
          acknowledgementDueOn: today(),
        })
        .returning({ id: applications.id });
      return {
        officerId: officer?.id as string,
        applicantId: applicant?.id as string,
        applicationId: application?.id,
      };
    });
    const started = Date.now();
    for (let i = 0; i < count; i++) {
      const stored = await store.put(
        scanLikePdf(`Statement ${i} naming witness Jane Bench${tag}`, 250_000),
      );
      await asSystem(db, (tx) =>
        tx.insert(documents).values({
          applicantId,
          kind: "scan",
          filename: `scan-${String(i).padStart(3, "0")}.pdf`,
          mediaType: "application/pdf",
          ...stored,
        }),
      );
    }
    log(
      `Stored ${count} documents for the bundle in ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
    const token = await asSystem(db, (tx) =>
      createSession(tx, { userId: officerId, secondFactorPending: false }),
    );
    const session = await lookupSession(db, token);
    if (session.state !== "active") throw new Error("the bench officer has no session");
    const acting = { viewer: session.viewer, ip: "127.0.0.1", requestId: "bench" };
    const { id } = await asUser(db, officerId, (tx) =>
      logRequest(tx, acting, {
        kind: "access",
        personName: `Bench Subject ${tag}`,
        personDetails: "",
        applicantId,
        contactAddress: "",
        identityCheck: "Benchmark",
        details: "",
        receivedOn: today(),
      }),
    );
    await asUser(db, officerId, (tx) => findRecords(tx, acting, id));
    // One document in ten has the witness's name removed; everything else is released whole.
    await asSystem(db, async (tx) => {
      await tx
        .update(dataSubjectRequestItems)
        .set({ decision: "released", decidedBy: officerId, decidedAt: new Date() })
        .where(eq(dataSubjectRequestItems.requestId, id));
      await tx.execute(sql`
        update data_subject_request_items set decision = 'redacted', redactions = ${`{"Jane Bench${tag}"}`}::text[]
        where request_id = ${id} and item_type = 'document' and title ~ '[0-9]0\\.pdf$'`);
    });
    const [redacted] = await queryRows<{ n: string }>(
      db,
      sql`select count(*)::text as n from data_subject_request_items where request_id = ${id} and decision = 'redacted'`,
    );
    const rssBefore = process.memoryUsage.rss();
    let peak = rssBefore;
    const watch = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage.rss());
    }, 50);
    const timed = Date.now();
    const { bundleId } = await produceBundle(
      (fn) => asUser(db, officerId, (tx) => fn(tx, acting)),
      store,
      id,
    );
    const seconds = (Date.now() - timed) / 1000;
    clearInterval(watch);
    const [bundle] = await queryRows<{ byte_size: number }>(
      db,
      sql`select byte_size from data_subject_bundles where id = ${bundleId}`,
    );
    const figures = {
      sar_bundle_documents: count,
      sar_bundle_redacted: Number(redacted?.n ?? 0),
      sar_bundle_seconds: Math.round(seconds * 10) / 10,
      sar_bundle_mb: Math.round(Number(bundle?.byte_size ?? 0) / 1024 / 102.4) / 10,
      sar_bundle_rss_growth_mb: Math.round((peak - rssBefore) / 1024 / 1024),
    };
    log(
      `Subject access bundle of ${count} documents (${figures.sar_bundle_redacted} redacted): ${figures.sar_bundle_seconds} s, ${figures.sar_bundle_mb} MB, resident memory +${figures.sar_bundle_rss_growth_mb} MB`,
    );
    return figures;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

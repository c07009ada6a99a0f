import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, queryRows } from "~/db/database.server";
import { applicationDrafts, documents, formSubmissions } from "~/db/schema";
import { claimDocumentFolder } from "~/documents/folder-identity.server";
import { createDocumentStore, storedFilePath } from "~/documents/storage.server";
import { listTrash } from "~/documents/trash.server";
import {
  type HousekeepingResult,
  purgeExpiredDrafts,
  purgeFormSubmissions,
  startHousekeeping,
} from "~/housekeeping/housekeeping.server";
import { ORPHAN_MIN_AGE_MS, sweepOrphanFiles } from "~/housekeeping/orphan-sweep.server";
import { createMailer } from "~/mail/mailer.server";
import { createTestDatabase } from "../support/test-database";

let database: Database;
let dataDir: string;
const SECRET = "housekeeping-test-secret-0123456789";
beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "clearname-housekeeping-"));
});
afterAll(async () => {
  await database?.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

const auditCount = async (action: string) =>
  Number(
    (
      await queryRows<{ n: string }>(
        database.db,
        sql`select count(*)::text as n from audit_events where action = ${action}`,
      )
    )[0]?.n,
  );

describe("purging expired online drafts", () => {
  it("removes drafts past their expiry, keeps live ones, and audits the count", async () => {
    const tag = Math.random().toString(36).slice(2, 8).toUpperCase();
    const day = 24 * 60 * 60 * 1000;
    await database.db.insert(applicationDrafts).values([
      { reference: `OLD-${tag}`, secretHash: "x", expiresAt: new Date(Date.now() - day) },
      { reference: `NEW-${tag}`, secretHash: "x", expiresAt: new Date(Date.now() + day) },
    ]);
    const before = await auditCount("application_draft.purged");
    expect(await purgeExpiredDrafts(database.db)).toBeGreaterThanOrEqual(1);
    const left = await database.db
      .select({ reference: applicationDrafts.reference })
      .from(applicationDrafts);
    const refs = left.map((r) => r.reference);
    expect(refs).toContain(`NEW-${tag}`);
    expect(refs).not.toContain(`OLD-${tag}`);
    expect(await auditCount("application_draft.purged")).toBe(before + 1);
    expect(await purgeExpiredDrafts(database.db)).toBe(0);
  });
});

describe("forgetting one-time form keys", () => {
  it("removes keys older than a day and keeps the day's", async () => {
    const [user] = await queryRows<{ id: string }>(
      database.db,
      sql`insert into users (email, name, password_hash)
          values (${`keys-${Date.now()}@example.org`}, 'Key Holder', 'x') returning id`,
    );
    const userId = user?.id ?? "";
    const old = crypto.randomUUID();
    const fresh = crypto.randomUUID();
    await database.db.insert(formSubmissions).values([
      { userId, key: old, location: "/", createdAt: new Date(Date.now() - 25 * 60 * 60 * 1000) },
      { userId, key: fresh, location: "/" },
    ]);
    expect(await purgeFormSubmissions(database.db)).toBeGreaterThanOrEqual(1);
    const left = await database.db
      .select({ key: formSubmissions.key })
      .from(formSubmissions)
      .where(eq(formSubmissions.userId, userId));
    expect(left.map((r) => r.key)).toEqual([fresh]);
  });
});

const quiet = { info: () => undefined, warn: () => undefined };

/** A document row for a stored file, as an upload's transaction makes. */
const file = (stored: { storageKey: string; sha256: string; byteSize: number }) =>
  database.db.insert(documents).values({
    kind: "scan",
    filename: "scan.pdf",
    mediaType: "application/pdf",
    ...stored,
  });

describe("sweeping orphaned files", () => {
  it("moves old files nothing refers to into the trash, and keeps referenced and recent ones", async () => {
    expect(await claimDocumentFolder(database.db, dataDir)).toMatchObject({ status: "claimed" });
    const store = createDocumentStore(dataDir, SECRET);
    const referenced = await store.put(Buffer.from("filed scan"));
    const orphan = await store.put(Buffer.from("left by a crash"));
    const recent = await store.put(Buffer.from("an upload still committing"));
    await file(referenced);
    const old = new Date(Date.now() - ORPHAN_MIN_AGE_MS - 60_000);
    for (const key of [referenced.storageKey, orphan.storageKey]) {
      await fs.utimes(storedFilePath(dataDir, key), old, old);
    }
    expect(await sweepOrphanFiles(database.db, dataDir, { log: quiet })).toBe(1);
    await expect(store.get(orphan.storageKey)).rejects.toThrow();
    expect(await listTrash(dataDir)).toEqual([
      { day: new Date().toISOString().slice(0, 10), keys: [orphan.storageKey] },
    ]);
    expect((await store.get(referenced.storageKey)).toString()).toBe("filed scan");
    expect((await store.get(recent.storageKey)).toString()).toBe("an upload still committing");
    await database.db.delete(documents).where(eq(documents.storageKey, referenced.storageKey));
  });
});

describe("the hourly run", () => {
  it("runs every job even when one fails, and reports the failure", async () => {
    // A sweep that cannot finish: the trash cannot be made where a file is in its way.
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), "clearname-housekeeping-"));
    expect(await claimDocumentFolder(database.db, folder)).toMatchObject({ status: "claimed" });
    const store = createDocumentStore(folder, SECRET);
    const filed = await store.put(Buffer.from("filed"));
    await file(filed);
    const orphan = await store.put(Buffer.from("orphan"));
    const old = new Date(Date.now() - ORPHAN_MIN_AGE_MS - 60_000);
    await fs.utimes(storedFilePath(folder, orphan.storageKey), old, old);
    await fs.writeFile(path.join(folder, "documents", ".trash"), "in the way");
    const tag = Math.random().toString(36).slice(2, 8).toUpperCase();
    await database.db.insert(applicationDrafts).values({
      reference: `GONE-${tag}`,
      secretHash: "x",
      expiresAt: new Date(Date.now() - 1000),
    });
    const results: (HousekeepingResult | { error: unknown })[] = [];
    const housekeeping = startHousekeeping({
      db: database.db,
      dataDir: folder,
      mailer: createMailer({ smtpUrl: undefined, from: "x@example.org", db: database.db }),
      publicUrl: "http://localhost:3000",
      log: (result) => results.push(result),
      logger: quiet,
    });
    await housekeeping.stop();
    expect(results).toEqual([
      { error: expect.objectContaining({ code: expect.stringMatching(/EEXIST|ENOTDIR/) }) },
      expect.objectContaining({ drafts: 1, orphans: 0 }),
    ]);
    // Nothing was lost: the orphan is still where it was, for the next run.
    expect((await store.get(orphan.storageKey)).toString()).toBe("orphan");
    await database.db.delete(documents).where(eq(documents.storageKey, filed.storageKey));
    await fs.rm(folder, { recursive: true, force: true });
  });
});

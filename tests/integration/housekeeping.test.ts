import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, queryRows } from "~/db/database.server";
import { applicationDrafts, documents } from "~/db/schema";
import { createDocumentStore } from "~/documents/storage.server";
import {
  ORPHAN_GRACE_MS,
  purgeExpiredDrafts,
  sweepOrphanFiles,
} from "~/housekeeping/housekeeping.server";
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

describe("sweeping orphaned files", () => {
  it("removes old files nothing refers to, and keeps referenced and recent ones", async () => {
    const store = createDocumentStore(dataDir, SECRET);
    const referenced = await store.put(Buffer.from("filed scan"));
    const orphan = await store.put(Buffer.from("left by a crash"));
    const recent = await store.put(Buffer.from("an upload still committing"));
    await database.db.insert(documents).values({
      kind: "scan",
      filename: "scan.pdf",
      mediaType: "application/pdf",
      byteSize: referenced.byteSize,
      sha256: referenced.sha256,
      storageKey: referenced.storageKey,
    });
    const old = new Date(Date.now() - ORPHAN_GRACE_MS - 60_000);
    for (const key of [referenced.storageKey, orphan.storageKey]) {
      await fs.utimes(path.join(dataDir, "documents", key.slice(0, 2), key), old, old);
    }
    expect(await sweepOrphanFiles(database.db, dataDir, SECRET)).toBe(1);
    await expect(store.get(orphan.storageKey)).rejects.toThrow();
    expect((await store.get(referenced.storageKey)).toString()).toBe("filed scan");
    expect((await store.get(recent.storageKey)).toString()).toBe("an upload still committing");
    await database.db.delete(documents).where(eq(documents.storageKey, referenced.storageKey));
  });
});

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asSystem, type Database } from "~/db/database.server";
import { users } from "~/db/schema";
import { rekeyDocuments } from "~/documents/rekey-documents.server";
import { createDocumentStore } from "~/documents/storage.server";
import { moveToTrash } from "~/documents/trash.server";
import { decrypt } from "~/identity/crypto.server";
import { rekeyTwoFactorSecrets } from "~/identity/rekey-two-factor.server";
import { createTestDatabase } from "../support/test-database";
import { createUserWithTotp } from "../support/two-factor";

const OLD = "old-secret-0123456789abcdef0123456789";
const NEW = "new-secret-abcdefghijklmnopqrstuvwxyz0123";

let database: Database;
let dataDir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "clearname-rotate-"));
});
afterAll(async () => {
  await database?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("rotating CLEARNAME_SECRET", () => {
  it("re-encrypts every stored file, those in the trash too, and finishes an interrupted run", async () => {
    const before = createDocumentStore(dataDir, OLD);
    const a = await before.put(Buffer.from("scan of a letter from HMP Moorside"));
    const b = await before.put(Buffer.from("a witness statement"));
    const c = await before.put(Buffer.from("swept as an orphan"));
    await moveToTrash(dataDir, c.storageKey, "2026-12-01");

    const first = await rekeyDocuments(dataDir, OLD, NEW);
    expect(first).toEqual({ rekeyed: 3, already: 0, unreadable: [] });
    const after = createDocumentStore(dataDir, NEW);
    expect((await after.get(a.storageKey)).toString()).toBe("scan of a letter from HMP Moorside");
    expect((await after.get(b.storageKey)).toString()).toBe("a witness statement");
    await expect(before.get(a.storageKey)).rejects.toThrow();

    // Run again (as after a crash): nothing is encrypted twice.
    expect(await rekeyDocuments(dataDir, OLD, NEW)).toEqual({
      rekeyed: 0,
      already: 3,
      unreadable: [],
    });
  });

  it("leaves a file neither secret opens as it is, and names it", async () => {
    const stranger = createDocumentStore(dataDir, "someone-elses-secret-0123456789abcdef");
    const odd = await stranger.put(Buffer.from("from another installation"));
    const outcome = await rekeyDocuments(dataDir, OLD, NEW);
    expect(outcome.unreadable).toEqual([odd.storageKey]);
    expect((await stranger.get(odd.storageKey)).toString()).toBe("from another installation");
  });

  it("re-encrypts second-factor keys so that the same codes still work", async () => {
    const { user, totp } = await createUserWithTotp(database.db, OLD);
    const outcome = await asSystem(database.db, (tx) => rekeyTwoFactorSecrets(tx, OLD, NEW));
    expect(outcome.rekeyed).toBeGreaterThanOrEqual(1);
    const [row] = await database.db
      .select({ sealed: users.totpSecret })
      .from(users)
      .where(eq(users.id, user.id));
    expect(decrypt(row?.sealed ?? "", NEW)).toBe(totp.secret.base32);
    expect(() => decrypt(row?.sealed ?? "", OLD)).toThrow();
    const again = await asSystem(database.db, (tx) => rekeyTwoFactorSecrets(tx, OLD, NEW));
    expect(again.rekeyed).toBe(0);
  });

  it.runIf(process.env.TEST_DB_KIND !== "postgresql")(
    "is one command on the embedded database, which writes the new secret in place of the old",
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clearname-rotate-cmd-"));
      try {
        fs.writeFileSync(path.join(dir, "secret.key"), OLD);
        const stored = await createDocumentStore(dir, OLD).put(Buffer.from("a prison letter"));
        const env: NodeJS.ProcessEnv = {
          ...process.env,
          DATA_DIR: dir,
          CLEARNAME_NEW_SECRET: NEW,
          DEMO: "0",
        };
        delete env.CLEARNAME_SECRET;
        delete env.DATABASE_URL;
        const run = spawnSync("npx", ["tsx", "scripts/rotate-secret.ts"], {
          env,
          encoding: "utf8",
          timeout: 120_000,
        });
        expect(run.stderr).toBe("");
        expect(run.stdout).toContain("Documents: 1 re-encrypted");
        expect(run.status).toBe(0);
        expect(fs.readFileSync(path.join(dir, "secret.key"), "utf8")).toBe(NEW);
        const reread = await createDocumentStore(dir, NEW).get(stored.storageKey);
        expect(reread.toString()).toBe("a prison letter");
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});

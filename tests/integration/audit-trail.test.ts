import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import { GENESIS_HASH, verifyAuditChain } from "~/audit/verify-chain.server";
import { asSystem, asUser, type Database, openDatabase, queryRows } from "~/db/database.server";
import { migrateDatabase } from "~/db/migrate.server";
import { expectRefused } from "../support/errors";
import { createOrganisation, createUser } from "../support/factories";
import { createTestDatabase } from "../support/test-database";

const run = promisify(execFile);
const opened: Database[] = [];

async function freshDatabase(): Promise<Database> {
  const database = await createTestDatabase();
  opened.push(database);
  return database;
}

afterEach(async () => {
  while (opened.length) await opened.pop()?.close();
});

async function someEvents(database: Database, count: number) {
  const project = await createOrganisation(database.db);
  const user = await createUser(database.db, [
    { organisationId: project.id, roleKey: "project_lead" },
  ]);
  for (let i = 0; i < count; i++) {
    await asUser(database.db, user.id, (tx) =>
      recordAuditEvent(
        tx,
        { userId: user.id, ip: "203.0.113.9" },
        {
          action: "test.happened",
          entityType: "organisation",
          entityId: project.id,
          organisationId: project.id,
          details: { i, note: "naïve café – “quotes” and\nnewlines" },
        },
      ),
    );
  }
  return { project, user };
}

/** Tampering as the table's owner would: with the append-only trigger switched off. */
async function tamper(database: Database, statement: ReturnType<typeof sql>) {
  await database.db.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
  await database.db.execute(statement);
  await database.db.execute(sql`alter table audit_events enable trigger audit_events_append_only`);
}

describe("audit trail", () => {
  it("chains every event to the one before it, from the genesis hash", async () => {
    const database = await freshDatabase();
    await someEvents(database, 5);
    const rows = await queryRows<{ seq: number; prev_hash: string; hash: string }>(
      database.db,
      sql`select seq, prev_hash, hash from audit_events order by seq`,
    );
    expect(rows.length).toBe(5);
    expect(rows[0]?.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.prev_hash).toBe(rows[i - 1]?.hash);
    expect(await verifyAuditChain(database.db)).toEqual({ ok: true, checked: 5 });
  });

  it("refuses UPDATE, DELETE and TRUNCATE even from the table's owner", async () => {
    const database = await freshDatabase();
    await someEvents(database, 1);
    await expectRefused(
      asSystem(database.db, (tx) => tx.execute(sql`update audit_events set action = 'x'`)),
      /append-only/,
    );
    await expectRefused(
      asSystem(database.db, (tx) => tx.execute(sql`delete from audit_events`)),
      /append-only/,
    );
    await expectRefused(
      asSystem(database.db, (tx) => tx.execute(sql`truncate audit_events`)),
      /append-only/,
    );
  });

  it("names the first altered event", async () => {
    const database = await freshDatabase();
    await someEvents(database, 6);
    await tamper(
      database,
      sql`update audit_events set details = '{"i": 99}' where seq = (select min(seq) + 3 from audit_events)`,
    );
    const verdict = await verifyAuditChain(database.db);
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    const [first] = await queryRows<{ seq: number }>(
      database.db,
      sql`select min(seq)::int as seq from audit_events`,
    );
    expect(verdict.seq).toBe(Number(first?.seq) + 3);
    expect(verdict.checked).toBe(3);
    expect(verdict.problem).toMatch(/altered/);
  });

  it("notices an event removed from the middle", async () => {
    const database = await freshDatabase();
    await someEvents(database, 6);
    await tamper(
      database,
      sql`delete from audit_events where seq = (select min(seq) + 2 from audit_events)`,
    );
    const verdict = await verifyAuditChain(database.db);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.problem).toMatch(/removed/);
  });

  it("notices a rehashed event whose successor still names the old hash", async () => {
    const database = await freshDatabase();
    await someEvents(database, 4);
    // A careful forger recomputes the altered row's own hash, but the chain still breaks after it.
    await tamper(
      database,
      sql`update audit_events set hash = repeat('a', 64) where seq = (select min(seq) + 1 from audit_events)`,
    );
    const verdict = await verifyAuditChain(database.db);
    expect(verdict.ok).toBe(false);
  });

  it("keeps one chain when many transactions write at once", async () => {
    const database = await freshDatabase();
    const { user } = await someEvents(database, 1);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        asUser(database.db, user.id, (tx) =>
          recordAuditEvent(
            tx,
            { userId: user.id },
            { action: "test.concurrent", entityType: "test", details: { i } },
          ),
        ),
      ),
    );
    expect(await verifyAuditChain(database.db, 7)).toEqual({ ok: true, checked: 21 });
  });

  it("keeps nothing of an event whose transaction rolled back, and the chain holds", async () => {
    const database = await freshDatabase();
    const { user } = await someEvents(database, 2);
    await expect(
      asUser(database.db, user.id, async (tx) => {
        await recordAuditEvent(
          tx,
          { userId: user.id },
          { action: "test.rolled_back", entityType: "test" },
        );
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    await someEvents(database, 1);
    expect(await verifyAuditChain(database.db)).toEqual({ ok: true, checked: 3 });
  });
});

describe("npm run audit:verify", () => {
  const root = path.resolve(import.meta.dirname, "../..");

  async function verifyCommand(env: Record<string, string>) {
    try {
      const { stdout } = await run("npx", ["tsx", "scripts/audit-verify.ts"], {
        cwd: root,
        env: { ...process.env, ...env },
      });
      return { code: 0, out: stdout };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, out: `${e.stdout}${e.stderr}` };
    }
  }

  it("exits 0 with the count, then 1 naming the event once a row is tampered with", async () => {
    let env: Record<string, string>;
    let database: Database;
    let dataDir: string | undefined;
    if (process.env.TEST_DB_KIND === "postgresql") {
      database = await freshDatabase();
      const [row] = await queryRows<{ db: string }>(
        database.db,
        sql`select current_database() as db`,
      );
      const url = new URL(process.env.TEST_DATABASE_URL ?? "");
      url.pathname = `/${row?.db}`;
      env = { DATABASE_URL: url.toString() };
    } else {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "clearname-verify-"));
      database = await openDatabase({ dataDir: path.join(dataDir, "pglite") });
      await migrateDatabase(database);
      env = { DATA_DIR: dataDir, DATABASE_URL: "" };
    }
    await someEvents(database, 3);
    if (dataDir) await database.close();
    const good = await verifyCommand(env);
    expect(good.out).toContain("3 events checked");
    expect(good.code).toBe(0);

    if (dataDir) database = await openDatabase({ dataDir: path.join(dataDir, "pglite") });
    // The run is kept for the audit tool, with no one as the checker.
    const kept = await queryRows<{ ok: boolean; checked: number; checked_by: string | null }>(
      database.db,
      sql`select ok, checked, checked_by from audit_chain_checks`,
    );
    expect(kept).toEqual([{ ok: true, checked: 3, checked_by: null }]);
    await tamper(
      database,
      sql`update audit_events set action = 'test.forged' where seq = (select max(seq) from audit_events)`,
    );
    const [last] = await queryRows<{ seq: number }>(
      database.db,
      sql`select max(seq)::int as seq from audit_events`,
    );
    if (dataDir) await database.close();
    const bad = await verifyCommand(env);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain(`#${last?.seq}`);
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);
});

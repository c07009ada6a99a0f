import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { and, eq, like, sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { verifyAuditChain } from "~/audit/verify-chain.server";
import { asUser, type Database, openDatabase, queryRows, toInt } from "~/db/database.server";
import {
  applications,
  auditEvents,
  caseDocuments,
  caseLines,
  cases,
  correspondence,
  documents,
  emailOutbox,
  notifications,
  referralOffers,
  sessions,
} from "~/db/schema";
import { claimDocumentFolder } from "~/documents/folder-identity.server";
import { createDocumentStore, listStoredFiles } from "~/documents/storage.server";
import { ORPHAN_MIN_AGE_MS, sweepOrphanFiles } from "~/housekeeping/orphan-sweep.server";
import { defaultExpiry, makeOffer } from "~/referrals/offers.server";
import { adminUrl } from "../support/postgres-urls";
import {
  createEligibleCase,
  createReferralPeople,
  type EligibleCase,
  LINES,
  type ReferralPeople,
  referralContext,
} from "../support/referral-scenario";

/**
 * Accepting an offer is atomic even if the process dies mid-way (issue 5). A child process
 * accepts the offer and stops once every write is made but before its transaction commits
 * (acceptanceHooks in app/referrals/respond.server.ts); the test kills it with SIGKILL there,
 * as a crash or `kill -9` of the server would, and checks that nothing of the acceptance is
 * left in the database, that the files it wrote are swept as orphans, and that the offer can
 * then be accepted in full. On PostgreSQL the server rolls the dead connection's transaction
 * back; on PGlite the data directory is recovered when it is next opened.
 */
const KIND = process.env.TEST_DB_KIND === "postgresql" ? "postgresql" : "pglite";
const SECRET = "referral-kill-test-secret-0123456789";
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const CHILD = path.join(ROOT, "tests/support/accept-offer-child.ts");

/**
 * A database the child can open too: a PostgreSQL database of its own (by URL), or a PGlite
 * data directory. PGlite is single-process, so the test closes its handle while the child
 * has the directory and opens it again after.
 */
interface SharedDatabase {
  target: string;
  current(): Database;
  release(): Promise<void>;
  reopen(): Promise<void>;
  dispose(): Promise<void>;
}

async function sharedDatabase(root: string): Promise<SharedDatabase> {
  if (KIND === "postgresql") {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error("TEST_DATABASE_URL is not set");
    const name = `clearname_kill_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: adminUrl(url) });
    await admin.connect();
    await admin.query(`create database ${name} template ${inject("postgresTemplate")}`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    const target = u.toString();
    const database = await openDatabase({ url: target, poolSize: 4 });
    return {
      target,
      current: () => database,
      release: async () => undefined,
      reopen: async () => undefined,
      async dispose() {
        await database.close();
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  }
  const target = path.join(root, "pglite");
  const dump = fs.readFileSync(inject("pgliteTemplate"));
  let database: Database | null = await openDatabase({
    dataDir: target,
    loadDataDir: new Blob([dump]),
  });
  return {
    target,
    current() {
      if (!database) throw new Error("the PGlite directory is the child's just now");
      return database;
    },
    async release() {
      await database?.close();
      database = null;
    },
    async reopen() {
      database = await openDatabase({ dataDir: target });
    },
    async dispose() {
      await database?.close();
      database = null;
    },
  };
}

interface Child {
  process: ChildProcess;
  /** Resolves with the first line of output starting with `word`; rejects if the child ends first. */
  line(word: string): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startChild(shared: SharedDatabase, offerId: string, leadId: string, pause: boolean) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", CHILD, shared.target, offerId, leadId, storeDir, SECRET],
    {
      cwd: ROOT,
      env: { ...process.env, CLEARNAME_PAUSE_ACCEPTANCE: pause ? "1" : "0" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  let err = "";
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  child.stderr.on("data", (d: Buffer) => {
    err += d.toString();
  });
  const line = (word: string) =>
    new Promise<string>((resolve, reject) => {
      const look = () => {
        const found = out.split("\n").find((l) => l.startsWith(`${word} `));
        if (found) resolve(found.slice(word.length + 1).trim());
        return Boolean(found);
      };
      if (look()) return;
      child.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        look();
      });
      void exited.then(({ code, signal }) => {
        if (!look())
          reject(
            new Error(`the child ended (${signal ?? code}) before "${word}":\n${out}\n${err}`),
          );
      });
    });
  children.push(child);
  return { process: child, line, exited } satisfies Child;
}

let root: string;
let storeDir: string;
let shared: SharedDatabase;
let people: ReferralPeople;
let eligible: EligibleCase;
let offerId: string;
let filesBefore: Set<string>;
let orphans: string[];
const children: ChildProcess[] = [];

const db = () => shared.current().db;
const store = () => createDocumentStore(storeDir, SECRET);
const leadSessions = async () =>
  (await db().select().from(sessions).where(eq(sessions.userId, people.second.lead.id))).length;
const storedKeys = async () => (await listStoredFiles(storeDir)).map((f) => f.storageKey);

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "clearname-kill-"));
  storeDir = path.join(root, "data");
  shared = await sharedDatabase(root);
  await claimDocumentFolder(db(), storeDir);
  people = await createReferralPeople(db());
  eligible = await createEligibleCase(db(), people, store());
  const { coordinator } = people;
  offerId = (
    await asUser(db(), coordinator.id, (tx) =>
      makeOffer(tx, coordinator.acting, referralContext(db()), {
        applicationId: eligible.applicationId,
        projectId: people.second.id,
        summary: "Robbery conviction resting on one night-time identification.",
        documentIds: [eligible.documentId],
        expiresOn: defaultExpiry(),
      }),
    )
  ).offerId;
}, 120_000);

afterAll(async () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await shared?.dispose();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

async function nothingOfTheAcceptance() {
  const offer = (await db().select().from(referralOffers).where(eq(referralOffers.id, offerId)))[0];
  expect(offer).toMatchObject({ status: "offered", caseId: null, respondedBy: null, version: 1 });
  expect(await db().select().from(cases)).toEqual([]);
  expect(await db().select().from(caseLines)).toEqual([]);
  expect(await db().select().from(caseDocuments)).toEqual([]);
  const [app] = await db()
    .select({ state: applications.state })
    .from(applications)
    .where(eq(applications.id, eligible.applicationId));
  expect(app?.state).toBe("awaiting_referral");
  const letters = await db()
    .select()
    .from(documents)
    .where(like(documents.filename, "%referral_accepted%"));
  expect(letters).toEqual([]);
  const entries = await db()
    .select()
    .from(correspondence)
    .where(like(correspondence.summary, "Referral accepted%"));
  expect(entries).toEqual([]);
  expect(
    await db().select().from(auditEvents).where(eq(auditEvents.action, "referral.accepted")),
  ).toEqual([]);
  expect(
    await db().select().from(notifications).where(like(notifications.title, "% accepted %")),
  ).toEqual([]);
  expect(
    await db().select().from(emailOutbox).where(like(emailOutbox.subject, "% accepted %")),
  ).toEqual([]);
}

describe(`accepting an offer when the process is killed mid-way (${KIND})`, () => {
  it("leaves nothing half-made: no case, no lines, the offer open, no letter", async () => {
    filesBefore = new Set(await storedKeys());
    const sessionsBefore = await leadSessions();
    await shared.release();
    const child = startChild(shared, offerId, people.second.lead.id, true);
    const pid = Number(await child.line("PAUSED"));
    // The process paused is the one spawned: SIGKILL reaches the process holding the transaction.
    expect(pid).toBe(child.process.pid);
    // It got as far as writing the copy of the case pack and the letter.
    const written = (await storedKeys()).filter((k) => !filesBefore.has(k));
    expect(written).toHaveLength(2);
    if (KIND === "postgresql") {
      const [open] = await queryRows<{ n: number }>(
        db(),
        sql`select count(*) as n from pg_stat_activity
            where datname = current_database() and state = 'idle in transaction'`,
      );
      expect(toInt(open?.n)).toBe(1);
    }
    process.kill(pid, "SIGKILL");
    expect(await child.exited).toEqual({ code: null, signal: "SIGKILL" });
    await shared.reopen();
    // The control: what the child committed before it paused (its sign-in session) is there,
    // so what is missing below is missing because it was never committed.
    expect(await leadSessions()).toBe(sessionsBefore + 1);
    await nothingOfTheAcceptance();
    const verdict = await verifyAuditChain(db());
    expect(verdict.ok).toBe(true);
  }, 120_000);

  it("leaves the files it wrote to the orphan sweep, which removes only them", async () => {
    const keys = await storedKeys();
    orphans = keys.filter((k) => !filesBefore.has(k));
    expect(orphans).toHaveLength(2);
    const old = new Date(Date.now() - ORPHAN_MIN_AGE_MS - 60_000);
    for (const key of keys)
      fs.utimesSync(path.join(storeDir, "documents", key.slice(0, 2), key), old, old);
    expect(await sweepOrphanFiles(db(), storeDir)).toBe(2);
    const left = new Set(await storedKeys());
    for (const key of orphans) expect(left.has(key)).toBe(false);
    expect(left).toEqual(filesBefore);
    const [pack] = await db().select().from(documents).where(eq(documents.id, eligible.documentId));
    expect(await store().get(pack?.storageKey ?? "")).toEqual(eligible.packBytes);
  });

  it("can then be accepted in full, by a new process", async () => {
    await shared.release();
    const child = startChild(shared, offerId, people.second.lead.id, false);
    const caseId = await child.line("ACCEPTED");
    expect((await child.exited).code).toBe(0);
    await shared.reopen();
    const [c] = await db().select().from(cases).where(eq(cases.id, caseId));
    expect(c).toMatchObject({
      organisationId: people.second.id,
      offerId,
      applicationId: eligible.applicationId,
      reference: eligible.reference,
    });
    expect(c?.applicant.fullName).toBe(eligible.fullName);
    const lines = await db().select().from(caseLines).where(eq(caseLines.caseId, caseId));
    expect(lines.map((l) => l.description).sort()).toEqual(LINES.map((l) => l.description).sort());
    const [copy] = await db().select().from(caseDocuments).where(eq(caseDocuments.caseId, caseId));
    expect(await store().get(copy?.storageKey ?? "")).toEqual(eligible.packBytes);
    const [offer] = await db().select().from(referralOffers).where(eq(referralOffers.id, offerId));
    expect(offer).toMatchObject({ status: "accepted", caseId });
    const [app] = await db()
      .select({ state: applications.state })
      .from(applications)
      .where(eq(applications.id, eligible.applicationId));
    expect(app?.state).toBe("referred");
    const [letter] = await db()
      .select()
      .from(documents)
      .where(
        and(
          eq(documents.applicationId, eligible.applicationId),
          like(documents.filename, "%referral_accepted%"),
        ),
      );
    expect((await store().get(letter?.storageKey ?? "")).subarray(0, 5).toString()).toBe("%PDF-");
    const [entry] = await db()
      .select()
      .from(correspondence)
      .where(eq(correspondence.documentId, letter?.id ?? ""));
    expect(entry?.direction).toBe("out");
    expect(
      await db().select().from(auditEvents).where(eq(auditEvents.action, "referral.accepted")),
    ).toHaveLength(1);
    expect((await verifyAuditChain(db())).ok).toBe(true);
    // Everything it wrote is referenced: a sweep removes nothing of it.
    const now = new Date(Date.now() + 2 * ORPHAN_MIN_AGE_MS);
    expect(await sweepOrphanFiles(db(), storeDir, { now })).toBe(0);
  }, 120_000);
});

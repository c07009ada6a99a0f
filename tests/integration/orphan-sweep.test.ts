import { spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, queryRows } from "~/db/database.server";
import { documents } from "~/db/schema";
import {
  claimDocumentFolder,
  installationIdOf,
  markerPath,
} from "~/documents/folder-identity.server";
import {
  createDocumentStore,
  type DocumentStore,
  listStoredFiles,
  storedFilePath,
} from "~/documents/storage.server";
import { listTrash, moveToTrash, trashedFilePath } from "~/documents/trash.server";
import {
  DEFAULT_TRASH_DAYS,
  ORPHAN_MIN_AGE_MS,
  type SweepLog,
  sweepOrphanFiles,
} from "~/housekeeping/orphan-sweep.server";
import { adminUrl } from "../support/postgres-urls";
import { createTestDatabase } from "../support/test-database";

/**
 * The orphan sweep removes only files it can prove are orphans of this database: never the
 * files of a folder that belongs to another database, or of a database that looks new; an
 * orphan goes to the trash first and is deleted after the grace period.
 */
const SECRET = "orphan-sweep-test-secret-0123456789";
const DAY_MS = 24 * 60 * 60 * 1000;

/** A: the database whose folders these are. B: empty, created on its own (its own identity). */
let a: Database;
let b: Database;
/** Empty too, but a copy of A's identity: a restore of A's schema without its rows. */
let twin: Database;
const folders: string[] = [];

beforeAll(async () => {
  [a, b, twin] = await Promise.all([
    createTestDatabase(),
    createTestDatabase(),
    createTestDatabase(),
  ]);
  // Every test database is a copy of one migrated template, so it carries the template's
  // identity; a database created from nothing gets a new one.
  await b.db.execute(sql`update installation set id = gen_random_uuid()`);
});
afterAll(async () => {
  for (const d of [a, b, twin]) await d?.close();
  for (const f of folders) fs.rmSync(f, { recursive: true, force: true });
});

function newFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clearname-sweep-"));
  folders.push(dir);
  return dir;
}

/** The sweep's log, kept for the test to read. */
function recordingLog() {
  const entries: { level: "info" | "warn"; details: object; message: string }[] = [];
  const log: SweepLog = {
    info: (details, message) => entries.push({ level: "info", details, message }),
    warn: (details, message) => entries.push({ level: "warn", details, message }),
  };
  return { log, warnings: () => entries.filter((e) => e.level === "warn"), entries };
}

function age(dataDir: string, storageKey: string, ms = ORPHAN_MIN_AGE_MS + 60_000) {
  const then = new Date(Date.now() - ms);
  fs.utimesSync(storedFilePath(dataDir, storageKey), then, then);
}

/** Stores a file, and files it in `db` (a document row) unless `filed` is false. */
async function put(
  db: Database,
  store: DocumentStore,
  dataDir: string,
  text: string,
  { filed = true, old = true } = {},
): Promise<string> {
  const stored = await store.put(Buffer.from(text));
  if (filed)
    await db.db.insert(documents).values({
      kind: "scan",
      filename: `${text}.pdf`,
      mediaType: "application/pdf",
      byteSize: stored.byteSize,
      sha256: stored.sha256,
      storageKey: stored.storageKey,
    });
  if (old) age(dataDir, stored.storageKey);
  return stored.storageKey;
}

const stored = async (dataDir: string) =>
  new Set((await listStoredFiles(dataDir)).map((f) => f.storageKey));

const auditOf = async (db: Database, action: string) =>
  queryRows<{ details: { storageKeys?: string[] } }>(
    db.db,
    sql`select details from audit_events where action = ${action} order by seq`,
  );

/** A folder that database A claimed and filled: `filed` files A refers to, all old. */
async function folderOfA(filed: number) {
  const dataDir = newFolder();
  expect(await claimDocumentFolder(a.db, dataDir)).toMatchObject({ status: "claimed" });
  const store = createDocumentStore(dataDir, SECRET);
  const keys: string[] = [];
  for (let i = 0; i < filed; i++) keys.push(await put(a, store, dataDir, `A's file ${i}`));
  return { dataDir, store, keys };
}

describe("a folder that is not this database's", () => {
  it("is left whole when an empty database with its own identity opens it", async () => {
    const { dataDir, keys } = await folderOfA(7);
    expect(await claimDocumentFolder(b.db, dataDir)).toMatchObject({
      status: "refused",
      reason: expect.stringContaining(await installationIdOf(a.db)),
    });
    const { log, warnings } = recordingLog();
    expect(await sweepOrphanFiles(b.db, dataDir, { log })).toBe(0);
    expect(await stored(dataDir)).toEqual(new Set(keys));
    expect(await listTrash(dataDir)).toEqual([]);
    expect(warnings()).toEqual([
      expect.objectContaining({
        message: expect.stringContaining("orphan sweep refused"),
        details: expect.objectContaining({
          reason: expect.stringContaining("belongs to database"),
        }),
      }),
    ]);
    // Even a year on, with the trash's grace long past, it touches nothing.
    const later = new Date(Date.now() + 365 * DAY_MS);
    expect(await sweepOrphanFiles(b.db, dataDir, { log, now: later })).toBe(0);
    expect(await stored(dataDir)).toEqual(new Set(keys));
  });

  it("is left whole by an empty database that shares its identity (it looks new)", async () => {
    const { dataDir, keys } = await folderOfA(3);
    const { log, warnings } = recordingLog();
    expect(await sweepOrphanFiles(twin.db, dataDir, { log })).toBe(0);
    expect(await stored(dataDir)).toEqual(new Set(keys));
    expect(warnings()[0]?.details).toMatchObject({ reason: expect.stringContaining("looks new") });
  });

  it("is left whole when its marker names another database, orphans and all", async () => {
    const { dataDir, store, keys } = await folderOfA(2);
    const orphan = await put(a, store, dataDir, "an orphan", { filed: false });
    fs.writeFileSync(markerPath(dataDir), `${randomUUID()}\n`);
    const { log, warnings } = recordingLog();
    expect(await sweepOrphanFiles(a.db, dataDir, { log })).toBe(0);
    expect(await stored(dataDir)).toEqual(new Set([...keys, orphan]));
    expect(warnings()).toHaveLength(1);
    // A marker that is not an id at all is refused the same way.
    fs.writeFileSync(markerPath(dataDir), "not an id\n");
    expect(await sweepOrphanFiles(a.db, dataDir, { log })).toBe(0);
    expect(await claimDocumentFolder(a.db, dataDir)).toMatchObject({ status: "refused" });
    expect(await stored(dataDir)).toEqual(new Set([...keys, orphan]));
  });

  it("is not adopted without a marker unless the database refers to its files", async () => {
    // A folder from before markers: files, no marker.
    const dataDir = newFolder();
    const store = createDocumentStore(dataDir, SECRET);
    const filed = await put(a, store, dataDir, "filed before markers");
    const orphan = await put(a, store, dataDir, "orphan before markers", { filed: false });
    expect(await claimDocumentFolder(b.db, dataDir)).toMatchObject({ status: "refused" });
    expect(fs.existsSync(markerPath(dataDir))).toBe(false);
    const { log, warnings } = recordingLog();
    expect(await sweepOrphanFiles(a.db, dataDir, { log })).toBe(0);
    expect(warnings()[0]?.details).toMatchObject({ reason: expect.stringContaining("no marker") });
    expect(await stored(dataDir)).toEqual(new Set([filed, orphan]));
    // The database that refers to one of them adopts it, and then sweeps its orphan.
    expect(await claimDocumentFolder(a.db, dataDir)).toMatchObject({
      status: "adopted",
      files: 2,
      referenced: 1,
    });
    expect(fs.readFileSync(markerPath(dataDir), "utf8").trim()).toBe(await installationIdOf(a.db));
    expect(await sweepOrphanFiles(a.db, dataDir, { log })).toBe(1);
    expect(await stored(dataDir)).toEqual(new Set([filed]));
  });

  it("is not swept when the database's references cannot be read", async () => {
    const { dataDir, store, keys } = await folderOfA(1);
    const orphan = await put(a, store, dataDir, "an orphan", { filed: false });
    // The twin shares A's identity, so only its unreadable references stop it.
    await twin.db.execute(sql`alter table import_runs rename column storage_key to file_key`);
    const { log, warnings } = recordingLog();
    expect(await sweepOrphanFiles(twin.db, dataDir, { log })).toBe(0);
    expect(warnings()[0]?.details).toMatchObject({
      reason: expect.stringContaining("could not be read"),
    });
    expect(await stored(dataDir)).toEqual(new Set([...keys, orphan]));
  });
});

describe("an orphan of this database", () => {
  it("goes to the trash, logged first and audited, and is deleted after the grace period", async () => {
    const { dataDir, store, keys } = await folderOfA(2);
    const orphan = await put(a, store, dataDir, "left by a crash", { filed: false });
    const bytes = fs.readFileSync(storedFilePath(dataDir, orphan));
    const { log, entries } = recordingLog();
    const now = new Date();
    expect(await sweepOrphanFiles(a.db, dataDir, { log, now })).toBe(1);
    expect(await stored(dataDir)).toEqual(new Set(keys));
    const day = now.toISOString().slice(0, 10);
    const trashed = trashedFilePath(dataDir, day, orphan);
    expect(fs.readFileSync(trashed)).toEqual(bytes);
    expect(entries).toEqual([
      expect.objectContaining({
        level: "info",
        details: expect.objectContaining({ storageKey: orphan, to: trashed }),
      }),
    ]);
    expect((await auditOf(a, "document.orphan_sweep")).at(-1)?.details.storageKeys).toEqual([
      orphan,
    ]);
    // Still recoverable the day before the grace period ends…
    const almost = new Date(now.getTime() + DEFAULT_TRASH_DAYS * DAY_MS);
    expect(await sweepOrphanFiles(a.db, dataDir, { log, now: almost })).toBe(0);
    expect(fs.existsSync(trashed)).toBe(true);
    // …and gone after it, the referenced files untouched.
    const after = new Date(now.getTime() + (DEFAULT_TRASH_DAYS + 1) * DAY_MS);
    expect(await sweepOrphanFiles(a.db, dataDir, { log, now: after })).toBe(0);
    expect(fs.existsSync(trashed)).toBe(false);
    expect(await listTrash(dataDir)).toEqual([]);
    expect(await stored(dataDir)).toEqual(new Set(keys));
    expect((await auditOf(a, "document.trash_purged")).at(-1)?.details.storageKeys).toEqual([
      orphan,
    ]);
  });

  it("takes a shorter grace period when one is configured", async () => {
    const { dataDir, store } = await folderOfA(1);
    const orphan = await put(a, store, dataDir, "left by a crash", { filed: false });
    const { log } = recordingLog();
    const now = new Date();
    expect(await sweepOrphanFiles(a.db, dataDir, { log, now, trashDays: 2 })).toBe(1);
    const later = new Date(now.getTime() + 3 * DAY_MS);
    await sweepOrphanFiles(a.db, dataDir, { log, now: later, trashDays: 2 });
    expect(fs.existsSync(trashedFilePath(dataDir, now.toISOString().slice(0, 10), orphan))).toBe(
      false,
    );
  });

  it("is not swept while an upload may still be committing (younger than the minimum age)", async () => {
    const { dataDir, store, keys } = await folderOfA(1);
    const inFlight = await put(a, store, dataDir, "an upload committing", {
      filed: false,
      old: false,
    });
    age(dataDir, inFlight, ORPHAN_MIN_AGE_MS - 60_000);
    const { log } = recordingLog();
    expect(await sweepOrphanFiles(a.db, dataDir, { log })).toBe(0);
    expect(await stored(dataDir)).toEqual(new Set([...keys, inFlight]));
    expect((await store.get(inFlight)).toString()).toBe("an upload committing");
  });
});

describe("a sweep interrupted part-way", () => {
  it("is finished by the next sweep, with nothing lost or moved twice", async () => {
    const { dataDir, store, keys } = await folderOfA(2);
    const orphans = [
      await put(a, store, dataDir, "orphan 1", { filed: false }),
      await put(a, store, dataDir, "orphan 2", { filed: false }),
      await put(a, store, dataDir, "orphan 3", { filed: false }),
    ];
    const day = new Date().toISOString().slice(0, 10);
    // The killed run had moved the first orphan and left a half-written marker behind.
    expect(await moveToTrash(dataDir, orphans[0] ?? "", day)).toBe(true);
    fs.writeFileSync(`${markerPath(dataDir)}.12345.tmp`, "");
    const { log } = recordingLog();
    expect(await sweepOrphanFiles(a.db, dataDir, { log })).toBe(2);
    expect(await stored(dataDir)).toEqual(new Set(keys));
    expect(await listTrash(dataDir)).toEqual([{ day, keys: [...orphans].sort() }]);
    // Two sweeps at once (two processes on one server) move each file once, without error.
    const more = [
      await put(a, store, dataDir, "orphan 4", { filed: false }),
      await put(a, store, dataDir, "orphan 5", { filed: false }),
    ];
    const [x, y] = await Promise.all([
      sweepOrphanFiles(a.db, dataDir, { log }),
      sweepOrphanFiles(a.db, dataDir, { log }),
    ]);
    expect((x ?? 0) + (y ?? 0)).toBe(2);
    expect(await listTrash(dataDir)).toEqual([{ day, keys: [...orphans, ...more].sort() }]);
  });

  it("finishes a purge that was killed half-way through a day of trash", async () => {
    const { dataDir, store } = await folderOfA(1);
    const orphans = [
      await put(a, store, dataDir, "orphan 1", { filed: false }),
      await put(a, store, dataDir, "orphan 2", { filed: false }),
    ];
    const { log } = recordingLog();
    const now = new Date();
    expect(await sweepOrphanFiles(a.db, dataDir, { log, now })).toBe(2);
    const day = now.toISOString().slice(0, 10);
    fs.rmSync(trashedFilePath(dataDir, day, orphans[0] ?? ""));
    const after = new Date(now.getTime() + (DEFAULT_TRASH_DAYS + 1) * DAY_MS);
    await sweepOrphanFiles(a.db, dataDir, { log, now: after });
    expect(await listTrash(dataDir)).toEqual([]);
  });
});

describe("removing a file from the store", () => {
  it("deletes it for good, with no copy in the trash (erasure, and undoing a failed upload)", async () => {
    const { dataDir, store } = await folderOfA(0);
    const { storageKey } = await store.put(Buffer.from("to be erased"));
    await store.remove(storageKey);
    expect(await stored(dataDir)).toEqual(new Set());
    expect(await listTrash(dataDir)).toEqual([]);
  });
});

const KIND = process.env.TEST_DB_KIND === "postgresql" ? "postgresql" : "pglite";
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * An empty database, as a wrong DATABASE_URL or a restore done in the wrong order gives: a
 * new PostgreSQL database with nothing in it, or (embedded) no pglite folder in DATA_DIR.
 */
async function emptyServerDatabase(): Promise<{ env: NodeJS.ProcessEnv; drop(): Promise<void> }> {
  if (KIND === "pglite") return { env: {}, drop: async () => undefined };
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("TEST_DATABASE_URL is not set");
  const name = `clearname_empty_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl(url) });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: u.toString() },
    async drop() {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

describe(`the server started on one database's folder and an empty database (${KIND})`, () => {
  it("starts, sweeps, and moves or deletes none of the folder's files", async () => {
    const { dataDir, store, keys } = await folderOfA(7);
    // A real orphan of A too: the sweep would take it if it took the folder for its own.
    const orphan = await put(a, store, dataDir, "an orphan of A", { filed: false });
    const marker = fs.readFileSync(markerPath(dataDir), "utf8");
    const empty = await emptyServerDatabase();
    // As `npm start` runs it (demo data and all on the embedded database), but with Vite's
    // middleware rather than a build, so that the test needs no `npm run build` first: the
    // start-up and the housekeeping are the same. It stops as soon as the start-up sweep has
    // spoken, without waiting for Vite: creating and migrating the empty database is slow
    // enough.
    const server = spawn(process.execPath, ["--import", "tsx", "server/main.ts", "--dev"], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: "",
        ...empty.env,
        DATA_DIR: dataDir,
        PORT: String(await freePort()),
        HOST: "127.0.0.1",
        LOG_LEVEL: "info",
        NODE_ENV: "development",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    server.stderr.on("data", (d: Buffer) => {
      err += d.toString();
    });
    const exited = new Promise<number | null>((resolve) => server.on("exit", resolve));
    const logged = (message: string) =>
      out
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as { msg: string; reason?: string })
        .find((l) => l.msg.includes(message));
    try {
      await new Promise<void>((resolve, reject) => {
        server.stdout.on("data", (d: Buffer) => {
          out += d.toString();
          // The refusal, or the end of a housekeeping run that did something: a sweep
          // that took files fails below rather than leaving the test to time out.
          if (logged("orphan sweep refused") || logged("housekeeping ")) resolve();
        });
        void exited.then((code) =>
          reject(new Error(`the server stopped (${code}) before its sweep:\n${out}\n${err}`)),
        );
      });
    } finally {
      server.kill("SIGTERM");
      await exited;
      await empty.drop();
    }
    expect(logged("orphan sweep refused")).toMatchObject({
      reason: expect.stringContaining("belongs to database"),
    });
    expect(logged("the document folder is not this database's")).toBeDefined();
    const left = await stored(dataDir);
    for (const key of [...keys, orphan]) expect(left.has(key)).toBe(true);
    expect(await listTrash(dataDir)).toEqual([]);
    expect(fs.readFileSync(markerPath(dataDir), "utf8")).toBe(marker);
  }, 120_000);
});

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "~/config/config.server";
import { loadSecret } from "~/config/secret.server";
import { refuseUnsafeSettings } from "~/config/unsafe-settings.server";
import { DataDirLockedError, lockDataDir } from "~/db/data-dir-lock.server";
import type { Database } from "~/db/database.server";
import { createMailer } from "~/mail/mailer.server";
import { createApp } from "../../server/app";
import { createTestDatabase } from "../support/test-database";

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clearname-config-"));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe("GET /healthz", () => {
  let database: Database;
  let databaseClosed = false;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = loadConfig({ DATA_DIR: tempDir() });
    const app = createApp({
      services: {
        config,
        database,
        mailer: createMailer({ smtpUrl: undefined, from: config.mailFrom, db: database.db }),
        logger: pino({ level: "silent" }),
        secret: "health-test-secret",
      },
      // Only /healthz is requested: React Router's build must never be reached.
      build: () => Promise.reject(new Error("the React Router build was reached")),
    });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    // fetch keeps its connection alive; close it rather than wait for it to time out.
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    if (!databaseClosed) await database?.close();
  });

  it("answers 200 with the kind of database while the database answers", async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    expect(await response.json()).toEqual({
      status: "ok",
      database: process.env.TEST_DB_KIND === "postgresql" ? "postgresql" : "pglite",
    });
    // Every answer carries a request id and the security headers.
    expect(response.headers.get("x-request-id")).toMatch(/^[\w-]+$/);
    expect(response.headers.get("x-frame-options")).toBe("DENY");
  });

  it("answers 503 once the database is gone", async () => {
    databaseClosed = true;
    await database.close();
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "unavailable", database: database.kind });
  });
});

describe("loadConfig", () => {
  it("has defaults: port 3000, the embedded database and demo data on", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: "0.0.0.0",
      databaseUrl: undefined,
      demo: true,
      production: false,
      publicUrl: "http://localhost:3000",
      secret: undefined,
      trustProxy: false,
    });
    expect(config.dataDir).toBe(path.resolve("./data"));
  });

  it("turns demo data off on a PostgreSQL server unless DEMO=1, and lets DEMO=0 turn it off anywhere", () => {
    const url = "postgres://clearname@db.example.org:5432/clearname";
    expect(loadConfig({ DATABASE_URL: url }).demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: url, DEMO: "1" }).demo).toBe(true);
    expect(loadConfig({ DEMO: "0" }).demo).toBe(false);
    // An empty DATABASE_URL is the same as none.
    expect(loadConfig({ DATABASE_URL: "" })).toMatchObject({ databaseUrl: undefined, demo: true });
    expect(loadConfig({ DATABASE_URL: "postgresql://x/y" }).databaseUrl).toBe("postgresql://x/y");
  });

  it.each([
    ["PORT", { PORT: "not-a-port" }],
    ["PORT", { PORT: "70000" }],
    ["DATABASE_URL", { DATABASE_URL: "mysql://db.example.org/clearname" }],
    ["CLEARNAME_SECRET", { CLEARNAME_SECRET: "too short" }],
  ])("refuses a bad %s with a ConfigError that names it (%o)", (name, env) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(new RegExp(`\\b${name}\\b`));
    // Only the bad variable is named.
    for (const other of ["PORT", "DATABASE_URL", "CLEARNAME_SECRET"].filter((n) => n !== name)) {
      expect((error as Error).message).not.toMatch(new RegExp(`\\b${other}\\b`));
    }
  });

  it("refuses production without CLEARNAME_SECRET, but not with one", () => {
    const env = {
      NODE_ENV: "production",
      DATABASE_URL: "postgres://db.example.org/clearname",
      PUBLIC_URL: "https://clearname.example.org",
    };
    expect(() => refuseUnsafeSettings(loadConfig(env))).toThrow(ConfigError);
    expect(() => refuseUnsafeSettings(loadConfig(env))).toThrow(/CLEARNAME_SECRET/);
    const secret = "s".repeat(32);
    const config = loadConfig({ ...env, CLEARNAME_SECRET: secret });
    expect(config).toMatchObject({ production: true, secret });
    expect(() => refuseUnsafeSettings(config)).not.toThrow();
  });
});

describe("loadSecret", () => {
  it("generates a secret into DATA_DIR once and returns the same one afterwards", () => {
    const dataDir = path.join(tempDir(), "not-yet-made");
    const config = loadConfig({ DATA_DIR: dataDir });
    const first = loadSecret(config);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    const file = path.join(dataDir, "secret.key");
    expect(fs.readFileSync(file, "utf8")).toBe(first);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(loadSecret(loadConfig({ DATA_DIR: dataDir }))).toBe(first);
    // Another data directory gets its own.
    expect(loadSecret(loadConfig({ DATA_DIR: tempDir() }))).not.toBe(first);
  });

  it("uses CLEARNAME_SECRET when it is set, and writes no file", () => {
    const dataDir = tempDir();
    const secret = "x".repeat(40);
    expect(loadSecret(loadConfig({ DATA_DIR: dataDir, CLEARNAME_SECRET: secret }))).toBe(secret);
    expect(fs.existsSync(path.join(dataDir, "secret.key"))).toBe(false);
  });
});

describe("lockDataDir", () => {
  const releases: (() => void)[] = [];
  afterEach(() => {
    for (const release of releases.splice(0)) release();
  });

  it("refuses a data directory whose lock is held by a live process", () => {
    const dataDir = tempDir();
    const pidFile = path.join(dataDir, "clearname.pid");
    // The process that started this test worker is certainly alive.
    fs.writeFileSync(pidFile, String(process.ppid));
    let error: unknown;
    try {
      releases.push(lockDataDir(dataDir));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataDirLockedError);
    expect((error as DataDirLockedError).pid).toBe(process.ppid);
    expect((error as DataDirLockedError).dataDir).toBe(dataDir);
    // The holder's lock is left alone.
    expect(fs.readFileSync(pidFile, "utf8")).toBe(String(process.ppid));
  });

  it("takes over a lock left by a process that is no longer running, and releases it", () => {
    const dataDir = tempDir();
    const pidFile = path.join(dataDir, "clearname.pid");
    const finished = spawnSync(process.execPath, ["-e", ""]);
    expect(finished.status).toBe(0);
    const deadPid = finished.pid;
    fs.writeFileSync(pidFile, String(deadPid));

    const release = lockDataDir(dataDir);
    expect(fs.readFileSync(pidFile, "utf8")).toBe(String(process.pid));
    release();
    expect(fs.existsSync(pidFile)).toBe(false);
  });

  it("creates the data directory, and its release leaves someone else's lock in place", () => {
    const dataDir = path.join(tempDir(), "fresh");
    const pidFile = path.join(dataDir, "clearname.pid");
    const release = lockDataDir(dataDir);
    expect(fs.readFileSync(pidFile, "utf8")).toBe(String(process.pid));
    fs.writeFileSync(pidFile, String(process.ppid));
    release();
    expect(fs.readFileSync(pidFile, "utf8")).toBe(String(process.ppid));
  });
});

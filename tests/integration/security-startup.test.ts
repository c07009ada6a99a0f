import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "~/config/config.server";
import { refuseUnsafeSettings, unsafeSettings } from "~/config/unsafe-settings.server";
import { asSystem, type Database } from "~/db/database.server";
import { organisations, users } from "~/db/schema";
import { activeDemoAccounts, DemoRefusedError, seedDemoData } from "~/demo/seed-demo.server";
import { createDocumentStore } from "~/documents/storage.server";
import { createMailer } from "~/mail/mailer.server";
import { startServices } from "../../server/start";
import { createTestDatabase } from "../support/test-database";

const SECRET = "s".repeat(40);
const SAFE = {
  NODE_ENV: "production",
  CLEARNAME_SECRET: SECRET,
  PUBLIC_URL: "https://clearname.example.org",
};
const root = path.resolve(import.meta.dirname, "../..");
const tempDirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clearname-startup-"));
  tempDirs.push(dir);
  return dir;
}

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the start-up check of production settings", () => {
  it("finds nothing unsafe in a safe production, nor anything at all outside production", () => {
    expect(unsafeSettings(loadConfig(SAFE))).toEqual([]);
    expect(unsafeSettings(loadConfig({}))).toEqual([]);
    expect(unsafeSettings(loadConfig({ DEMO: "1", PUBLIC_URL: "http://x.example" }))).toEqual([]);
  });

  it("never turns demo data on by default in production, even on the embedded database", () => {
    expect(loadConfig({ NODE_ENV: "production" }).demo).toBe(false);
    expect(loadConfig({}).demo).toBe(true);
  });

  it("names every unsafe setting at once", () => {
    const config = loadConfig({
      NODE_ENV: "production",
      DEMO: "1",
      PUBLIC_URL: "http://x.example",
    });
    const unsafe = unsafeSettings(config);
    expect(unsafe).toHaveLength(3);
    expect(unsafe.join("\n")).toMatch(/DEMO=1/);
    expect(unsafe.join("\n")).toMatch(/CLEARNAME_SECRET/);
    expect(unsafe.join("\n")).toMatch(/PUBLIC_URL is http:\/\/x\.example/);
    expect(() => refuseUnsafeSettings(config)).toThrow(ConfigError);
    expect(unsafeSettings(loadConfig({ ...SAFE, PUBLIC_URL: undefined }))).toEqual([
      expect.stringMatching(/PUBLIC_URL is not set/),
    ]);
  });

  it("stops startServices before it opens or writes anything", async () => {
    const dataDir = path.join(tempDir(), "data");
    const config = loadConfig({ ...SAFE, DEMO: "1", DATA_DIR: dataDir });
    await expect(startServices(config)).rejects.toThrow(/DEMO=1/);
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it("stops `npm start` with NODE_ENV=production and DEMO=1, naming what is unsafe", () => {
    const dataDir = path.join(tempDir(), "data");
    const run = spawnSync(process.execPath, ["--import", "tsx", "server/main.ts"], {
      cwd: root,
      encoding: "utf8",
      timeout: 60_000,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: "production",
        DEMO: "1",
        DATA_DIR: dataDir,
        PUBLIC_URL: "http://clearname.example.org",
      },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      "Clearname cannot start: NODE_ENV=production with unsafe settings:",
    );
    for (const name of ["DEMO=1", "CLEARNAME_SECRET", "PUBLIC_URL"]) {
      expect(run.stderr).toContain(name);
    }
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(dataDir)).toBe(false);
  });
});

describe("demo data in production", () => {
  it("is refused by the demo seed itself, which loads nothing", async () => {
    const seed = seedDemoData(database.db, SECRET, {
      store: createDocumentStore(tempDir(), SECRET),
      mailer: createMailer({ smtpUrl: undefined, from: "x@clearname.test", db: database.db }),
      publicUrl: "https://clearname.example.org",
      production: true,
    });
    await expect(seed).rejects.toBeInstanceOf(DemoRefusedError);
    const [orgs] = await asSystem(database.db, (tx) =>
      tx.select({ n: count() }).from(organisations),
    );
    expect(orgs?.n).toBe(0);
  });

  it("finds the demo accounts that can still sign in, so that production refuses them", async () => {
    expect(await activeDemoAccounts(database.db)).toEqual([]);
    await asSystem(database.db, (tx) =>
      tx.insert(users).values({ email: "admin@clearname.test", name: "Ada Administrator" }),
    );
    expect(await activeDemoAccounts(database.db)).toEqual(["admin@clearname.test"]);
    await asSystem(database.db, (tx) =>
      tx
        .update(users)
        .set({ disabledAt: new Date() })
        .where(eq(users.email, "admin@clearname.test")),
    );
    expect(await activeDemoAccounts(database.db)).toEqual([]);
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { signIn } from "./support/auth";
import { expect, expectAccessible, test } from "./support/fixtures";
import {
  exitWithin,
  killGroup,
  type ServerProcess,
  startServer,
  waitUntilRunning,
} from "./support/server-process";

const LOCK_FILE = "clearname.pid";

test.describe("the embedded database", () => {
  test("a second server on the same DATA_DIR refuses to start and names the running one", async ({
    request,
  }) => {
    const dataDir = process.env.CLEARNAME_E2E_DATA_DIR;
    expect(dataDir, "playwright.config.ts sets CLEARNAME_E2E_DATA_DIR").toBeTruthy();
    const lockFile = path.join(dataDir as string, LOCK_FILE);
    const runningPid = fs.readFileSync(lockFile, "utf8").trim();
    expect(runningPid).toMatch(/^\d+$/);
    expect(() => process.kill(Number(runningPid), 0), "the locking process is alive").not.toThrow();

    const second = startServer({ dataDir: dataDir as string, port: 3101, how: "npx" });
    try {
      const exit = await exitWithin(second, 45_000);
      expect(exit, `still running after 45 s:\n${second.output()}`).not.toBeNull();
      expect(exit?.code, second.output()).not.toBe(0);
      expect(exit?.code, second.output()).not.toBeNull();
      expect(second.output()).toContain(
        `Another Clearname process (pid ${runningPid}) is using the embedded database in ${dataDir}`,
      );
      expect(second.output()).not.toContain("Clearname is running at");
    } finally {
      await killGroup(second);
    }

    // The first server is untouched: its lock is still its own and it still answers.
    expect(fs.readFileSync(lockFile, "utf8").trim()).toBe(runningPid);
    const health = await request.get("/healthz");
    expect(health.status()).toBe(200);
    expect(await health.json()).toEqual({ status: "ok", database: "pglite" });
  });

  test.describe("stopping and starting again", () => {
    const port = 3102;
    const origin = `http://127.0.0.1:${port}`;
    let dataDir: string;
    let server: ServerProcess | undefined;

    test.beforeAll(() => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "clearname-e2e-restart-"));
    });
    test.afterEach(async () => {
      if (server) await killGroup(server);
      server = undefined;
    });
    test.afterAll(() => {
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    test("SIGTERM stops the server cleanly, and what it committed is there after a restart", async ({
      page,
    }) => {
      test.setTimeout(150_000);
      const projectName = `Restart Check Project ${Date.now().toString(36)}`;

      server = startServer({ dataDir, port, how: "node" });
      await waitUntilRunning(server);
      const pid = server.child.pid;
      expect(fs.readFileSync(path.join(dataDir, LOCK_FILE), "utf8").trim()).toBe(String(pid));

      // Commit something through the UI: a new project (and the audit events that go with it).
      await page.goto(`${origin}/sign-in`);
      await signIn(page, "admin@clearname.test");
      await expectAccessible(page, "home page");
      await page.goto(`${origin}/organisations/new`);
      await expectAccessible(page, "new project form");
      await page.getByLabel("Project name").fill(projectName);
      await page.getByRole("radio", { name: "Law firm" }).check();
      await page.getByRole("checkbox", { name: "Northern Ireland" }).check();
      await page.getByLabel("Capacity (active cases)").fill("2");
      await page.getByRole("button", { name: "Add project" }).click();
      await expect(page.getByRole("status")).toHaveText("Project added.");
      const projectUrl = page.url().replace(/\?.*$/, "");
      await expectAccessible(page, "new project's page");

      // SIGTERM: it closes the database, releases the lock and exits 0, promptly.
      const running = server;
      running.child.kill("SIGTERM");
      const exit = await exitWithin(running, 10_000);
      expect(exit, `still running 10 s after SIGTERM:\n${running.output()}`).not.toBeNull();
      expect(exit?.code, running.output()).toBe(0);
      expect(running.output()).toContain("shutting down");
      expect(running.output()).toContain("database closed; goodbye");
      expect(fs.existsSync(path.join(dataDir, LOCK_FILE)), "lock released").toBe(false);
      expect(
        (await page.request.get(`${origin}/healthz`).catch((e: Error) => e)) instanceof Error,
      ).toBe(true);

      // Started again on the same folder: no new demo data, and the project is there. The
      // session was committed too, so the browser is still signed in.
      server = startServer({ dataDir, port, how: "node" });
      await waitUntilRunning(server);
      await page.goto(`${origin}/organisations`);
      await expect(page.getByRole("banner")).toContainText("Ada Administrator");
      await expect(page.getByRole("link", { name: projectName })).toHaveCount(1);
      await expect(
        page.getByRole("link", { name: "Ashdown University Innocence Project" }),
      ).toHaveCount(1);
      await expectAccessible(page, "network and projects after the restart");

      await page.goto(projectUrl);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(projectName);
      await expect(page.locator("dl.summary-list")).toContainText("KindLaw firm");
      await expect(page.locator("dl.summary-list")).toContainText("Capacity2 active cases");
      await expectAccessible(page, "the project after the restart");

      await page.goto(`${origin}/admin/audit?action=organisation.created`);
      await expect(page.getByRole("row").filter({ hasText: "organisation.created" })).toHaveCount(
        1,
      );
      await expectAccessible(page, "audit trail after the restart");

      const restarted = server;
      restarted.child.kill("SIGTERM");
      const second = await exitWithin(restarted, 10_000);
      expect(second?.code, restarted.output()).toBe(0);
    });
  });
});

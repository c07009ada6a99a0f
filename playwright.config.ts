import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

/**
 * End-to-end tests: `npm run test:e2e` builds the app, then runs tests/e2e/*.spec.ts in
 * Chromium against the built server on a fresh embedded database with the demo data.
 */

const CHROMIUM = "/usr/bin/chromium";
if (!fs.existsSync(CHROMIUM)) {
  throw new Error(
    `The end-to-end tests need Chromium at ${CHROMIUM}, which is missing.\n` +
      "Install it with: apt-get install chromium  (then run npm run test:e2e again).",
  );
}

export const E2E_PORT = 3100;
export const E2E_BASE_URL = `http://localhost:${E2E_PORT}`;

// The web server's DATA_DIR: a new temporary folder for every run, so every run starts from
// clean demo data. The config is loaded again in each worker, which inherits the runner's
// environment: chosen only once, so that the runner, the server and the workers share one.
// tests/e2e/start-server.ts creates it (refusing one that exists) and removes it afterwards.
process.env.CLEARNAME_E2E_DATA_DIR ??= path.join(
  os.tmpdir(),
  `clearname-e2e-${randomBytes(6).toString("hex")}`,
);
// Where the e-mail the server sends arrives (tests/e2e/support/mailbox.ts reads it).
process.env.CLEARNAME_E2E_MAILBOX ??= `${process.env.CLEARNAME_E2E_DATA_DIR}.mailbox`;

// What the run's worker processes share (saved sign-ins, two-factor steps used): see
// tests/e2e/support/run-folder.ts. Chosen once, beside DATA_DIR, for the same reason.
process.env.CLEARNAME_E2E_RUN_DIR ??= `${process.env.CLEARNAME_E2E_DATA_DIR}.run`;

/**
 * The journeys run two at a time against the one server, on the demo data. Journeys that
 * read what another changes in the demo data run in order, in one lane each (a project
 * limited to one worker); the rest are independent and fill in wherever a worker is free.
 * A new journey that changes demo rows another journey reads belongs in that journey's lane,
 * after it (docs/decisions/015-end-to-end-tests-in-parallel.md).
 */
const LANES = {
  // Lena Lead's account (04 changes her password, 01 signs her in) and the demo's eligible
  // case: referral offers it and closes Fenwick, which work-on-a-case then relies on.
  "lena-and-the-referred-case": [
    "01-sign-in-each-role.spec.ts",
    "04-forgotten-password.spec.ts",
    "referral.spec.ts",
    "work-on-a-case.spec.ts",
  ],
  // The intake queue: applications added, acknowledged, imported, moved and assessed.
  "intake-queue": [
    "apply.spec.ts",
    "eligibility.spec.ts",
    "import.spec.ts",
    "letters.spec.ts",
    "postal-entry.spec.ts",
    "queue.spec.ts",
  ],
};

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  // Two cores: the server, the browser and axe keep both busy with two journeys at a time.
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  globalTeardown: "tests/e2e/support/global-teardown.ts",
  projects: [
    { name: "sign-in", testMatch: "sign-in.setup.ts" },
    ...Object.entries(LANES).map(([name, files]) => ({
      name,
      testMatch: files,
      dependencies: ["sign-in"],
      workers: 1,
    })),
    {
      name: "independent",
      testMatch: "*.spec.ts",
      testIgnore: Object.values(LANES).flat(),
      dependencies: ["sign-in"],
    },
  ],
  use: {
    baseURL: E2E_BASE_URL,
    browserName: "chromium",
    locale: "en-GB",
    timezoneId: "UTC",
    // Recording a trace costs every test a screenshot and a DOM snapshot per action, on the
    // two cores that run the journeys: CI keeps the failure's screenshot and error context, and
    // `npx playwright test --trace on` records one when a failure needs it.
    trace: process.env.CI ? "off" : "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: "node --import tsx tests/e2e/start-server.ts",
    url: `${E2E_BASE_URL}/healthz`,
    reuseExistingServer: false,
    timeout: 90_000,
    stdout: "ignore",
    stderr: "pipe",
    // SIGTERM lets the server close its database and start-server.ts remove the folder.
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    // Not NODE_ENV=production, which refuses the demo data: see tests/e2e/start-server.ts.
    env: {
      HOST: "127.0.0.1",
      PORT: String(E2E_PORT),
      DATA_DIR: process.env.CLEARNAME_E2E_DATA_DIR,
      PUBLIC_URL: E2E_BASE_URL,
      LOG_LEVEL: "warn",
      // The shared sign-ins are made at the start and used until the end of the run.
      SESSION_IDLE_MINUTES: "1440",
      DATABASE_URL: "",
      DEMO: "1",
    },
  },
});

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

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "*.spec.ts",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: E2E_BASE_URL,
    browserName: "chromium",
    locale: "en-GB",
    timezoneId: "UTC",
    trace: "retain-on-failure",
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
    env: {
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(E2E_PORT),
      DATA_DIR: process.env.CLEARNAME_E2E_DATA_DIR,
      PUBLIC_URL: E2E_BASE_URL,
      LOG_LEVEL: "warn",
      DATABASE_URL: "",
      SMTP_URL: "",
      DEMO: "1",
    },
  },
});

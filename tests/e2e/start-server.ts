/**
 * The end-to-end tests' web server (playwright.config.ts starts it): the built Clearname on
 * a fresh embedded database in DATA_DIR, a new temporary folder whose name the config chose.
 * This creates the folder, and removes it when the server stops.
 * Run as `node --import tsx tests/e2e/start-server.ts`.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const dataDir = process.env.DATA_DIR;
if (!dataDir) {
  console.error("start-server.ts: DATA_DIR is not set (playwright.config.ts sets it).");
  process.exit(1);
}
const resolved = path.resolve(dataDir);
if (!resolved.startsWith(os.tmpdir() + path.sep)) {
  // It is removed afterwards: refuse anything but a temporary folder.
  console.error(`start-server.ts: DATA_DIR must be under ${os.tmpdir()}, not ${resolved}.`);
  process.exit(1);
}
if (!fs.existsSync(path.join(root, "build/server/index.js"))) {
  console.error(
    "start-server.ts: the app is not built. Run `npm run build` (npm run test:e2e does).",
  );
  process.exit(1);
}
try {
  fs.mkdirSync(resolved);
} catch (error) {
  const exists = (error as NodeJS.ErrnoException).code === "EEXIST";
  console.error(
    exists
      ? `start-server.ts: DATA_DIR ${resolved} already exists; every run needs a fresh one.`
      : `start-server.ts: cannot create DATA_DIR ${resolved}: ${error}`,
  );
  process.exit(1);
}

const server = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
  cwd: root,
  env: { ...process.env, NODE_ENV: "production", DATA_DIR: resolved },
  stdio: "inherit",
});

// Playwright sends SIGTERM to the whole process group: the server shuts down by itself, and
// this process waits for it to finish before removing the folder.
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (server.exitCode === null && server.signalCode === null) server.kill(signal);
  });
}

server.on("exit", (code, signal) => {
  fs.rmSync(resolved, { recursive: true, force: true });
  process.exit(code ?? (signal ? 1 : 0));
});

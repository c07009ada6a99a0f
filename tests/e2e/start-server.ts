/**
 * The end-to-end tests' web server (playwright.config.ts starts it): the built Clearname on
 * a fresh embedded database in DATA_DIR, a new temporary folder whose name the config chose.
 * This creates the folder, and removes it when the server stops.
 *
 * Its e-mail goes over SMTP to a mail server started here, which keeps every message it
 * receives as a file in CLEARNAME_E2E_MAILBOX: a journey reads a reset or invitation link
 * from there, as its recipient would (the outbox never shows one).
 *
 * The server runs as a trial does, not with NODE_ENV=production, which refuses demo data:
 * it serves the same optimised build (server/node-env.ts tells the libraries "production"
 * whenever the build is served); only HSTS and the production start-up checks are left out.
 * Run as `node --import tsx tests/e2e/start-server.ts`.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SMTPServer } from "smtp-server";

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

const mailbox = path.resolve(process.env.CLEARNAME_E2E_MAILBOX ?? `${resolved}.mailbox`);
if (!mailbox.startsWith(os.tmpdir() + path.sep)) {
  console.error(`start-server.ts: CLEARNAME_E2E_MAILBOX must be under ${os.tmpdir()}.`);
  process.exit(1);
}
fs.mkdirSync(mailbox);
let received = 0;
const smtp = new SMTPServer({
  secure: false,
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  logger: false,
  onData(stream, _session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => {
      // Written whole, then renamed: a reader never sees half a message.
      const name = `${String(++received).padStart(5, "0")}.eml`;
      fs.writeFileSync(path.join(mailbox, `.${name}`), Buffer.concat(chunks));
      fs.renameSync(path.join(mailbox, `.${name}`), path.join(mailbox, name));
      callback();
    });
  },
});
await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
const smtpPort = (smtp.server.address() as AddressInfo).port;

const { NODE_ENV: _notProduction, ...env } = process.env;
const server = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
  cwd: root,
  env: { ...env, DATA_DIR: resolved, SMTP_URL: `smtp://127.0.0.1:${smtpPort}` },
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
  smtp.close(() => undefined);
  fs.rmSync(resolved, { recursive: true, force: true });
  fs.rmSync(mailbox, { recursive: true, force: true });
  process.exit(code ?? (signal ? 1 : 0));
});

import fs from "node:fs";
import http, { type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { pino } from "pino";
import type { ServerBuild } from "react-router";
import { createServer, type ViteDevServer } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "~/config/config.server";
import { asUser, type Database } from "~/db/database.server";
import { createDocumentStore } from "~/documents/storage.server";
import { newToken } from "~/identity/crypto.server";
import { withDocumentStore } from "~/intake/entry/document-store.server";
import { storeDocument } from "~/intake/entry/store-document.server";
import { createApp } from "../../server/app";
import { createNetwork, createUser, TEST_PASSWORD, type TestUser } from "../support/factories";
import { enterApplication } from "../support/intake";
import { mailboxMailer } from "../support/mailbox";
import { tinyPdf } from "../support/scans";
import { createTestDatabase } from "../support/test-database";

/**
 * The whole app over HTTP, as a browser or an attacker reaches it: server/app.ts in front of
 * the React Router app (loaded through Vite, as `npm run dev` does).
 */
const SECRET = "security-http-test-secret-long-enough-for-it";
let database: Database;
let vite: ViteDevServer;
let server: Server;
let base: string;
let dataDir: string;
let clientDir: string;
let intake: TestUser;
const logLines: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "clearname-security-http-"));
  clientDir = path.join(dataDir, "client");
  fs.mkdirSync(path.join(clientDir, "assets"), { recursive: true });
  fs.writeFileSync(path.join(clientDir, "assets", "app-1234.js"), "export {};\n");
  vite = await createServer({
    server: { middlewareMode: true, hmr: false },
    appType: "custom",
    logLevel: "silent",
  });
  const config = loadConfig({ DATA_DIR: dataDir, DEMO: "0" });
  const logger = pino(
    { level: "info" },
    new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    }),
  );
  const app = createApp({
    services: {
      config,
      database,
      mailer: mailboxMailer(database.db).mailer,
      logger,
      secret: SECRET,
    },
    build: () => vite.ssrLoadModule("virtual:react-router/server-build") as Promise<ServerBuild>,
    clientDir,
  });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const network = await createNetwork(database.db);
  intake = await createUser(database.db, [
    { organisationId: network.id, roleKey: "intake_officer" },
  ]);
}, 120_000);

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await vite?.close();
  await database?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The cookies a response sets, as a Cookie header. */
function cookiesOf(response: Response, earlier = ""): string {
  const jar = new Map(
    earlier
      .split("; ")
      .filter(Boolean)
      .map((c) => c.split("=", 2) as [string, string]),
  );
  for (const set of response.headers.getSetCookie()) {
    const [pair] = set.split(";");
    const [name, value] = (pair ?? "").split("=", 2);
    if (name) jar.set(name, value ?? "");
  }
  return [...jar].map(([n, v]) => `${n}=${v}`).join("; ");
}

/** Opens the sign-in page, then signs in through its form; the answer is not followed. */
async function signIn(redirectTo: string, user = intake) {
  const page = await fetch(`${base}/sign-in?redirectTo=${redirectTo}`);
  expect(page.status).toBe(200);
  const cookie = cookiesOf(page);
  const csrf = /cn_csrf=([^;]+)/.exec(cookie)?.[1] ?? "";
  const html = await page.text();
  // The form carries the target as the page received it, decoded.
  const field = /name="redirectTo"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*name="redirectTo"/.exec(
    html,
  );
  const target = field?.[1] ?? field?.[2] ?? "";
  const response = await fetch(`${base}/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded", origin: base },
    body: new URLSearchParams({
      _csrf: csrf,
      email: user.email,
      password: TEST_PASSWORD,
      redirectTo: decodeHtml(target),
    }),
  });
  return { response, cookie: cookiesOf(response, cookie) };
}

function decodeHtml(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    )
    .replace(/&#(\d+);/g, (_m, dec: string) => String.fromCharCode(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

/** Any method and any path, as sent: fetch refuses TRACE and would normalise the path. */
function rawRequest(
  method: string,
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const body = method === "POST" ? "email=a%40b.example&password=x" : undefined;
    const request = http.request(
      `${base}${url}`,
      { method, headers: body ? { ...headers, "content-length": String(body.length) } : headers },
      (response) => {
        let text = "";
        response.on("data", (chunk) => {
          text += chunk;
        });
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

const errorLogs = () =>
  logLines.map((l) => JSON.parse(l) as { level: number; msg: string }).filter((l) => l.level >= 50);

describe("after signing in, the redirect stays on this site", () => {
  it.each([
    "/%09/evil.example",
    "/%0a/evil.example",
    "/%0d/evil.example",
    "//evil.example",
    "/%5Cevil.example",
    "/%2F%2Fevil.example",
    "https://evil.example",
  ])("redirectTo=%s lands on this origin", async (redirectTo) => {
    const { response } = await signIn(redirectTo);
    expect(response.status).toBe(302);
    const location = response.headers.get("location") ?? "";
    expect(new URL(location, base).origin).toBe(base);
    expect(location).toBe("/");
  });

  it("keeps a same-site target", async () => {
    const { response } = await signIn(encodeURIComponent("/applications?page=2"));
    expect(response.headers.get("location")).toBe("/applications?page=2");
  });
});

describe("what a browser may keep", () => {
  it("marks a signed-in page and a downloaded document no-store", async () => {
    const { cookie } = await signIn("/");
    const home = await fetch(`${base}/`, { headers: { cookie } });
    expect(home.status).toBe(200);
    expect(home.headers.get("cache-control")).toBe("no-store");

    const started = await enterApplication(database.db, intake, { fullName: "Petra Scanlon" });
    const store = createDocumentStore(dataDir, SECRET);
    const stored = await withDocumentStore(store, (s) =>
      asUser(database.db, intake.id, (tx) =>
        storeDocument(tx, intake.acting, s, {
          applicationId: started.applicationId,
          kind: "scan",
          filename: "letter.pdf",
          bytes: tinyPdf(),
        }),
      ),
    );
    const download = await fetch(`${base}/documents/${stored.documentId}`, { headers: { cookie } });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(download.headers.get("cache-control")).toMatch(/\bno-store\b/);
    expect(download.headers.get("x-content-type-options")).toMatch(/^nosniff\b/);
  });

  it("lets the static assets be cached", async () => {
    const asset = await fetch(`${base}/assets/app-1234.js`);
    expect(asset.status).toBe(200);
    const rule = asset.headers.get("cache-control") ?? "";
    expect(rule).toMatch(/max-age=\d+/);
    expect(rule).not.toMatch(/no-store/);
  });
});

describe("hostile requests get a short 400, and no error in the log", () => {
  it.each([
    ["a malformed %-encoding", "GET", "/cases/%", {}],
    ["a malformed %-encoding further on", "GET", "/applications/%E0%A4%A/documents", {}],
    ["TRACE", "TRACE", "/", {}],
    [
      "a form from another site",
      "POST",
      "/sign-in",
      { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" },
    ],
    [
      "a form from an origin a browser will not name",
      "POST",
      "/sign-in",
      { origin: "null", "content-type": "application/x-www-form-urlencoded" },
    ],
  ] as const)("%s", async (_what, method, url, headers) => {
    const before = errorLogs().length;
    const response = await rawRequest(method, url, headers);
    expect(response.status).toBe(400);
    const text = response.body;
    expect(text.length).toBeLessThan(300);
    expect(text).not.toMatch(/\bat \S+ \(|Error:|node_modules/);
    expect(text).toMatch(/Reference: [\w-]+/);
    expect(errorLogs().length).toBe(before);
  });
});

describe("the request log", () => {
  it("never holds a link token, a form token or a search", async () => {
    const { token } = newToken();
    const csrf = newToken().token;
    await fetch(`${base}/reset-password/${token}`);
    await fetch(`${base}/reset-password/${token}?_csrf=${csrf}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: base },
      body: `_csrf=${csrf}&password=x&confirm=x`,
    });
    await fetch(`${base}/search?q=Petra+Scanlon`);
    const log = logLines.join("\n");
    expect(log).toContain("/reset-password/:token");
    expect(log).not.toContain(token);
    expect(log).not.toContain(csrf);
    expect(log).not.toContain("Scanlon");
  });
});

/**
 * `npx tsx bench/hostile-uploads.ts`: reads each hostile file as an upload would (the
 * 50,000-page PDF, the XLSX bomb with an honest and a lying ZIP directory, a 1,500-page PDF
 * under the limit, a CSV over the row limit) while another client asks a real HTTP server of
 * the app for /healthz (which asks the database) one request after another. Prints, for each
 * file, how long its reading took, the process's peak memory, the requests served meanwhile
 * and their p95 and slowest. Figures: docs/benchmarks.md.
 */
import fs from "node:fs";
import http, { type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { pino } from "pino";
import { loadConfig } from "~/config/config.server";
import { openDatabase } from "~/db/database.server";
import { migrateDatabase } from "~/db/migrate.server";
import { readScan } from "~/intake/entry/scan-checks.server";
import { MAX_IMPORT_ROWS, readSheet } from "~/intake/import/read-rows.server";
import { readImportFile } from "~/intake/import/runs.server";
import { createMailer } from "~/mail/mailer.server";
import { createApp } from "../server/app";
import { lyingXlsxBomb, manyPagePdf, xlsxBomb } from "./hostile-files";
import { p95 } from "./measure";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "clearname-bench-hostile-"));
const database = await openDatabase({});
await migrateDatabase(database);
const config = loadConfig({ DATA_DIR: dataDir });
const app = createApp({
  services: {
    config,
    database,
    mailer: createMailer({ smtpUrl: undefined, from: config.mailFrom, db: database.db }),
    logger: pino({ level: "silent" }),
    secret: "bench-hostile-secret-0123456789abcdef",
  },
  build: () => Promise.reject(new Error("only /healthz is asked for")),
});
const server = await new Promise<Server>((resolve) => {
  const s = app.listen(0, "127.0.0.1", () => resolve(s));
});
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`;

function healthz(): Promise<void> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (response) => {
        response.resume();
        response.on("end", () =>
          response.statusCode === 200 ? resolve() : reject(new Error(`${response.statusCode}`)),
        );
      })
      .on("error", reject);
  });
}

async function measure(name: string, work: () => Promise<string>) {
  const times: number[] = [];
  let done = false;
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 50);
  const browsing = (async () => {
    while (!done) {
      const started = performance.now();
      await healthz();
      times.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const started = performance.now();
  const outcome = await work();
  const seconds = (performance.now() - started) / 1000;
  done = true;
  await browsing;
  clearInterval(sampler);
  console.log(
    JSON.stringify({
      file: name,
      outcome: outcome.slice(0, 90),
      seconds: Number(seconds.toFixed(1)),
      peak_rss_mb: Math.round(peakRss / 1024 / 1024),
      requests: times.length,
      p95_ms: Math.round(p95(times)),
      max_ms: Math.round(Math.max(...times)),
    }),
  );
}

const said = (read: { ok: true } | { ok: false; message: string }) =>
  read.ok ? "accepted" : read.message;

try {
  const pdf = manyPagePdf(50_000);
  await measure("PDF, 50,000 pages (8 MB)", async () =>
    said(await readScan(pdf, { extractText: true })),
  );
  const bomb = xlsxBomb();
  await measure(`XLSX bomb, ${Math.round(bomb.length / 1024)} KB unpacking to 80 MB`, async () =>
    said(await readImportFile({ filename: "bomb.xlsx", bytes: bomb })),
  );
  const lying = lyingXlsxBomb();
  await measure("XLSX bomb whose ZIP directory lies", async () =>
    said(await readImportFile({ filename: "bomb.xlsx", bytes: lying })),
  );
  const transcript = manyPagePdf(1_500);
  await measure("PDF, 1,500 pages, text extracted", async () =>
    said(await readScan(transcript, { extractText: true })),
  );
  const lines = ["Name,Date received"];
  for (let i = 0; i <= MAX_IMPORT_ROWS; i++) lines.push(`Person ${i},2026-01-01`);
  const csv = Buffer.from(lines.join("\n"));
  await measure(`CSV, ${(MAX_IMPORT_ROWS + 1).toLocaleString("en-GB")} rows`, async () => {
    try {
      await readSheet(csv, "csv");
      return "accepted";
    } catch (error) {
      return (error as Error).message;
    }
  });
} finally {
  server.closeAllConnections();
  server.close();
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

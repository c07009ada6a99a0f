import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { asUser, type Database } from "~/db/database.server";
import { createDocumentStore, type DocumentStore } from "~/documents/storage.server";
import { loadEstablishments } from "~/intake/establishments.server";
import { checkImportRun } from "~/intake/import/check-import.server";
import { guessMapping } from "~/intake/import/fields";
import { runImport, startImport } from "~/intake/import/run-import.server";
import { createImportRun, type ImportMode, saveMapping } from "~/intake/import/runs.server";
import { createNetwork, createUser, type TestUser } from "../support/factories";
import { createTestDatabase } from "../support/test-database";

/** What the import tests share: a database with the establishments, an intake officer, a store. */
export interface ImportHarness {
  database: Database;
  intake: TestUser;
  store: DocumentStore;
  /** Uploads a file, maps its columns as guessed from `headers`, and checks it. */
  upload(filename: string, bytes: Buffer, headers: string[]): ReturnType<typeof checkImportRun>;
  importRun(runId: string, mode: ImportMode): ReturnType<typeof runImport>;
  close(): Promise<void>;
}

/** The page's per-column choices that the guessed mapping gives. */
export function columnFields(headers: string[]): string[] {
  const guess = guessMapping(headers);
  const fields = headers.map(() => "");
  for (const [key, column] of Object.entries(guess)) fields[Number(column)] = key;
  return fields;
}

export function csvCell(v: string): string {
  return /[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

export async function importHarness(): Promise<ImportHarness> {
  const database = await createTestDatabase();
  await loadEstablishments(database.db);
  const network = await createNetwork(database.db);
  const intake = await createUser(database.db, [
    { organisationId: network.id, roleKey: "intake_officer" },
  ]);
  const storeDir = fs.mkdtempSync(path.join(os.tmpdir(), "clearname-import-"));
  const store = createDocumentStore(storeDir, "a test secret that is long enough to use");
  return {
    database,
    intake,
    store,
    async upload(filename, bytes, headers) {
      const run = await asUser(database.db, intake.id, (tx) =>
        createImportRun(tx, intake.acting, store, { filename, bytes }),
      );
      await asUser(database.db, intake.id, (tx) =>
        saveMapping(tx, intake.acting, run, headers, columnFields(headers)),
      );
      return checkImportRun(database.db, intake.acting, store, run.id);
    },
    async importRun(runId, mode) {
      await asUser(database.db, intake.id, (tx) => startImport(tx, intake.acting, runId, mode));
      return runImport(database.db, intake.acting, store, runId);
    },
    async close() {
      await database.close();
      fs.rmSync(storeDir, { recursive: true, force: true });
    },
  };
}

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import { asSystem, asUser, type Database, queryRows } from "~/db/database.server";
import { createDocumentStore } from "~/documents/storage.server";
import { importBatchSize } from "~/intake/import/check-file.server";
import { checkImportRun } from "~/intake/import/check-import.server";
import { guessMapping } from "~/intake/import/fields";
import { runImport, startImport } from "~/intake/import/run-import.server";
import { createImportRun, saveMapping } from "~/intake/import/runs.server";
import { application, faker, person } from "./synthetic";

const HEADERS = [
  "Case ref",
  "Name",
  "Aliases",
  "DOB",
  "Prisoner number",
  "Prison",
  "Date received",
  "Offences",
  "Court",
  "Conviction date",
  "Plea",
  "Why wrong",
];

/** The legacy references the bench's imports use, so that it can take its rows out again. */
const BENCH_PREFIX = "BENCH-LEGACY-";

/**
 * Takes out what the bench's imports added (as the owner: nobody may delete applications),
 * so that the data set stays the size asked for. Their audit events stay: the trail is
 * append-only.
 */
export async function removeBenchImports(database: Database): Promise<number> {
  const removed = await asSystem(database.db, async (tx) => {
    const gone = await queryRows<{ applicant_id: string }>(
      tx,
      sql`delete from applications where import_key like ${`legacy:${BENCH_PREFIX}%`}
        returning applicant_id`,
    );
    // An imported row whose prisoner number was already on the register joined that
    // applicant: only the applicants the import made (now with no application) go.
    const ids = `{${[...new Set(gone.map((r) => r.applicant_id))].join(",")}}`;
    const orphans = sql`select p.id from applicants p where p.id = any(${ids}::uuid[])
      and not exists (select 1 from applications a where a.applicant_id = p.id)`;
    await tx.execute(sql`delete from applicant_moves where applicant_id in (${orphans})`);
    await tx.execute(sql`delete from applicants where id in (${orphans})`);
    return gone.length;
  });
  if (removed > 0 && database.kind === "postgresql")
    await database.db.execute(sql`vacuum (analyze) applications, applicants, applicant_moves`);
  return removed;
}

function cell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A legacy register as an old spreadsheet would export it (UK dates, prison names). */
function legacyCsv(rows: number, prisons: string[]): Buffer {
  const stamp = Date.now().toString(36);
  const ukDate = (iso: string) => iso.split("-").reverse().join("/");
  const lines = [HEADERS.join(",")];
  for (let i = 0; i < rows; i++) {
    const p = person();
    const a = application("2005-01-01", new Date("2019-12-31"));
    lines.push(
      [
        `${BENCH_PREFIX}${stamp}-${i}`,
        p.fullName,
        p.aliases.join("; "),
        p.dateOfBirth ? ukDate(p.dateOfBirth) : "",
        p.prisonerNumber ?? "",
        faker.number.float() < 0.7 ? faker.helpers.arrayElement(prisons) : "",
        ukDate(a.receivedOn),
        a.questionnaire.offences ?? "",
        a.questionnaire.court ?? "",
        a.questionnaire.convictionDate ?? "",
        a.questionnaire.plea ?? "",
        a.questionnaire.whyWrong ?? "",
      ]
        .map(cell)
        .join(","),
    );
  }
  return Buffer.from(`${lines.join("\r\n")}\r\n`);
}

export interface ImportFigures {
  import_rows: number;
  import_rows_per_s: number;
  import_check_rows_per_s: number;
  import_file_mb: number;
}

/**
 * Imports a generated legacy register through the real path: upload (format check, encrypted
 * store), the mapping guessed from its headers, the dry run, then a valid-rows-only import.
 */
export async function measureImport(
  database: Database,
  acting: Acting,
  rows: number,
  prisons: string[],
  log: (line: string) => void,
): Promise<ImportFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clearname-bench-"));
  try {
    const store = createDocumentStore(dir, "benchmark secret, thrown away after the run");
    const bytes = legacyCsv(rows, prisons);
    const db = database.db;
    const userId = acting.viewer.id;
    const run = await asUser(db, userId, (tx) =>
      createImportRun(tx, acting, store, { filename: "legacy-register.csv", bytes }),
    );
    const columns = HEADERS.map(() => "");
    for (const [key, column] of Object.entries(guessMapping(HEADERS)))
      columns[Number(column)] = key;
    await asUser(db, userId, (tx) => saveMapping(tx, acting, run, HEADERS, columns));
    let started = performance.now();
    const checked = await checkImportRun(db, acting, store, run.id);
    const checkSeconds = (performance.now() - started) / 1000;
    log(
      `  import: checked ${checked.totalRows} rows in ${checkSeconds.toFixed(1)} s, ${checked.invalidRows} with problems`,
    );
    await asUser(db, userId, (tx) => startImport(tx, acting, run.id, "valid_only"));
    started = performance.now();
    const done = await runImport(
      db,
      acting,
      store,
      run.id,
      undefined,
      importBatchSize(database.kind),
    );
    const seconds = (performance.now() - started) / 1000;
    log(`  import: imported ${done.importedRows} rows in ${seconds.toFixed(1)} s (${done.status})`);
    return {
      import_rows: done.importedRows,
      import_rows_per_s: Math.round(done.importedRows / seconds),
      import_check_rows_per_s: Math.round(checked.totalRows / checkSeconds),
      import_file_mb: Number((bytes.length / 1024 / 1024).toFixed(1)),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `npm run bench`: seeds a synthetic register into the configured database (DATABASE_URL, or
 * a temporary embedded PGlite), then measures the intake queue, search, the duplicate check
 * and a spreadsheet import. The last line of output is one JSON object with the figures.
 * Not part of `npm test`. See docs/benchmarks.md.
 *
 *   npm run bench -- --applications 100000 --iterations 200 --import-rows 100000 --bundle-documents 200 --ocr-pages 10
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { type Database, openDatabase, queryRows } from "~/db/database.server";
import { migrateDatabase } from "~/db/migrate.server";
import { loadEstablishments } from "~/intake/establishments.server";
import { measureImport, removeBenchImports } from "./import";
import { rawRunner } from "./measure";
import { measureOcr } from "./ocr";
import { measureQueries } from "./queries";
import { seedApplications } from "./seed";
import { benchPeople } from "./setup";
import { measureSubjectAccessBundle } from "./subject-access-bundle";

const { values } = parseArgs({
  options: {
    applications: { type: "string", default: "100000" },
    iterations: { type: "string", default: "200" },
    "import-rows": { type: "string", default: "100000" },
    "bundle-documents": { type: "string", default: "200" },
    "ocr-pages": { type: "string", default: "10" },
  },
});
const applications = Number(values.applications);
const iterations = Number(values.iterations);
const importRows = Number(values["import-rows"]);
const bundleDocuments = Number(values["bundle-documents"]);
const ocrPages = Number(values["ocr-pages"]);
const log = (line: string) => console.log(line);

async function main() {
  const url = process.env.DATABASE_URL || undefined;
  const database: Database = await openDatabase(url ? { url, poolSize: 4 } : {});
  log(`Clearname benchmark on ${url ? "PostgreSQL (DATABASE_URL)" : "a temporary PGlite"}`);
  try {
    await migrateDatabase(database);
    await loadEstablishments(database.db);
    const people = await benchPeople(database.db);
    const leftover = await removeBenchImports(database);
    if (leftover > 0) log(`Removed ${leftover} applications left by an earlier run's import`);

    let started = Date.now();
    const added = await seedApplications(database.db, people, applications, log);
    // VACUUM as autovacuum would on a live register: it sets the visibility map, without which
    // PostgreSQL cannot answer the queue's counts from its indexes alone.
    await database.db.execute(sql`vacuum (analyze) applications`);
    await database.db.execute(sql`vacuum (analyze) applicants`);
    const seedSeconds = (Date.now() - started) / 1000;
    const [count] = await queryRows<{ n: string }>(
      database.db,
      sql`select count(*)::text as n from applications`,
    );
    log(`Seeded ${added} applications in ${seedSeconds.toFixed(0)} s; ${count?.n} in all`);

    started = Date.now();
    const raw = await rawRunner(database, url);
    const queries = await measureQueries(database, people.acting, raw, iterations, log);
    await raw.close();
    log(
      `Measured queue, search and duplicate check in ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );

    const prisons = (
      await queryRows<{ name: string }>(
        database.db,
        sql`select name from establishments where closed_on is null`,
      )
    ).map((r) => r.name);
    const imported =
      importRows > 0
        ? await measureImport(database, people.acting, importRows, prisons, log)
        : null;

    if (imported)
      log(`Removed the ${await removeBenchImports(database)} imported applications again`);
    const bundle =
      bundleDocuments > 0
        ? await measureSubjectAccessBundle(database, people.organisationId, bundleDocuments, log)
        : null;
    const ocr = ocrPages > 0 ? await measureOcr(ocrPages, log) : null;
    const [version] = await queryRows<{ v: string }>(
      database.db,
      sql`select current_setting('server_version') as v`,
    );
    console.log(
      JSON.stringify({
        database: database.kind,
        server_version: version?.v,
        applications: Number(count?.n ?? 0),
        iterations,
        ...queries,
        ...(imported ?? {}),
        ...(bundle ?? {}),
        ...(ocr ?? {}),
        seed_seconds: Math.round(seedSeconds),
        max_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
        cpus: os.cpus().length,
        node: process.version,
      }),
    );
  } finally {
    await database.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

import { randomBytes } from "node:crypto";
import fs from "node:fs";
import pg from "pg";
import { inject } from "vitest";
import { type Database, openDatabase } from "~/db/database.server";
import { adminUrl } from "./postgres-urls";

/**
 * A database of its own for one test file, copied from the migrated template: PGlite
 * (default) or PostgreSQL (when vitest runs the `postgresql` project).
 */
export async function createTestDatabase(): Promise<Database> {
  if (process.env.TEST_DB_KIND === "postgresql") {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error("TEST_DATABASE_URL is not set");
    const name = `clearname_t_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: adminUrl(url) });
    await admin.connect();
    await admin.query(`create database ${name} template ${inject("postgresTemplate")}`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    const database = await openDatabase({ url: u.toString(), poolSize: 4 });
    return {
      ...database,
      async close() {
        await database.close();
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  }
  const dump = fs.readFileSync(inject("pgliteTemplate"));
  return openDatabase({ loadDataDir: new Blob([dump]) });
}

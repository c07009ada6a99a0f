import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { type SQL, sql } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Anything queries can be run on: the database itself or a transaction. */
export type Queryable = Db | Tx;

export type DatabaseKind = "pglite" | "postgresql";

export interface Database {
  kind: DatabaseKind;
  db: Db;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** postgres://… for a server; otherwise PGlite. */
  url?: string;
  /** PGlite: a directory, or undefined for an in-memory database. */
  dataDir?: string;
  /** PGlite: start from a dump made with `dumpDataDir` (used by tests). */
  loadDataDir?: Blob | File;
  /** node-postgres pool size. */
  poolSize?: number;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    // A server that is down must not crash the process through an idle client's error.
    pool.on("error", () => undefined);
    const db = drizzlePg({ client: pool, schema, casing: "snake_case" }) as unknown as Db;
    return { kind: "postgresql", db, close: () => pool.end() };
  }
  const client = await PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    extensions: { pg_trgm },
  });
  const db = drizzlePglite({ client, schema, casing: "snake_case" }) as unknown as Db;
  return { kind: "pglite", db, close: () => client.close() };
}

/**
 * Runs `fn` in a transaction as the acting user: the role drops to `clearname_app`, which
 * row-level security applies to, and `app.user_id` names the user the policies key on.
 * Every request's reads and writes of organisation data go through here.
 */
export function asUser<T>(db: Db, userId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('app.user_id', ${userId}, true), set_config('role', 'clearname_app', true)`,
    );
    return fn(tx);
  });
}

/**
 * Runs `fn` in a transaction as the owning role, past row-level security. Only for work
 * no user can be acting in yet (sign-in, password reset, start-up, scheduled jobs).
 */
export function asSystem<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(fn);
}

/** Counts come back as numbers from PGlite and as strings from node-postgres. */
export function toInt(value: unknown): number {
  return typeof value === "number" ? value : Number.parseInt(String(value), 10);
}

export async function ping(db: Db): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}

/** Runs raw SQL and returns its rows, typed by the caller (the drivers' result types differ). */
export async function queryRows<T>(db: Queryable, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

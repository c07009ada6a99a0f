import type { SQL } from "drizzle-orm";
import type { Database, Db, Tx } from "~/db/database.server";

/** The 95th percentile of durations in milliseconds (nearest rank). */
export function p95(durations: readonly number[]): number {
  const sorted = [...durations].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(sorted.length * 0.95) - 1)] ?? Number.NaN;
}

export function median(durations: readonly number[]): number {
  const sorted = [...durations].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Calls made before timing starts: 10, or fewer for a short run of slow calls. */
export function warmUpFor(iterations: number): number {
  return Math.min(10, Math.ceil(iterations / 10));
}

/** Times `fn` `iterations` times after a warm-up; the i-th call gets i (to vary its input). */
export async function timeIt(
  iterations: number,
  fn: (i: number) => Promise<unknown>,
  warmUp = warmUpFor(iterations),
): Promise<number[]> {
  for (let i = 0; i < warmUp; i++) await fn(i);
  const durations: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await fn(i);
    durations.push(performance.now() - start);
  }
  return durations;
}

export interface Statement {
  sql: string;
  params: unknown[];
  /** The ORM's nested transaction: a failure inside it is rolled back to here, as the app does. */
  savepoint?: "open" | "close";
}

/**
 * Replays statements as the app ran them. A statement that fails inside a savepoint (the
 * queue's counts give up after a time budget) rolls back to it and the replay goes on after
 * it, as the app does.
 */
async function replay(
  query: (sql: string, params?: unknown[]) => Promise<unknown>,
  statements: readonly Statement[],
) {
  let skipping = false;
  for (const s of statements) {
    if (skipping) {
      if (s.savepoint === "close") skipping = false;
      continue;
    }
    try {
      await query(s.sql, s.params);
    } catch (error) {
      if (!statements.some((x) => x.savepoint === "open")) throw error;
      await query("rollback to savepoint bench");
      skipping = true;
    }
  }
}

type Dialect = { sqlToQuery(query: SQL): Statement };

/**
 * A transaction that also writes down every statement run through it (not the savepoints the
 * ORM opens for a nested transaction, which cost next to nothing),
 * so that the same statements can be replayed as raw SQL to see what the app layer costs.
 */
export function recording(tx: Tx, db: Db, out: Statement[]): Tx {
  const dialect = (db as unknown as { dialect: Dialect }).dialect;
  return new Proxy(tx, {
    get(target, prop) {
      if (prop === "execute")
        return (query: SQL) => {
          out.push(dialect.sqlToQuery(query));
          return target.execute(query);
        };
      if (prop === "transaction")
        return async (fn: (sp: Tx) => Promise<unknown>) => {
          out.push({ sql: "savepoint bench", params: [], savepoint: "open" });
          const result = await target.transaction((sp) => fn(recording(sp, db, out)));
          out.push({ sql: "release savepoint bench", params: [], savepoint: "close" });
          return result;
        };
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** Runs statements in one transaction straight on the driver: no ORM, no mapping. */
export interface RawRunner {
  transaction(statements: readonly Statement[], asUserId: string | null): Promise<void>;
  close(): Promise<void>;
}

const AS_USER =
  "select set_config('app.user_id', $1, true), set_config('role', 'clearname_app', true)";

export async function rawRunner(database: Database, url: string | undefined): Promise<RawRunner> {
  if (database.kind === "postgresql" && url) {
    const pg = (await import("pg")).default;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return {
      async transaction(statements, asUserId) {
        await client.query("begin");
        try {
          if (asUserId) await client.query(AS_USER, [asUserId]);
          await replay((q, p) => client.query(q, p), statements);
          await client.query("commit");
        } catch (error) {
          await client.query("rollback");
          throw error;
        }
      },
      close: () => client.end(),
    };
  }
  type PgliteLike = {
    transaction<T>(
      fn: (t: { query(q: string, p?: unknown[]): Promise<unknown> }) => Promise<T>,
    ): Promise<T>;
  };
  const client = (database.db as unknown as { $client: PgliteLike }).$client;
  return {
    async transaction(statements, asUserId) {
      await client.transaction(async (t) => {
        if (asUserId) await t.query(AS_USER, [asUserId]);
        await replay((q, p) => t.query(q, p), statements);
      });
    },
    close: async () => undefined,
  };
}

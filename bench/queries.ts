import { sql } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import { asUser, type Database, queryRows } from "~/db/database.server";
import { findLikelyMatches } from "~/intake/likely-matches.server";
import { listQueue } from "~/intake/queue/list-queue.server";
import type { QueueFilters } from "~/intake/queue/queue-params";
import {
  median,
  p95,
  type RawRunner,
  recording,
  type Statement,
  timeIt,
  warmUpFor,
} from "./measure";
import { person } from "./synthetic";

/** The queue pages an intake officer opens most: filtered by state, newest first, 50 a page. */
const QUEUE_FILTERS: QueueFilters[] = [
  { state: "received", sort: "received_desc" },
  { state: "acknowledged", channel: "post", sort: "received_desc" },
  { state: "awaiting_information", sort: "due_asc" },
  { state: "ready_for_assessment", sort: "received_desc" },
];

export interface QueryFigures {
  queue_p95_ms: number;
  queue_sql_p95_ms: number;
  queue_app_over_sql_ratio: number;
  queue_app_over_sql_median_ratio: number;
  queue_sql_as_owner_p95_ms: number;
  search_p95_ms: number;
  duplicate_check_p95_ms: number;
}

const round = (n: number, places = 2) => Number(n.toFixed(places));

/** What people search for: real names, references and prisoner numbers from the data set. */
async function searchTerms(database: Database): Promise<string[]> {
  const rows = await queryRows<{
    full_name: string;
    reference: string;
    prisoner_number: string | null;
  }>(
    database.db,
    sql`select p.full_name, a.reference, p.prisoner_number from applications a
      join applicants p on p.id = a.applicant_id
      where a.id >= gen_random_uuid() order by a.id limit 100`,
  );
  return rows.flatMap((r, i) => {
    const surname = r.full_name.split(" ").at(-1) ?? r.full_name;
    const kinds = [r.full_name, r.reference, r.prisoner_number ?? r.reference, surname];
    return [kinds[i % kinds.length] as string];
  });
}

export async function measureQueries(
  database: Database,
  acting: Acting,
  raw: RawRunner,
  iterations: number,
  log: (line: string) => void,
): Promise<QueryFigures> {
  const db = database.db;
  const userId = acting.viewer.id;
  const queue = (i: number) => ({
    filters: QUEUE_FILTERS[i % QUEUE_FILTERS.length] as QueueFilters,
    page: 1,
  });

  // The statements listQueue runs for each page, to replay them as raw SQL.
  const statements: Statement[][] = [];
  for (let i = 0; i < QUEUE_FILTERS.length; i++) {
    const out: Statement[] = [];
    await asUser(db, userId, (tx) => listQueue(recording(tx, db, out), acting, queue(i)));
    statements.push(out);
  }
  log(`  queue: ${statements.map((s) => s.length).join("/")} statements per page`);

  // App and raw SQL alternate, so that both meet the same cache and the same load.
  const app: number[] = [];
  const rawSql: number[] = [];
  const owner: number[] = [];
  const warm = warmUpFor(iterations);
  for (let i = 0; i < iterations + warm; i++) {
    let t = performance.now();
    await asUser(db, userId, (tx) => listQueue(tx, acting, queue(i)));
    const a = performance.now() - t;
    const s = statements[i % statements.length] ?? [];
    t = performance.now();
    await raw.transaction(s, userId);
    const r = performance.now() - t;
    t = performance.now();
    await raw.transaction(s, null);
    const o = performance.now() - t;
    if (i >= warm) {
      app.push(a);
      rawSql.push(r);
      owner.push(o);
    }
  }
  const ratios = app.map((a, i) => a / (rawSql[i] ?? a));
  log(`  queue: p95 ${p95(app).toFixed(1)} ms in the app, ${p95(rawSql).toFixed(1)} ms as raw SQL`);

  const terms = await searchTerms(database);
  const search = await timeIt(iterations, (i) =>
    asUser(db, userId, (tx) =>
      listQueue(tx, acting, { filters: { q: terms[i % terms.length] ?? "Smith" }, page: 1 }),
    ),
  );

  log(`  search: p95 ${p95(search).toFixed(1)} ms`);

  const newcomers = Array.from({ length: iterations + 10 }, () => person());
  const duplicates = await timeIt(iterations, (i) => {
    const p = newcomers[i] ?? person();
    return asUser(db, userId, (tx) =>
      findLikelyMatches(tx, {
        fullName: p.fullName,
        aliases: p.aliases,
        dateOfBirth: p.dateOfBirth,
        prisonerNumber: p.prisonerNumber,
      }),
    );
  });

  log(`  duplicate check: p95 ${p95(duplicates).toFixed(1)} ms`);

  return {
    queue_p95_ms: round(p95(app)),
    queue_sql_p95_ms: round(p95(rawSql)),
    queue_app_over_sql_ratio: round(p95(app) / p95(rawSql)),
    queue_app_over_sql_median_ratio: round(median(ratios)),
    queue_sql_as_owner_p95_ms: round(p95(owner)),
    search_p95_ms: round(p95(search)),
    duplicate_check_p95_ms: round(p95(duplicates)),
  };
}

/**
 * `npm run bench:explain`: prints the plan and timing of every statement the intake queue,
 * its search and the duplicate check run, as the bench intake officer under row-level
 * security, on the database in DATABASE_URL (seeded by `npm run bench`). For finding which
 * statement makes a benchmark figure slow. Not part of `npm test`.
 */
import pg from "pg";
import { asUser, openDatabase, type Queryable } from "~/db/database.server";
import { findLikelyMatches } from "~/intake/likely-matches.server";
import { listQueue } from "~/intake/queue/list-queue.server";
import type { QueueFilters } from "~/intake/queue/queue-params";
import { recording, type Statement } from "./measure";
import { benchPeople } from "./setup";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("Set DATABASE_URL to a PostgreSQL database seeded by npm run bench");
const filter = process.argv[2] ?? "";
const database = await openDatabase({ url, poolSize: 2 });
const people = await benchPeople(database.db);
const userId = people.acting.viewer.id;

type Run = (tx: Queryable) => Promise<unknown>;
const cases: [string, Run][] = [
  ...(
    [
      { state: "received", sort: "received_desc" },
      { state: "acknowledged", channel: "post", sort: "received_desc" },
      { state: "awaiting_information", sort: "due_asc" },
      { state: "ready_for_assessment", sort: "received_desc" },
      { q: "Smith", sort: "received_desc" },
      { q: "John Smith", sort: "received_desc" },
    ] as QueueFilters[]
  ).map(
    (f) =>
      [
        `queue ${JSON.stringify(f)}`,
        (tx: Queryable) => listQueue(tx, people.acting, { filters: f, page: 1 }),
      ] as [string, Run],
  ),
  [
    "duplicate check",
    (tx: Queryable) =>
      findLikelyMatches(tx, {
        fullName: "Margaret Thompson",
        aliases: ["Maggie Thompson"],
        dateOfBirth: "1980-04-12",
        prisonerNumber: "A1234BC",
      }),
  ],
];

const client = new pg.Client({ connectionString: url });
await client.connect();
for (const [name, run] of cases) {
  if (filter && !name.includes(filter)) continue;
  const out: Statement[] = [];
  await asUser(database.db, userId, (tx) => run(recording(tx, database.db, out)));
  console.log(`\n=== ${name}: ${out.length} statements`);
  for (const s of out) {
    if (s.savepoint || /^\s*(select set_config|savepoint|release)/i.test(s.sql)) continue;
    await client.query("begin");
    await client.query("set local role clearname_app");
    await client.query("select set_config('app.user_id', $1, true)", [userId]);
    await client.query("select set_config('pg_trgm.word_similarity_threshold', '0.5', true)");
    const started = performance.now();
    const plan = await client.query(`explain (analyze, buffers) ${s.sql}`, s.params as unknown[]);
    const ms = performance.now() - started;
    await client.query("rollback");
    console.log(`--- ${ms.toFixed(1)} ms: ${s.sql.replace(/\s+/g, " ").slice(0, 160)}`);
    if (process.env.PLANS) for (const r of plan.rows) console.log(r["QUERY PLAN"]);
  }
}
await client.end();
await database.close();

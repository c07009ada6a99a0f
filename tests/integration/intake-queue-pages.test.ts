import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asUser, type Database, queryRows } from "~/db/database.server";
import { COUNT_BUDGET_MS, countByState } from "~/intake/queue/count-by-state.server";
import { filterConditions } from "~/intake/queue/queue-sql.server";
import { searchQueue } from "~/intake/queue/search.server";
import { today } from "~/shared/dates";
import { createNetwork, createUser, type TestUser } from "../support/factories";
import { createTestDatabase } from "../support/test-database";
import { queue, record, setState, sorted, uniqueSurname } from "./intake-queue-helpers";

// Pages of the queue and its counts.
let database: Database;
let intake: TestUser;
beforeAll(async () => {
  database = await createTestDatabase();
  const network = await createNetwork(database.db);
  intake = await createUser(database.db, [
    { organisationId: network.id, roleKey: "intake_officer" },
  ]);
});
afterAll(async () => {
  await database?.close();
});

describe("pages of the queue", () => {
  it("are stable: every application once, in order, even when one arrives meanwhile", async () => {
    const name = uniqueSurname();
    const made: string[] = [];
    for (let i = 0; i < 115; i++) {
      // Many on the same day, so the id decides their order.
      const receivedOn = i < 60 ? "2007-03-01" : `2007-04-${String(1 + (i % 28)).padStart(2, "0")}`;
      made.push(
        (await record(database, intake, { fullName: `N${i} ${name}`, receivedOn })).reference,
      );
    }
    const filters = { q: name };
    const p1 = await queue(database, intake, filters);
    expect(p1.rows).toHaveLength(50);
    expect(p1.total).toEqual({ n: 115, more: false });
    expect(p1.previous).toBeNull();
    const p2 = await queue(database, intake, filters, { after: p1.next ?? undefined, page: 2 });
    // One arrives while someone is on page 2: it goes to the top and moves nothing under them.
    const late = await record(database, intake, {
      fullName: `Late ${name}`,
      receivedOn: "2007-12-01",
    });
    const p3 = await queue(database, intake, filters, { after: p2.next ?? undefined, page: 3 });
    expect(p3.rows).toHaveLength(15);
    expect(p3.next).toBeNull();
    const seen = [...p1.rows, ...p2.rows, ...p3.rows].map((r) => r.reference);
    expect(new Set(seen).size).toBe(115);
    expect(sorted(seen)).toEqual(sorted(made));
    const keys = [...p1.rows, ...p2.rows, ...p3.rows].map((r) => `${r.receivedOn} ${r.id}`);
    const newestFirst = [...keys].sort((x, y) =>
      x.slice(0, 10) === y.slice(0, 10) ? x.localeCompare(y) : y.localeCompare(x),
    );
    expect(keys).toEqual(newestFirst);

    // Previous from page 2 gives page 1 as it was, and now knows there is one newer still.
    const back = await queue(database, intake, filters, {
      before: p2.previous ?? undefined,
      page: 1,
    });
    expect(back.rows.map((r) => r.reference)).toEqual(p1.rows.map((r) => r.reference));
    expect(back.previous).not.toBeNull();
    const top = await queue(database, intake, filters);
    expect(top.rows[0]?.reference).toBe(late.reference);

    // Oldest first walks the same rows the other way.
    const o1 = await queue(database, intake, { ...filters, sort: "received_asc" });
    const o2 = await queue(
      database,
      intake,
      { ...filters, sort: "received_asc" },
      { after: o1.next ?? undefined },
    );
    const o3 = await queue(
      database,
      intake,
      { ...filters, sort: "received_asc" },
      { after: o2.next ?? undefined },
    );
    expect([...o1.rows, ...o2.rows, ...o3.rows].map((r) => r.reference)).toEqual(
      [late.reference, ...seen].reverse(),
    );
    // Acknowledgement due, soonest first, also pages without repeats.
    const d1 = await queue(database, intake, { ...filters, sort: "due_asc" });
    const d2 = await queue(
      database,
      intake,
      { ...filters, sort: "due_asc" },
      { after: d1.next ?? undefined },
    );
    const d3 = await queue(
      database,
      intake,
      { ...filters, sort: "due_asc" },
      { after: d2.next ?? undefined },
    );
    const due = [...d1.rows, ...d2.rows, ...d3.rows];
    expect(new Set(due.map((r) => r.id)).size).toBe(116);
    expect(due.map((r) => r.acknowledgementDueOn)).toEqual(
      due.map((r) => r.acknowledgementDueOn).sort(),
    );
  });
});

describe("counts per state", () => {
  it("count every filter but the state, and the total counts all of them", async () => {
    const name = uniqueSurname();
    const made = [];
    for (const channel of ["post", "post", "online", "online", "post", "email"] as const) {
      made.push(
        await record(database, intake, {
          fullName: `O ${name}`,
          channel,
          receivedOn: "2008-05-05",
        }),
      );
    }
    const [r1, r2, a1, a2, c1] = made;
    if (!r1 || !r2 || !a1 || !a2 || !c1) throw new Error("not recorded");
    await setState(database, a1.applicationId, "acknowledged", null, "2008-05-06");
    await setState(database, a2.applicationId, "acknowledged", null, "2008-05-06");
    await setState(database, c1.applicationId, "closed", "duplicate");
    const all = await queue(database, intake, { q: name });
    expect(all.total).toEqual({ n: 6, more: false });
    expect(all.counts?.received).toEqual({ n: 3, more: false });
    expect(all.counts?.acknowledged).toEqual({ n: 2, more: false });
    expect(all.counts?.closed).toEqual({ n: 1, more: false });
    expect(all.counts?.under_assessment).toEqual({ n: 0, more: false });
    const received = await queue(database, intake, { q: name, state: "received" });
    expect(received.rows).toHaveLength(3);
    expect(received.total).toEqual({ n: 3, more: false });
    expect(received.counts?.acknowledged.n).toBe(2);
    const post = await queue(database, intake, { q: name, channel: "post" });
    expect(post.counts?.received.n).toBe(2);
    expect(post.counts?.acknowledged.n).toBe(0);
    expect(post.counts?.closed.n).toBe(1);
    expect(post.total?.n).toBe(3);
  });
});

describe("capped counts", () => {
  it("stop at the cap, per state, and say there are more", async () => {
    const name = uniqueSurname();
    const made = [];
    for (let i = 0; i < 6; i++)
      made.push(
        await record(database, intake, { fullName: `Q${i} ${name}`, receivedOn: "2009-02-02" }),
      );
    await setState(database, made[0]?.applicationId ?? "", "closed", "withdrawn");
    const hits = await asUser(database.db, intake.id, (tx) => searchQueue(tx, name));
    const count = (cap: number) =>
      asUser(database.db, intake.id, (tx) =>
        countByState(
          tx,
          ["received", "closed", "under_assessment"],
          filterConditions({}, hits, today()),
          new Set(),
          cap,
        ),
      );
    // Fewer than the cap: exact, in one pass.
    expect(await count(10)).toEqual({
      received: { n: 5, more: false },
      closed: { n: 1, more: false },
      under_assessment: { n: 0, more: false },
    });
    // More than the cap: each state on its own, stopping at the cap.
    expect(await count(3)).toEqual({
      received: { n: 3, more: true },
      closed: { n: 1, more: false },
      under_assessment: { n: 0, more: false },
    });
  });
});

describe("counting within a budget", () => {
  it("gives up on counts that take too long on PostgreSQL and keeps the transaction usable", async () => {
    const slow = [sql`(select pg_sleep(${(COUNT_BUDGET_MS + 200) / 1000})) is not null`];
    const result = await asUser(database.db, intake.id, async (tx) => {
      const counts = await countByState(tx, ["received"], slow, new Set());
      const [after] = await queryRows<{ ok: number }>(tx, sql`select 1 as ok`);
      return { counts, ok: after?.ok };
    });
    expect(result.ok).toBe(1);
    if (database.kind === "postgresql") expect(result.counts).toBeNull();
    else expect(result.counts?.received).toBeDefined();
  });
});

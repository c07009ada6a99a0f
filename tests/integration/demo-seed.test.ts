import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, queryRows, toInt } from "~/db/database.server";
import { seedDemoData } from "~/demo/seed-demo.server";
import { loadEstablishments } from "~/intake/establishments.server";
import { loadLetterSubjects } from "~/letters/letter-facts.server";
import { createTestDatabase } from "../support/test-database";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  await loadEstablishments(database.db);
});
afterAll(async () => {
  await database?.close();
});

const count = async (query: ReturnType<typeof sql>) =>
  toInt((await queryRows<{ n: number }>(database.db, query))[0]?.n ?? 0);

describe("the demo data", () => {
  it("loads fictional applications across states and channels, once, quickly", async () => {
    const started = Date.now();
    expect(await seedDemoData(database.db, "demo-seed-test-secret-demo-seed-test")).toBe(true);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(await count(sql`select count(*) as n from applications`)).toBe(40);
    const states = await queryRows<{ state: string; n: number }>(
      database.db,
      sql`select state, count(*) as n from applications group by state`,
    );
    expect(Object.fromEntries(states.map((s) => [s.state, toInt(s.n)]))).toEqual({
      received: 14,
      acknowledged: 12,
      awaiting_information: 5,
      ready_for_assessment: 5,
      closed: 4,
    });
    expect(await count(sql`select count(distinct channel) as n from applications`)).toBe(5);
    // Overdue for acknowledgement.
    expect(
      await count(
        sql`select count(*) as n from applications where state = 'received' and acknowledgement_due_on < current_date`,
      ),
    ).toBeGreaterThanOrEqual(4);
    // A likely duplicate: one prisoner number, two spellings of the name.
    const names = await queryRows<{ full_name: string }>(
      database.db,
      sql`select full_name from applicants where prisoner_number = 'A4821FX' order by full_name`,
    );
    expect(names.map((n) => n.full_name)).toEqual(["Jonty Marchbank", "Jonty Marchbanks"]);
    // Co-defendants: the same court and conviction date.
    expect(
      await count(
        sql`select count(*) as n from applications where court = 'Northmoor Crown Court' and conviction_date = '2019-06-14'`,
      ),
    ).toBe(2);
    const ids = await queryRows<{ id: string; name: string }>(
      database.db,
      sql`select p.id, a.full_name as name from applications p join applicants a on a.id = p.applicant_id`,
    );
    const subjects = await loadLetterSubjects(
      database.db,
      ids.map((i) => i.id),
    );
    const byName = new Map(subjects.map((s) => [s.facts.applicant.name, s]));
    expect(byName.get("Barnaby Quillfeather")?.address.lines).toContain("L9 7LH");
    expect(byName.get("Wilhelmina Nowt")?.address.complete).toBe(false);
    expect(byName.get("Łucja Próbna")?.facts.network.returnAddress).toEqual([
      "PO Box 4021",
      "Northmoor",
      "NM1 4ZZ",
    ]);
    expect(await seedDemoData(database.db, "demo-seed-test-secret-demo-seed-test")).toBe(false);
  });
});

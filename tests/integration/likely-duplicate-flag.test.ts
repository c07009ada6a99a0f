import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, queryRows } from "~/db/database.server";
import { createNetwork } from "../support/factories";
import { createTestDatabase } from "../support/test-database";

/**
 * The likely-duplicate flag is kept by statement-level triggers for inserts and deletes
 * (migration 0010): an import batch inserts many applicants and applications in one
 * statement, and each row's flag must still come out right.
 */
let database: Database;
let networkId: string;
beforeAll(async () => {
  database = await createTestDatabase();
  networkId = (await createNetwork(database.db)).id;
});
afterAll(async () => {
  await database?.close();
});

async function flags(refs: string[]): Promise<Record<string, boolean>> {
  const rows = await queryRows<{ reference: string; likely_duplicate: boolean }>(
    database.db,
    sql`select reference, likely_duplicate from applications
        where reference = any(${`{${refs.join(",")}}`}::text[])`,
  );
  return Object.fromEntries(rows.map((r) => [r.reference, r.likely_duplicate]));
}

describe("the likely-duplicate flag under multi-row statements", () => {
  it("is set and cleared per applicant when many rows arrive or leave at once", async () => {
    const tag = Math.random().toString(36).slice(2, 8).toUpperCase();
    const [earlier] = await queryRows<{ id: string }>(
      database.db,
      sql`insert into applicants (organisation_id, full_name, prisoner_number)
          values (${networkId}, ${`Earlier ${tag}`}, 'Q1111QQ') returning id`,
    );
    await database.db.execute(
      sql`insert into applications (organisation_id, reference, applicant_id, channel, received_on, acknowledgement_due_on)
          values (${networkId}, ${`T-${tag}-1`}, ${earlier?.id}, 'post', '2001-01-01', '2001-01-15')`,
    );
    expect(await flags([`T-${tag}-1`])).toEqual({ [`T-${tag}-1`]: false });

    // One statement: a newcomer sharing the earlier applicant's prisoner number, and two others.
    const added = await queryRows<{ id: string; full_name: string }>(
      database.db,
      sql`insert into applicants (organisation_id, full_name, prisoner_number) values
          (${networkId}, ${`Same Number ${tag}`}, 'Q1111QQ'),
          (${networkId}, ${`Twice ${tag}`}, null),
          (${networkId}, ${`Once ${tag}`}, null)
          returning id, full_name`,
    );
    const id = (prefix: string) => added.find((a) => a.full_name.startsWith(prefix))?.id;
    expect(await flags([`T-${tag}-1`])).toEqual({ [`T-${tag}-1`]: true });

    // One statement: two applications of the same person, one of a person applying once.
    await database.db.execute(
      sql`insert into applications (organisation_id, reference, applicant_id, channel, received_on, acknowledgement_due_on) values
          (${networkId}, ${`T-${tag}-2`}, ${id("Twice")}, 'import', '2002-01-01', '2002-01-15'),
          (${networkId}, ${`T-${tag}-3`}, ${id("Twice")}, 'import', '2003-01-01', '2003-01-15'),
          (${networkId}, ${`T-${tag}-4`}, ${id("Once")}, 'import', '2003-01-01', '2003-01-15')`,
    );
    const refs = [2, 3, 4].map((n) => `T-${tag}-${n}`);
    expect(await flags(refs)).toEqual({
      [`T-${tag}-2`]: true,
      [`T-${tag}-3`]: true,
      [`T-${tag}-4`]: false,
    });

    // Deleting the second application in one statement clears the first's flag.
    await database.db.execute(
      sql`delete from applications where reference = any(${`{T-${tag}-3}`}::text[])`,
    );
    expect(await flags([`T-${tag}-2`])).toEqual({ [`T-${tag}-2`]: false });
  });
});

describe("the names matched on", () => {
  it("are the full name and aliases in lower case, with no trailing space", async () => {
    const rows = await queryRows<{ names_text: string }>(
      database.db,
      sql`insert into applicants (organisation_id, full_name, aliases) values
          (${networkId}, 'Ann SMITH', '{}'), (${networkId}, 'Bea Jones', '{"Bee Jones","B J"}')
          returning names_text`,
    );
    expect(rows.map((r) => r.names_text)).toEqual(["ann smith", "bea jones bee jones b j"]);
  });
});

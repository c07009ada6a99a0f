import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asUser, type Database, queryRows } from "~/db/database.server";
import { auditEvents, emailOutbox, memberships, organisations, users } from "~/db/schema";
import { expectRefused } from "../support/errors";
import { createNetwork, createOrganisation, createUser } from "../support/factories";
import { createTestDatabase } from "../support/test-database";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

async function twoProjects() {
  const db = database.db;
  const projectA = await createOrganisation(db);
  const projectB = await createOrganisation(db);
  const leadA = await createUser(db, [{ organisationId: projectA.id, roleKey: "project_lead" }]);
  const leadB = await createUser(db, [{ organisationId: projectB.id, roleKey: "project_lead" }]);
  const caseworkerB = await createUser(db, [
    { organisationId: projectB.id, roleKey: "caseworker" },
  ]);
  return { projectA, projectB, leadA, leadB, caseworkerB };
}

describe("row-level security", () => {
  it("shows a project's lead only their own project's memberships, even through a query with no filter", async () => {
    const { projectA, projectB, leadA } = await twoProjects();
    const rows = await asUser(database.db, leadA.id, (tx) => tx.select().from(memberships));
    const orgs = new Set(rows.map((r) => r.organisationId));
    expect(orgs.has(projectA.id)).toBe(true);
    expect(orgs.has(projectB.id)).toBe(false);
  });

  it("hides another project's members from a lead, in raw SQL too", async () => {
    const { projectB, leadA } = await twoProjects();
    const rows = await asUser(database.db, leadA.id, (tx) =>
      queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from memberships where organisation_id = ${projectB.id}`,
      ),
    );
    expect(rows[0]?.n).toBe(0);
    const people = await asUser(database.db, leadA.id, (tx) =>
      queryRows<{ id: string }>(
        tx,
        sql`select u.id from users u join memberships m on m.user_id = u.id where m.organisation_id = ${projectB.id}`,
      ),
    );
    expect(people).toEqual([]);
  });

  it("refuses a lead who adds a member to another project", async () => {
    const { projectB, leadA } = await twoProjects();
    await expectRefused(
      asUser(database.db, leadA.id, (tx) =>
        tx
          .insert(memberships)
          .values({ userId: leadA.id, organisationId: projectB.id, roleKey: "project_lead" }),
      ),
      /row-level security/,
    );
  });

  it("changes nothing when a lead updates another project", async () => {
    const { projectB, leadA } = await twoProjects();
    const updated = await asUser(database.db, leadA.id, (tx) =>
      tx
        .update(organisations)
        .set({ capacity: 99 })
        .where(eq(organisations.id, projectB.id))
        .returning(),
    );
    expect(updated).toEqual([]);
    const [after] = await database.db
      .select()
      .from(organisations)
      .where(eq(organisations.id, projectB.id));
    expect(after?.capacity).not.toBe(99);
  });

  it("lets a lead update their own project but not a caseworker", async () => {
    const { projectB, leadB, caseworkerB } = await twoProjects();
    const byLead = await asUser(database.db, leadB.id, (tx) =>
      tx
        .update(organisations)
        .set({ capacity: 7 })
        .where(eq(organisations.id, projectB.id))
        .returning(),
    );
    expect(byLead).toHaveLength(1);
    const byCaseworker = await asUser(database.db, caseworkerB.id, (tx) =>
      tx
        .update(organisations)
        .set({ capacity: 1 })
        .where(eq(organisations.id, projectB.id))
        .returning(),
    );
    expect(byCaseworker).toEqual([]);
  });

  it("takes a lead's rights away on the day their membership ends", async () => {
    const project = await createOrganisation(database.db);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const former = await createUser(database.db, [
      {
        organisationId: project.id,
        roleKey: "project_lead",
        startsOn: "2020-01-01",
        endsOn: yesterday,
      },
    ]);
    const updated = await asUser(database.db, former.id, (tx) =>
      tx
        .update(organisations)
        .set({ capacity: 3 })
        .where(eq(organisations.id, project.id))
        .returning(),
    );
    expect(updated).toEqual([]);
    expect(former.acting.viewer.memberships).toEqual([]);
  });

  it("lets no one but auditors read the audit trail, and no one change it", async () => {
    const { leadA } = await twoProjects();
    const network = await createNetwork(database.db);
    const dpo = await createUser(database.db, [
      { organisationId: network.id, roleKey: "data_protection_officer" },
    ]);
    await asUser(database.db, leadA.id, (tx) =>
      tx
        .insert(auditEvents)
        .values({ actorUserId: leadA.id, action: "test.event", entityType: "test" }),
    );
    const seenByLead = await asUser(database.db, leadA.id, (tx) => tx.select().from(auditEvents));
    expect(seenByLead).toEqual([]);
    const seenByDpo = await asUser(database.db, dpo.id, (tx) => tx.select().from(auditEvents));
    expect(seenByDpo.length).toBeGreaterThan(0);
    await expectRefused(
      asUser(database.db, dpo.id, (tx) => tx.update(auditEvents).set({ action: "forged" })),
      /permission denied/,
    );
    await expectRefused(
      asUser(database.db, dpo.id, (tx) => tx.delete(auditEvents)),
      /permission denied/,
    );
  });

  it("refuses an audit event written in someone else's name", async () => {
    const { leadA, leadB } = await twoProjects();
    await expectRefused(
      asUser(database.db, leadA.id, (tx) =>
        tx
          .insert(auditEvents)
          .values({ actorUserId: leadB.id, action: "test.forged", entityType: "test" }),
      ),
      /row-level security/,
    );
  });

  it("keeps the outbox and other users' accounts from project staff", async () => {
    const { leadA, leadB } = await twoProjects();
    const mail = await asUser(database.db, leadA.id, (tx) => tx.select().from(emailOutbox));
    expect(mail).toEqual([]);
    const other = await asUser(database.db, leadA.id, (tx) =>
      tx.select().from(users).where(eq(users.id, leadB.id)),
    );
    expect(other).toEqual([]);
    const self = await asUser(database.db, leadA.id, (tx) =>
      tx.select().from(users).where(eq(users.id, leadA.id)),
    );
    expect(self).toHaveLength(1);
  });

  it("shows a project's members only their own organisation, and network staff all of them", async () => {
    const { projectA, projectB, leadA } = await twoProjects();
    const network = await createNetwork(database.db);
    const assessor = await createUser(database.db, [
      { organisationId: network.id, roleKey: "assessor" },
    ]);
    const seenByLead = await asUser(database.db, leadA.id, (tx) =>
      tx.select({ id: organisations.id }).from(organisations),
    );
    expect(seenByLead.map((o) => o.id)).toContain(projectA.id);
    expect(seenByLead.map((o) => o.id)).not.toContain(projectB.id);
    const seenByAssessor = await asUser(database.db, assessor.id, (tx) =>
      tx.select({ id: organisations.id }).from(organisations),
    );
    expect(seenByAssessor.map((o) => o.id)).toEqual(
      expect.arrayContaining([projectA.id, projectB.id]),
    );
  });

  it("lets users change their own name but not their e-mail address or disabled state", async () => {
    const { leadA } = await twoProjects();
    const renamed = await asUser(database.db, leadA.id, (tx) =>
      tx
        .update(users)
        .set({ name: "Renamed Lead" })
        .where(eq(users.id, leadA.id))
        .returning({ id: users.id }),
    );
    expect(renamed).toHaveLength(1);
    await expectRefused(
      asUser(database.db, leadA.id, (tx) =>
        tx.update(users).set({ email: "new@example.org" }).where(eq(users.id, leadA.id)),
      ),
      /only an administrator/,
    );
    await expectRefused(
      asUser(database.db, leadA.id, (tx) =>
        tx.update(users).set({ disabledAt: new Date() }).where(eq(users.id, leadA.id)),
      ),
      /only an administrator/,
    );
  });

  it("gives a request with no acting user nothing at all", async () => {
    await twoProjects();
    const rows = await database.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('role', 'clearname_app', true)`);
      return tx.select().from(organisations);
    });
    expect(rows).toEqual([]);
  });

  it("has row-level security enabled and forced on every table", async () => {
    const tables = await queryRows<{
      relname: string;
      relrowsecurity: boolean;
      relforcerowsecurity: boolean;
    }>(
      database.db,
      sql`select c.relname, c.relrowsecurity, c.relforcerowsecurity from pg_class c
          join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind = 'r' order by c.relname`,
    );
    expect(tables.length).toBeGreaterThan(5);
    const unprotected = tables
      .filter((t) => !t.relrowsecurity || !t.relforcerowsecurity)
      .map((t) => t.relname);
    expect(unprotected).toEqual([]);
  });
});

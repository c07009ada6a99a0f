import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asUser, type Database } from "~/db/database.server";
import { applications, auditEvents } from "~/db/schema";
import { changeApplicationState } from "~/intake/change-state.server";
import { assignApplications } from "~/intake/queue/assign-applications.server";
import { listAssignableStaff } from "~/intake/queue/list-assignable-staff.server";
import { createNetwork, createOrganisation, createUser, type TestUser } from "../support/factories";
import { createTestDatabase } from "../support/test-database";
import { queue, record, setState, uniqueSurname } from "./intake-queue-helpers";

let database: Database;
let intake: TestUser;
let assessor: TestUser;
let admin: TestUser;
beforeAll(async () => {
  database = await createTestDatabase();
  const network = await createNetwork(database.db);
  intake = await createUser(database.db, [
    { organisationId: network.id, roleKey: "intake_officer" },
  ]);
  assessor = await createUser(database.db, [{ organisationId: network.id, roleKey: "assessor" }]);
  admin = await createUser(database.db, [{ organisationId: network.id, roleKey: "administrator" }]);
});
afterAll(async () => {
  await database?.close();
});

async function rows(ids: string[]) {
  return database.db.select().from(applications).where(inArray(applications.id, ids));
}

describe("bulk assignment", () => {
  it("assigns the selected applications and reports the ones it skipped, and why", async () => {
    const name = uniqueSurname();
    const [a, b, closed, mine] = [
      await record(database, intake, { fullName: `A ${name}` }),
      await record(database, intake, { fullName: `B ${name}` }),
      await record(database, intake, { fullName: `C ${name}` }),
      await record(database, intake, { fullName: `D ${name}`, assigneeId: intake.id }),
    ];
    await setState(database, closed.applicationId, "closed", "withdrawn");
    const missing = "00000000-0000-4000-8000-000000000001";
    const ids = [a, b, closed, mine].map((x) => x.applicationId);
    const outcome = await asUser(database.db, intake.id, (tx) =>
      assignApplications(tx, intake.acting, [...ids, missing], intake.id),
    );
    expect(outcome.changed.sort()).toEqual([a.applicationId, b.applicationId].sort());
    expect(outcome.skipped).toEqual(
      expect.arrayContaining([
        { id: closed.applicationId, reference: closed.reference, reason: "it is closed" },
        {
          id: mine.applicationId,
          reference: mine.reference,
          reason: expect.stringMatching(/already assigned/),
        },
        { id: missing, reference: "", reason: "not found" },
      ]),
    );
    const after = new Map((await rows(ids)).map((r) => [r.id, r.assigneeId]));
    expect(after.get(a.applicationId)).toBe(intake.id);
    expect(after.get(closed.applicationId)).toBeNull();
    const events = await database.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, "application.assigned"),
          eq(auditEvents.entityId, a.applicationId),
        ),
      );
    expect(events).toHaveLength(1);
    expect(events[0]?.subjectId).toBe(a.applicantId);
    expect(events[0]?.details).toEqual({ from: null, to: intake.id });
    const page = await queue(database, intake, { q: name, assignee: intake.id });
    expect(page.rows).toHaveLength(3);
  });

  it("assigns only to staff who work on applications, and only for intake staff", async () => {
    const name = uniqueSurname();
    const a = await record(database, intake, { fullName: `E ${name}` });
    const outcome = await asUser(database.db, admin.id, (tx) =>
      assignApplications(tx, admin.acting, [a.applicationId], assessor.id),
    );
    expect(outcome.changed).toEqual([a.applicationId]);
    const project = await createOrganisation(database.db);
    const lead = await createUser(database.db, [
      { organisationId: project.id, roleKey: "project_lead" },
    ]);
    await expect(
      asUser(database.db, admin.id, (tx) =>
        assignApplications(tx, admin.acting, [a.applicationId], lead.id),
      ),
    ).rejects.toThrow(/works on applications/);
    await expect(
      asUser(database.db, assessor.id, (tx) =>
        assignApplications(tx, assessor.acting, [a.applicationId], assessor.id),
      ),
    ).rejects.toThrow(/Only intake staff/);
    const [row] = await rows([a.applicationId]);
    expect(row?.assigneeId).toBe(assessor.id);
  });
});

describe("bulk state change", () => {
  it("moves those that can move and reports the rest", async () => {
    const name = uniqueSurname();
    const [a, b, closed] = [
      await record(database, intake, { fullName: `F ${name}` }),
      await record(database, intake, { fullName: `G ${name}` }),
      await record(database, intake, { fullName: `H ${name}` }),
    ];
    await setState(database, closed.applicationId, "closed", "withdrawn");
    const outcome = await asUser(database.db, intake.id, (tx) =>
      changeApplicationState(
        tx,
        intake.acting,
        [a.applicationId, b.applicationId, closed.applicationId],
        { to: "ready_for_assessment" },
      ),
    );
    expect(outcome.changed.sort()).toEqual([a.applicationId, b.applicationId].sort());
    expect(outcome.skipped).toEqual([
      {
        id: closed.applicationId,
        reference: closed.reference,
        reason: "cannot go from Closed to Ready for assessment",
      },
    ]);
    const page = await queue(database, intake, { q: name, state: "ready_for_assessment" });
    expect(page.rows.map((r) => r.id).sort()).toEqual([a.applicationId, b.applicationId].sort());
    expect(page.counts?.closed.n).toBe(1);
  });
});

describe("who sees the queue", () => {
  it("shows a project lead nothing, even one who claims an intake role", async () => {
    const name = uniqueSurname();
    await record(database, intake, { fullName: `P ${name}`, receivedOn: "2009-01-05" });
    const project = await createOrganisation(database.db);
    const lead = await createUser(database.db, [
      { organisationId: project.id, roleKey: "project_lead" },
    ]);
    await expect(queue(database, lead, { q: name })).rejects.toThrow(/see applications/);
    // The attack: a forged viewer passes the check in code; row-level security still refuses.
    const forged = {
      id: lead.id,
      acting: {
        ...lead.acting,
        viewer: { ...lead.acting.viewer, memberships: intake.acting.viewer.memberships },
      },
    };
    const page = await queue(database, forged, { q: name });
    expect(page.rows).toEqual([]);
    expect(page.total).toEqual({ n: 0, more: false });
    const everything = await queue(database, forged, {});
    expect(everything.rows).toEqual([]);
  });

  it("lists network staff who work on applications as assignees", async () => {
    const staff = await asUser(database.db, admin.id, (tx) => listAssignableStaff(tx));
    const ids = staff.map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining([intake.id, assessor.id, admin.id]));
    const project = await createOrganisation(database.db);
    const caseworker = await createUser(database.db, [
      { organisationId: project.id, roleKey: "caseworker" },
    ]);
    const again = await asUser(database.db, admin.id, (tx) => listAssignableStaff(tx));
    expect(again.map((s) => s.id)).not.toContain(caseworker.id);
    // An intake officer may see only themselves among users (see listAssignableStaff).
    const own = await asUser(database.db, intake.id, (tx) => listAssignableStaff(tx));
    expect(own.map((s) => s.id)).toContain(intake.id);
  });
});

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requires } from "~/access/access";
import { listBreaches } from "~/data-protection/breaches/list-breaches.server";
import { getDataProtectionOverview } from "~/data-protection/overview.server";
import { asUser, type Database } from "~/db/database.server";
import { auditEvents, dataBreaches } from "~/db/schema";
import { action as breachAction } from "~/routes/data-protection/breaches.$id";
import { action as newBreachAction } from "~/routes/data-protection/breaches.new";
import { toLondonLocal } from "~/shared/uk-time";
import { createNetwork, createOrganisation, createUser, type TestUser } from "../support/factories";
import { formPost, outcomeOf, routeContext } from "../support/route-call";
import { createTestDatabase } from "../support/test-database";

let database: Database;
let officer: TestUser;
let lead: TestUser;
let intake: TestUser;

beforeAll(async () => {
  database = await createTestDatabase();
  const network = await createNetwork(database.db);
  const project = await createOrganisation(database.db);
  officer = await createUser(database.db, [
    { organisationId: network.id, roleKey: "data_protection_officer" },
  ]);
  lead = await createUser(database.db, [{ organisationId: project.id, roleKey: "project_lead" }]);
  intake = await createUser(database.db, [
    { organisationId: network.id, roleKey: "intake_officer" },
  ]);
});
afterAll(async () => {
  await database?.close();
});

const declared = requires("protect:data:own");
const hoursAgo = (h: number) => toLondonLocal(new Date(Date.now() - h * 3_600_000));

async function record(user: TestUser, fields: Record<string, string>) {
  return outcomeOf(() =>
    newBreachAction({
      request: formPost("/data-protection/breaches/new", { intent: "record", ...fields }),
      params: {},
      context: routeContext(database, user.acting, declared),
    } as never),
  );
}

async function post(user: TestUser, id: string, fields: Record<string, string>) {
  return outcomeOf(() =>
    breachAction({
      request: formPost(`/data-protection/breaches/${id}`, fields),
      params: { id },
      context: routeContext(database, user.acting, declared),
    } as never),
  );
}

describe("the breach register", () => {
  it("records a breach with its 72 hours from when it was found, and its assessment and closing", async () => {
    const answer = await record(officer, {
      title: "Letter sent to the wrong prison",
      whatHappened: "An acknowledgement went to HMP Brackenfield instead of HMP Moorside.",
      discoveredAt: hoursAgo(30),
      occurredAt: hoursAgo(50),
      peopleAffected: "1",
    });
    expect(answer.status).toBe(302);
    const id = answer.location?.match(/breaches\/([0-9a-f-]{36})/)?.[1] ?? "";
    const [row] = await database.db.select().from(dataBreaches).where(eq(dataBreaches.id, id));
    expect(row?.decision).toBe("undecided");
    expect(Date.now() - (row?.discoveredAt.getTime() ?? 0)).toBeGreaterThan(29.9 * 3_600_000);

    // Not reporting a breach that is likely to harm people is refused, on its field.
    const refused = await post(officer, id, {
      intent: "decide",
      version: "1",
      risk: "risk",
      decision: "not_reported",
      decisionReasons: "Only one person",
    });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.data)).toContain("must be reported to the ICO");

    // Closing before the report is made is refused with the reason.
    const early = await post(officer, id, { intent: "close", version: "1" });
    expect(early.status).toBe(422);

    const decided = await post(officer, id, {
      intent: "decide",
      version: "1",
      risk: "risk",
      decision: "report",
      decisionReasons: "Criminal-offence data reached a third party.",
      reportedToIcoAt: hoursAgo(2),
      icoReference: "ICO/2026/123",
    });
    expect(decided).toMatchObject({ status: 302 });
    const closed = await post(officer, id, { intent: "close", version: "2" });
    expect(closed).toMatchObject({ status: 302 });

    const events = await database.db
      .select({ action: auditEvents.action, details: auditEvents.details })
      .from(auditEvents)
      .where(eq(auditEvents.entityId, id))
      .orderBy(auditEvents.seq);
    expect(events.map((e) => e.action)).toEqual([
      "breach.recorded",
      "breach.assessed",
      "breach.closed",
    ]);
    expect(JSON.stringify(events)).not.toContain("Brackenfield");
  });

  it("keeps what was typed when a time is not real or is in the future", async () => {
    const future = await record(officer, {
      title: "Lost laptop",
      whatHappened: "Left on a train",
      discoveredAt: toLondonLocal(new Date(Date.now() + 48 * 3_600_000)),
    });
    expect(future.status).toBe(400);
    expect(JSON.stringify(future.data)).toContain("Lost laptop");
    const unreal = await record(officer, {
      title: "Lost laptop",
      whatHappened: "Left on a train",
      discoveredAt: "2026-02-30T10:00",
    });
    expect(unreal.status).toBe(400);
  });

  it("is each organisation's own: a project's lead sees only the project's breaches", async () => {
    await record(lead, {
      title: "Student e-mailed a file to a personal address",
      whatHappened: "Case papers sent to a Gmail address.",
      discoveredAt: hoursAgo(1),
    });
    const theirs = await asUser(database.db, lead.id, (tx) => listBreaches(tx, lead.acting));
    expect(theirs.map((b) => b.title)).toEqual(["Student e-mailed a file to a personal address"]);
    const ours = await asUser(database.db, officer.id, (tx) => listBreaches(tx, officer.acting));
    expect(ours.map((b) => b.title)).not.toContain("Student e-mailed a file to a personal address");
    // Row-level security beneath: even an unfiltered read shows the lead nothing of the network's.
    const raw = await asUser(database.db, lead.id, (tx) => tx.select().from(dataBreaches));
    expect(raw).toHaveLength(1);
    const [network] = ours;
    const peek = await post(lead, network?.id ?? "", { intent: "close", version: "1" });
    expect(peek.status).toBe(404);
  });

  it("is closed to staff who are not officers", async () => {
    const refused = await record(intake, {
      title: "x",
      whatHappened: "y",
      discoveredAt: hoursAgo(1),
    });
    expect(refused.status).toBe(403);
    const raw = await asUser(database.db, intake.id, (tx) => tx.select().from(dataBreaches));
    expect(raw).toEqual([]);
  });

  it("puts the open breaches with their countdown on the officer's overview, the organisation's own", async () => {
    await record(officer, {
      title: "Box of files left in a taxi",
      whatHappened: "Returned by the driver the next day.",
      discoveredAt: hoursAgo(10),
    });
    const ours = await asUser(database.db, officer.id, (tx) =>
      getDataProtectionOverview(tx, officer.acting),
    );
    const titles = ours.openBreaches.map((b) => b.title);
    expect(titles).toContain("Box of files left in a taxi");
    expect(titles).not.toContain("Letter sent to the wrong prison"); // closed above
    const theirs = await asUser(database.db, lead.id, (tx) =>
      getDataProtectionOverview(tx, lead.acting),
    );
    expect(theirs.openBreaches.map((b) => b.title)).toEqual([
      "Student e-mailed a file to a personal address",
    ]);
  });
});

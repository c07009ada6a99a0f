import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asUser, type Database } from "~/db/database.server";
import { applicationLinks, auditEvents } from "~/db/schema";
import { linkApplications, unlinkApplications } from "~/intake/duplicates/link-applications.server";
import { listApplicationMatches } from "~/intake/duplicates/list-matches.server";
import { createNetwork, createOrganisation, createUser, type TestUser } from "../support/factories";
import { createTestDatabase } from "../support/test-database";
import { queue, record, setState, uniqueSurname } from "./intake-queue-helpers";

let database: Database;
let intake: TestUser;
let assessor: TestUser;
beforeAll(async () => {
  database = await createTestDatabase();
  const network = await createNetwork(database.db);
  intake = await createUser(database.db, [
    { organisationId: network.id, roleKey: "intake_officer" },
  ]);
  assessor = await createUser(database.db, [{ organisationId: network.id, roleKey: "assessor" }]);
});
afterAll(async () => {
  await database?.close();
});

const as = <T>(user: TestUser, fn: Parameters<typeof asUser<T>>[2]) =>
  asUser(database.db, user.id, fn);

function eventsFor(subjectId: string, action: string) {
  return database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectId, subjectId), eq(auditEvents.action, action)));
}

describe("re-applications", () => {
  it("shows the earlier application and its decision, links it, and flags the re-application", async () => {
    const name = uniqueSurname();
    const earlier = await record(database, intake, {
      fullName: `Jonathan ${name}`,
      dateOfBirth: "1970-02-03",
      receivedOn: "2011-01-10",
    });
    await setState(database, earlier.applicationId, "closed", "ineligible");
    const later = await record(database, intake, {
      fullName: `Jon ${name}`,
      dateOfBirth: "1970-02-03",
      receivedOn: "2013-06-03",
    });
    const found = await as(intake, (tx) =>
      listApplicationMatches(tx, intake.acting, later.applicationId),
    );
    const match = found.matches.find((m) => m.applicantId === earlier.applicantId);
    expect(match?.reasons).toEqual(expect.arrayContaining(["similar name", "same date of birth"]));
    expect(match?.applications).toEqual([
      expect.objectContaining({
        reference: earlier.reference,
        state: "closed",
        closedReason: "ineligible",
        earlier: true,
      }),
    ]);
    expect((await eventsFor(earlier.applicantId, "applicant.matched")).length).toBeGreaterThan(0);

    // Linking the wrong way round is refused.
    await expect(
      as(intake, (tx) =>
        linkApplications(tx, intake.acting, {
          applicationId: earlier.applicationId,
          linkedApplicationId: later.applicationId,
          kind: "re_application",
        }),
      ),
    ).rejects.toThrow(/not received before/);

    const link = { applicationId: later.applicationId, linkedApplicationId: earlier.applicationId };
    await as(intake, (tx) =>
      linkApplications(tx, intake.acting, { ...link, kind: "re_application" }),
    );
    await expect(
      as(intake, (tx) => linkApplications(tx, intake.acting, { ...link, kind: "re_application" })),
    ).rejects.toThrow(/already linked/);
    const after = await as(intake, (tx) =>
      listApplicationMatches(tx, intake.acting, later.applicationId),
    );
    expect(after.links).toEqual([
      expect.objectContaining({
        kind: "re_application",
        direction: "from",
        other: expect.objectContaining({
          reference: earlier.reference,
          closedReason: "ineligible",
        }),
      }),
    ]);
    const fromEarlier = await as(intake, (tx) =>
      listApplicationMatches(tx, intake.acting, earlier.applicationId),
    );
    expect(fromEarlier.links[0]?.direction).toBe("to");
    // The link is about two records, so it is audited on both.
    expect(await eventsFor(later.applicantId, "application.linked")).toHaveLength(1);
    expect(await eventsFor(earlier.applicantId, "application.linked")).toHaveLength(1);
    const row = (await queue(database, intake, { q: name })).rows.find(
      (r) => r.id === later.applicationId,
    );
    // Flagged with what the earlier one decided.
    expect(row?.earlier).toEqual({
      reference: earlier.reference,
      state: "closed",
      closedReason: "ineligible",
    });
  });

  it("is for intake staff only", async () => {
    const name = uniqueSurname();
    const a = await record(database, intake, { fullName: `K ${name}`, receivedOn: "2011-01-10" });
    const b = await record(database, intake, { fullName: `K ${name}`, receivedOn: "2012-01-10" });
    await expect(
      as(assessor, (tx) =>
        linkApplications(tx, assessor.acting, {
          applicationId: b.applicationId,
          linkedApplicationId: a.applicationId,
          kind: "re_application",
        }),
      ),
    ).rejects.toThrow(/Only intake staff/);
    const project = await createOrganisation(database.db);
    const lead = await createUser(database.db, [
      { organisationId: project.id, roleKey: "project_lead" },
    ]);
    const forged = {
      ...lead.acting,
      viewer: { ...lead.acting.viewer, memberships: intake.acting.viewer.memberships },
    };
    await expect(
      asUser(database.db, lead.id, (tx) => listApplicationMatches(tx, forged, b.applicationId)),
    ).rejects.toThrow(/could not find/);
  });
});

describe("co-defendants", () => {
  it("are found by court and conviction date, linked, and unlinked with the link kept in the audit", async () => {
    const [n1, n2] = [uniqueSurname(), uniqueSurname()];
    const court = `Crown Court at ${n1}`;
    const a = await record(database, intake, {
      fullName: `Lee ${n1}`,
      court,
      convictionDate: "2010-04-09",
    });
    const b = await record(database, intake, {
      fullName: `Mo ${n2}`,
      court,
      convictionDate: "2010-04-09",
    });
    const found = await as(intake, (tx) =>
      listApplicationMatches(tx, intake.acting, b.applicationId),
    );
    expect(found.matches.find((m) => m.applicantId === a.applicantId)?.reasons).toEqual([
      "possible co-defendant",
    ]);
    const { linkId } = await as(intake, (tx) =>
      linkApplications(tx, intake.acting, {
        applicationId: b.applicationId,
        linkedApplicationId: a.applicationId,
        kind: "co_defendant",
      }),
    );
    await as(intake, (tx) =>
      unlinkApplications(tx, intake.acting, { applicationId: a.applicationId, linkId }),
    );
    const left = await database.db
      .select()
      .from(applicationLinks)
      .where(eq(applicationLinks.id, linkId));
    expect(left).toEqual([]);
    const [unlinked] = await eventsFor(a.applicantId, "application.unlinked");
    expect(unlinked?.details).toMatchObject({
      linkId,
      kind: "co_defendant",
      linkedReference: a.reference,
    });
    expect(await eventsFor(b.applicantId, "application.unlinked")).toHaveLength(1);
  });
});

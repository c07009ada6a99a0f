import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "~/audit/verify-chain.server";
import { asSystem, asUser, type Database, queryRows } from "~/db/database.server";
import { applicants, applications, auditEvents } from "~/db/schema";
import { ApplicantSchema } from "~/intake/applicant-schema";
import { loadEstablishments } from "~/intake/establishments.server";
import { findLikelyMatches } from "~/intake/likely-matches.server";
import { recordApplication } from "~/intake/record-application.server";
import { expectRefused } from "../support/errors";
import { createNetwork, createOrganisation, createUser, type TestUser } from "../support/factories";
import { createTestDatabase } from "../support/test-database";

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

const applicant = (fields: Record<string, string>) => ApplicantSchema.parse(fields);

async function record(fields: Record<string, string>, questionnaire: Record<string, string> = {}) {
  return asUser(database.db, intake.id, (tx) =>
    recordApplication(
      tx,
      { userId: intake.id },
      {
        applicant: applicant(fields),
        channel: "post",
        receivedOn: "2026-11-02",
        questionnaire,
      },
    ),
  );
}

describe("recording an application", () => {
  it("gives consecutive references in the year received and an acknowledgement due date", async () => {
    const a = await record({ fullName: "Aled Prydderch" });
    const b = await record({ fullName: "Bethan Ogwen" });
    expect(a.reference).toMatch(/^CN-2026-\d{5}$/);
    expect(Number(b.reference.slice(-5))).toBe(Number(a.reference.slice(-5)) + 1);
    const [row] = await database.db
      .select()
      .from(applications)
      .where(eq(applications.id, a.applicationId));
    // Monday 2026-11-02 + 10 working days.
    expect(row?.acknowledgementDueOn).toBe("2026-11-16");
    expect(row?.state).toBe("received");
    expect(row?.recordedBy).toBe(intake.id);
  });

  it("audits the applicant and the application with the data subject", async () => {
    const r = await record({ fullName: "Cerys Audited" });
    const events = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, r.applicantId));
    expect(events.map((e) => e.action).sort()).toEqual([
      "applicant.created",
      "application.created",
    ]);
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });

  it("is refused to someone without the permission, by the database too", async () => {
    const project = await createOrganisation(database.db);
    const lead = await createUser(database.db, [
      { organisationId: project.id, roleKey: "project_lead" },
    ]);
    await expectRefused(
      asUser(database.db, lead.id, (tx) =>
        recordApplication(
          tx,
          { userId: lead.id },
          {
            applicant: applicant({ fullName: "Not Allowed" }),
            channel: "post",
            receivedOn: "2026-11-02",
            questionnaire: {},
          },
        ),
      ),
      /not allowed|row-level security|permission denied/,
    );
    const seen = await asUser(database.db, lead.id, (tx) => tx.select().from(applicants));
    expect(seen).toEqual([]);
  });
});

describe("likely matches", () => {
  it("finds an earlier application by prisoner number, by a similar name or alias, and by date of birth", async () => {
    const earlier = await record({
      fullName: "Jonathan Edward Whitlock",
      aliases: "Johnny Whitlock",
      dateOfBirth: "1979-04-02",
      prisonerNumber: "A1234BC",
    });
    await record({ fullName: "Somebody Else Entirely", dateOfBirth: "1979-04-02" });
    const byNumber = await asUser(database.db, intake.id, (tx) =>
      findLikelyMatches(tx, { fullName: "J Smith", prisonerNumber: "a1234 bc" }),
    );
    expect(byNumber.map((m) => m.applicantId)).toContain(earlier.applicantId);
    expect(byNumber.find((m) => m.applicantId === earlier.applicantId)?.reasons).toContain(
      "same prisoner number",
    );

    const byName = await asUser(database.db, intake.id, (tx) =>
      findLikelyMatches(tx, { fullName: "Jonathon Whitlock" }),
    );
    const hit = byName.find((m) => m.applicantId === earlier.applicantId);
    expect(hit?.reasons).toContain("similar name");
    expect(hit?.latest?.reference).toBe(earlier.reference);

    const byAlias = await asUser(database.db, intake.id, (tx) =>
      findLikelyMatches(tx, { fullName: "Johnny Whitlock" }),
    );
    expect(byAlias.map((m) => m.applicantId)).toContain(earlier.applicantId);

    const byDob = await asUser(database.db, intake.id, (tx) =>
      findLikelyMatches(tx, { fullName: "John Whitlok", dateOfBirth: "1979-04-02" }),
    );
    expect(byDob.find((m) => m.applicantId === earlier.applicantId)?.reasons).toContain(
      "same date of birth",
    );
    // A different name with the same birthday is not a likely match.
    expect(byDob.map((m) => m.fullName)).not.toContain("Somebody Else Entirely");
  });

  it("finds possible co-defendants by court and conviction date", async () => {
    const first = await record(
      { fullName: "Kai Brennan" },
      { court: "Leeds Crown Court", convictionDate: "2015-06-12", offences: "Murder" },
    );
    const matches = await asUser(database.db, intake.id, (tx) =>
      findLikelyMatches(tx, {
        fullName: "Unrelated Person",
        court: "leeds crown court",
        convictionDate: "2015-06-12",
      }),
    );
    expect(matches.find((m) => m.applicantId === first.applicantId)?.reasons).toEqual([
      "possible co-defendant",
    ]);
  });

  it("does not match unrelated names", async () => {
    await record({ fullName: "Zephaniah Quartermaine" });
    const matches = await asUser(database.db, intake.id, (tx) =>
      findLikelyMatches(tx, { fullName: "Bob Lee" }),
    );
    expect(matches.map((m) => m.fullName)).not.toContain("Zephaniah Quartermaine");
  });
});

describe("establishments", () => {
  it("loads the register once, into an empty table only", async () => {
    const first = await loadEstablishments(database.db);
    expect(first).toBe(153 + 20);
    expect(await loadEstablishments(database.db)).toBe(0);
    const [row] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from establishments where postcode is not null`,
    );
    expect(Number(row?.n)).toBeGreaterThan(110);
    await asSystem(database.db, async () => undefined);
  });
});

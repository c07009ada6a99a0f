import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "~/audit/verify-chain.server";
import { asUser, type Database, queryRows } from "~/db/database.server";
import {
  applicantMoves,
  applicants,
  applications,
  auditEvents,
  correspondence,
  representatives,
} from "~/db/schema";
import { listApplicationMatches } from "~/intake/duplicates/list-matches.server";
import { mergeApplicants } from "~/intake/duplicates/merge-applicants.server";
import { createNetwork, createUser, type TestUser } from "../support/factories";
import { createTestDatabase } from "../support/test-database";
import { createEstablishment, record, uniqueSurname } from "./intake-queue-helpers";

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

/** Two records of one person: the second with two applications, a move and a representative. */
async function twoRecords() {
  const name = uniqueSurname();
  const prison = await createEstablishment(database, `HMP ${name}`);
  const kept = await record(database, intake, {
    fullName: `Nia ${name}`,
    dateOfBirth: "1981-07-07",
    receivedOn: "2014-02-03",
  });
  const dup = await record(database, intake, {
    fullName: `Niamh ${name}`,
    aliases: `N ${name}-Jones`,
    prisonerNumber: "C1357EF",
    establishmentId: prison,
    receivedOn: "2015-03-02",
  });
  const dup2 = await record(database, intake, {
    fullName: "",
    applicantId: dup.applicantId,
    receivedOn: "2016-04-04",
  });
  await asUser(database.db, intake.id, (tx) =>
    tx.insert(representatives).values({
      applicantId: dup.applicantId,
      name: "Rhian Rep",
      relationship: "family",
    }),
  );
  return { name, kept, dup, dup2 };
}

async function merge(user: TestUser, keepApplicantId: string, mergeApplicantId: string) {
  return asUser(database.db, user.id, (tx) =>
    mergeApplicants(tx, user.acting, { keepApplicantId, mergeApplicantId }),
  );
}

describe("merging true duplicates", () => {
  it("moves everything to the record kept, keeps the other, and audits both with the before-state", async () => {
    const { name, kept, dup, dup2 } = await twoRecords();
    const [before] = await database.db
      .select()
      .from(applicants)
      .where(eq(applicants.id, dup.applicantId));
    const outcome = await merge(intake, kept.applicantId, dup.applicantId);
    expect(outcome.moved.applications.sort()).toEqual(
      [dup.applicationId, dup2.applicationId].sort(),
    );
    expect(outcome.moved.moves).toHaveLength(1);
    expect(outcome.moved.representatives).toHaveLength(1);

    const apps = await database.db
      .select({ id: applications.id, applicantId: applications.applicantId })
      .from(applications)
      .where(inArray(applications.id, [kept.applicationId, dup.applicationId, dup2.applicationId]));
    expect(apps.map((a) => a.applicantId)).toEqual([
      kept.applicantId,
      kept.applicantId,
      kept.applicantId,
    ]);
    const moves = await database.db
      .select()
      .from(applicantMoves)
      .where(eq(applicantMoves.applicantId, kept.applicantId));
    expect(moves).toHaveLength(1);
    const reps = await database.db
      .select()
      .from(representatives)
      .where(eq(representatives.applicantId, kept.applicantId));
    expect(reps.map((r) => r.name)).toEqual(["Rhian Rep"]);

    // The merged record stays, marked; the kept one gains its names and what it lacked.
    const [merged] = await database.db
      .select()
      .from(applicants)
      .where(eq(applicants.id, dup.applicantId));
    expect(merged?.mergedIntoId).toBe(kept.applicantId);
    expect(merged?.fullName).toBe(`Niamh ${name}`);
    const [keptRow] = await database.db
      .select()
      .from(applicants)
      .where(eq(applicants.id, kept.applicantId));
    expect(keptRow?.aliases).toEqual([`Niamh ${name}`, `N ${name}-Jones`]);
    expect(keptRow?.prisonerNumber).toBe("C1357EF");
    expect(keptRow?.dateOfBirth).toBe("1981-07-07");

    for (const subject of [kept.applicantId, dup.applicantId]) {
      const events = await database.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.subjectId, subject), eq(auditEvents.action, "applicant.merged")));
      expect(events).toHaveLength(1);
      expect(events[0]?.details).toMatchObject({
        keptApplicantId: kept.applicantId,
        mergedApplicantId: dup.applicantId,
        mergedVersion: before?.version,
        aliasesAdded: 2,
      });
      // Field names and counts, never the person's details.
      expect(JSON.stringify(events[0]?.details)).not.toContain(name);
      expect(JSON.stringify(events[0]?.details)).not.toContain("C1357EF");
    }
    // The merged record's own history is still there.
    const history = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, dup.applicantId));
    expect(history.map((e) => e.action)).toEqual(
      expect.arrayContaining(["applicant.created", "application.created", "applicant.merged"]),
    );
    expect((await verifyAuditChain(database.db)).ok).toBe(true);

    // Matching no longer offers the merged record as someone else.
    const found = await asUser(database.db, intake.id, (tx) =>
      listApplicationMatches(tx, intake.acting, kept.applicationId),
    );
    expect(found.matches.map((m) => m.applicantId)).not.toContain(dup.applicantId);
    expect(found.own.map((o) => o.reference).sort()).toEqual(
      [dup.reference, dup2.reference].sort(),
    );
    await expect(merge(intake, kept.applicantId, dup.applicantId)).rejects.toThrow(
      /already been merged/,
    );
  });

  it("leaves nothing behind: correspondence moves, or the merge is refused and nothing changes", async () => {
    const { kept, dup } = await twoRecords();
    await asUser(database.db, intake.id, (tx) =>
      tx.insert(correspondence).values({
        applicantId: dup.applicantId,
        applicationId: dup.applicationId,
        direction: "in",
        kind: "letter",
        occurredOn: "2015-03-02",
        summary: "Their first letter",
      }),
    );
    const [privilege] = await asUser(database.db, intake.id, (tx) =>
      queryRows<{ ok: boolean }>(
        tx,
        sql`select has_column_privilege('correspondence', 'applicant_id', 'UPDATE') as ok`,
      ),
    );
    const letters = () =>
      database.db
        .select()
        .from(correspondence)
        .where(eq(correspondence.applicationId, dup.applicationId));
    if (privilege?.ok) {
      await merge(intake, kept.applicantId, dup.applicantId);
      expect((await letters()).map((l) => l.applicantId)).toEqual([kept.applicantId]);
    } else {
      // Until the application role may re-file correspondence (see the report).
      await expect(merge(intake, kept.applicantId, dup.applicantId)).rejects.toThrow(
        /correspondence or documents/,
      );
      expect((await letters()).map((l) => l.applicantId)).toEqual([dup.applicantId]);
      const [app] = await database.db
        .select()
        .from(applications)
        .where(eq(applications.id, dup.applicationId));
      expect(app?.applicantId).toBe(dup.applicantId);
      const [row] = await database.db
        .select()
        .from(applicants)
        .where(eq(applicants.id, dup.applicantId));
      expect(row?.mergedIntoId).toBeNull();
    }
  });

  it("is refused to someone who may only read, and to the same record twice", async () => {
    const { kept, dup } = await twoRecords();
    await expect(merge(assessor, kept.applicantId, dup.applicantId)).rejects.toThrow(
      /Only intake staff/,
    );
    await expect(merge(intake, kept.applicantId, kept.applicantId)).rejects.toThrow(
      /two different/,
    );
    const [row] = await database.db
      .select()
      .from(applicants)
      .where(eq(applicants.id, dup.applicantId));
    expect(row?.mergedIntoId).toBeNull();
  });
});

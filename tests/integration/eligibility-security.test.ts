import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asSystem, asUser, type Database, queryRows, toInt } from "~/db/database.server";
import { applicants, applications, assessments, users } from "~/db/schema";
import { recommend } from "~/eligibility/recommend.server";
import { saveAssessment } from "~/eligibility/save-assessment.server";
import { AssessmentSchema, RecommendationSchema } from "~/eligibility/schemas";
import { startAssessment } from "~/eligibility/start-assessment.server";
import { ApplicantSchema } from "~/intake/applicant-schema";
import { recordApplication } from "~/intake/record-application.server";
import { expectRefused } from "../support/errors";
import { createNetwork, createOrganisation, createUser, type TestUser } from "../support/factories";
import { createTestDatabase } from "../support/test-database";

/**
 * Row-level security of eligibility: assessments, their lines and review rounds, the
 * reference lists, and what assessors may write on applications, documents and
 * correspondence. Each attack runs as clearname_app through asUser, in raw SQL where the
 * point is that no application code is filtering.
 */
let database: Database;
let networkId: string;
let intake: TestUser;
let assessor: TestUser;
let administrator: TestUser;
let coordinator: TestUser;
let lead: TestUser;
let caseworker: TestUser;
/** An application with an assessment in review (so all three tables have rows). */
let assessed: { applicationId: string; applicantId: string; assessmentId: string };
/** An application ready for assessment, with no assessment. */
let ready: { applicationId: string; applicantId: string };

const dayOffset = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function readyApplication(fullName: string) {
  const recorded = await asUser(database.db, intake.id, (tx) =>
    recordApplication(
      tx,
      { userId: intake.id },
      {
        applicant: ApplicantSchema.parse({ fullName }),
        channel: "post",
        receivedOn: "2026-03-02",
        questionnaire: { offences: "Robbery", convictionDate: "2019-06-14" },
      },
    ),
  );
  await asSystem(database.db, (tx) =>
    tx
      .update(applications)
      .set({ state: "ready_for_assessment", acknowledgedOn: "2026-03-05" })
      .where(eq(applications.id, recorded.applicationId)),
  );
  return recorded;
}

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  // The first network: applications belong to it (app_network_id()).
  const network = await createNetwork(db);
  networkId = network.id;
  const project = await createOrganisation(db);
  intake = await createUser(db, [{ organisationId: networkId, roleKey: "intake_officer" }]);
  assessor = await createUser(db, [{ organisationId: networkId, roleKey: "assessor" }]);
  administrator = await createUser(db, [{ organisationId: networkId, roleKey: "administrator" }]);
  coordinator = await createUser(db, [
    { organisationId: networkId, roleKey: "referral_coordinator" },
  ]);
  lead = await createUser(db, [{ organisationId: project.id, roleKey: "project_lead" }]);
  caseworker = await createUser(db, [{ organisationId: project.id, roleKey: "caseworker" }]);

  const first = await readyApplication("Ivor Assessed");
  const assessmentId = await asUser(db, assessor.id, async (tx) => {
    const { id } = await startAssessment(tx, assessor.acting, first.applicationId);
    const saved = await saveAssessment(
      tx,
      assessor.acting,
      id,
      AssessmentSchema.parse({
        version: 1,
        couldBeInnocent: "no",
        couldBeInnocentReasons: "He says it was self-defence.",
        canBeInvestigated: "no",
        canBeInvestigatedReasons: "Nothing to test or trace.",
        lines: [{ category: "other", description: "Nothing useful", priority: "low" }],
      }),
    );
    await recommend(
      tx,
      assessor.acting,
      id,
      RecommendationSchema.parse({
        version: saved.version,
        recommendation: "ineligible",
        ineligibleReasons: ["no_factual_innocence"],
      }),
    );
    return id;
  });
  assessed = { ...first, assessmentId };
  ready = await readyApplication("Rhoda Ready");
});
afterAll(async () => {
  await database?.close();
});

const countAs = async (
  userId: string,
  table: "assessments" | "investigation_lines" | "assessment_reviews",
) =>
  toInt(
    (
      await asUser(database.db, userId, (tx) =>
        queryRows<{ n: number }>(tx, sql`select count(*) as n from ${sql.identifier(table)}`),
      )
    )[0]?.n ?? 0,
  );

const countAsOwner = async (table: string) =>
  toInt(
    (
      await queryRows<{ n: number }>(
        database.db,
        sql`select count(*) as n from ${sql.identifier(table)}`,
      )
    )[0]?.n ?? 0,
  );

describe("eligibility row-level security", () => {
  it("shows a member project's lead and caseworker no assessments, lines or reviews, even in raw SQL", async () => {
    for (const table of ["assessments", "investigation_lines", "assessment_reviews"] as const) {
      expect(await countAsOwner(table)).toBeGreaterThan(0);
      expect(await countAs(lead.id, table)).toBe(0);
      expect(await countAs(caseworker.id, table)).toBe(0);
    }
    const byId = await asUser(database.db, lead.id, (tx) =>
      queryRows(tx, sql`select * from assessments where id = ${assessed.assessmentId}`),
    );
    expect(byId).toEqual([]);
    await expectRefused(
      asUser(database.db, lead.id, (tx) =>
        tx.execute(
          sql`insert into assessments (organisation_id, application_id) values (${networkId}, ${ready.applicationId})`,
        ),
      ),
      /row-level security/,
    );
  });

  it("lets an intake officer read assessments but not write them", async () => {
    for (const table of ["assessments", "investigation_lines", "assessment_reviews"] as const)
      expect(await countAs(intake.id, table)).toBeGreaterThan(0);
    await expectRefused(
      asUser(database.db, intake.id, (tx) =>
        tx.execute(
          sql`insert into assessments (organisation_id, application_id) values (${networkId}, ${ready.applicationId})`,
        ),
      ),
      /row-level security/,
    );
    const updated = await asUser(database.db, intake.id, (tx) =>
      queryRows(
        tx,
        sql`update assessments set status = 'decided', recommendation = 'eligible' where id = ${assessed.assessmentId} returning id`,
      ),
    );
    expect(updated).toEqual([]);
    const lines = await asUser(database.db, intake.id, (tx) =>
      queryRows(
        tx,
        sql`update investigation_lines set description = 'forged' where assessment_id = ${assessed.assessmentId} returning id`,
      ),
    );
    expect(lines).toEqual([]);
    const reviews = await asUser(database.db, intake.id, (tx) =>
      queryRows(
        tx,
        sql`update assessment_reviews set outcome = 'agreed', reviewer_id = ${intake.id} where assessment_id = ${assessed.assessmentId} returning id`,
      ),
    );
    expect(reviews).toEqual([]);
    const deleted = await asUser(database.db, intake.id, (tx) =>
      queryRows(
        tx,
        sql`delete from investigation_lines where assessment_id = ${assessed.assessmentId} returning id`,
      ),
    );
    expect(deleted).toEqual([]);
    await expectRefused(
      asUser(database.db, intake.id, (tx) =>
        tx.execute(
          sql`insert into investigation_lines (assessment_id, category, description) values (${assessed.assessmentId}, 'other', 'forged')`,
        ),
      ),
      /row-level security/,
    );
    await expectRefused(
      asUser(database.db, intake.id, (tx) =>
        tx.execute(
          sql`insert into assessment_reviews (assessment_id, recommendation, requested_by) values (${assessed.assessmentId}, 'eligible', ${intake.id})`,
        ),
      ),
      /row-level security/,
    );
    const [after] = await database.db
      .select()
      .from(assessments)
      .where(eq(assessments.id, assessed.assessmentId));
    expect(after?.status).toBe("in_review");
    expect(after?.recommendation).toBe("ineligible");
  });

  it("lets no one delete an assessment or a review round", async () => {
    await expectRefused(
      asUser(database.db, assessor.id, (tx) =>
        tx.execute(sql`delete from assessments where id = ${assessed.assessmentId}`),
      ),
      /permission denied/,
    );
    await expectRefused(
      asUser(database.db, assessor.id, (tx) =>
        tx.execute(
          sql`delete from assessment_reviews where assessment_id = ${assessed.assessmentId}`,
        ),
      ),
      /permission denied/,
    );
  });

  it("lets an assessor move an application through assessment, but not record applications or change applicants", async () => {
    const moved = await asUser(database.db, assessor.id, (tx) =>
      queryRows(
        tx,
        sql`update applications set state = 'under_assessment' where id = ${ready.applicationId} returning id`,
      ),
    );
    expect(moved).toHaveLength(1);
    await asSystem(database.db, (tx) =>
      tx
        .update(applications)
        .set({ state: "ready_for_assessment" })
        .where(eq(applications.id, ready.applicationId)),
    );
    // A referral coordinator sees applications but may not move them.
    const byCoordinator = await asUser(database.db, coordinator.id, (tx) =>
      queryRows(
        tx,
        sql`update applications set state = 'awaiting_referral' where id = ${ready.applicationId} returning id`,
      ),
    );
    expect(byCoordinator).toEqual([]);

    await expectRefused(
      asUser(database.db, assessor.id, (tx) =>
        tx.execute(
          sql`insert into applications (organisation_id, reference, applicant_id, channel, received_on, acknowledgement_due_on)
              values (${networkId}, 'CN-2099-99999', ${ready.applicantId}, 'post', '2026-03-02', '2026-03-16')`,
        ),
      ),
      /row-level security/,
    );
    const renamed = await asUser(database.db, assessor.id, (tx) =>
      queryRows(
        tx,
        sql`update applicants set full_name = 'Forged Name' where id = ${ready.applicantId} returning id`,
      ),
    );
    expect(renamed).toEqual([]);
    const [applicant] = await database.db
      .select()
      .from(applicants)
      .where(eq(applicants.id, ready.applicantId));
    expect(applicant?.fullName).toBe("Rhoda Ready");
    await expectRefused(
      asUser(database.db, assessor.id, (tx) =>
        tx.execute(
          sql`insert into applicants (organisation_id, full_name) values (${networkId}, 'Invented Person')`,
        ),
      ),
      /row-level security/,
    );
  });

  it("lets an assessor file a letter document and its correspondence, and not a referral coordinator", async () => {
    const insertLetter = (userId: string) =>
      asUser(database.db, userId, async (tx) => {
        const [doc] = await queryRows<{ id: string }>(
          tx,
          sql`insert into documents (application_id, applicant_id, kind, filename, media_type, byte_size, sha256, storage_key, created_by)
              values (${assessed.applicationId}, ${assessed.applicantId}, 'letter_out', 'decision.pdf', 'application/pdf', 10, ${"0".repeat(64)}, 'test/decision', ${userId})
              returning id`,
        );
        await tx.execute(
          sql`insert into correspondence (applicant_id, application_id, direction, kind, occurred_on, summary, document_id, created_by)
              values (${assessed.applicantId}, ${assessed.applicationId}, 'out', 'letter', current_date, 'Decision letter', ${doc?.id ?? null}, ${userId})`,
        );
        return doc?.id;
      });
    expect(await insertLetter(assessor.id)).toMatch(/^[0-9a-f-]{36}$/);
    await expectRefused(insertLetter(coordinator.id), /row-level security/);
    await expectRefused(insertLetter(lead.id), /row-level security/);
    await expectRefused(
      asUser(database.db, coordinator.id, (tx) =>
        tx.execute(
          sql`insert into correspondence (applicant_id, application_id, direction, kind, occurred_on, summary)
              values (${assessed.applicantId}, ${assessed.applicationId}, 'out', 'letter', current_date, 'Forged letter')`,
        ),
      ),
      /row-level security/,
    );
  });

  it("lets any signed-in user read the reference lists and only settings managers change them", async () => {
    const lists = ["suspected_causes", "ineligibility_reasons", "investigation_categories"];
    for (const table of lists) {
      for (const user of [assessor, intake, lead]) {
        const [row] = await asUser(database.db, user.id, (tx) =>
          queryRows<{ n: number }>(tx, sql`select count(*) as n from ${sql.identifier(table)}`),
        );
        expect(toInt(row?.n ?? 0), `${table} for a signed-in user`).toBeGreaterThan(0);
      }
      const anonymous = await database.db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('role', 'clearname_app', true)`);
        return queryRows(tx, sql`select * from ${sql.identifier(table)}`);
      });
      expect(anonymous, `${table} with no acting user`).toEqual([]);
    }
    const insertCategory = (userId: string, key: string) =>
      asUser(database.db, userId, (tx) =>
        tx.execute(
          sql`insert into investigation_categories (key, label, position) values (${key}, 'Phone records', 99)`,
        ),
      );
    await expectRefused(insertCategory(assessor.id, "phone_records_a"), /row-level security/);
    await expectRefused(
      asUser(database.db, assessor.id, (tx) =>
        tx.execute(
          sql`insert into ineligibility_reasons (key, label, letter_text, requires_review) values ('forged', 'Forged', 'x', false)`,
        ),
      ),
      /row-level security/,
    );
    const unreviewed = await asUser(database.db, assessor.id, (tx) =>
      queryRows(
        tx,
        sql`update ineligibility_reasons set requires_review = false where key = 'no_factual_innocence' returning key`,
      ),
    );
    expect(unreviewed).toEqual([]);
    const relabelled = await asUser(database.db, intake.id, (tx) =>
      queryRows(
        tx,
        sql`update suspected_causes set label = 'Forged' where key = 'dna' returning key`,
      ),
    );
    expect(relabelled).toEqual([]);

    await insertCategory(administrator.id, "phone_records");
    const byAdministrator = await asUser(database.db, administrator.id, (tx) =>
      queryRows(
        tx,
        sql`update suspected_causes set description = 'DNA evidence was part of the case.' where key = 'dna' returning key`,
      ),
    );
    expect(byAdministrator).toHaveLength(1);
  });

  it("lists only current, enabled assessors, and only to network staff who see applications", async () => {
    const db = database.db;
    const ended = await createUser(db, [
      {
        organisationId: networkId,
        roleKey: "assessor",
        startsOn: "2020-01-01",
        endsOn: dayOffset(-1),
      },
    ]);
    const notYet = await createUser(db, [
      { organisationId: networkId, roleKey: "assessor", startsOn: dayOffset(7) },
    ]);
    const disabled = await createUser(db, [{ organisationId: networkId, roleKey: "assessor" }]);
    await asSystem(db, (tx) =>
      tx.update(users).set({ disabledAt: new Date() }).where(eq(users.id, disabled.id)),
    );
    const ids = async (userId: string) =>
      (
        await asUser(db, userId, (tx) =>
          queryRows<{ id: string }>(tx, sql`select id from app_assessors()`),
        )
      ).map((r) => r.id);

    const seenByIntake = await ids(intake.id);
    expect(seenByIntake).toEqual(expect.arrayContaining([assessor.id, administrator.id]));
    for (const excluded of [ended.id, notYet.id, disabled.id, intake.id, coordinator.id])
      expect(seenByIntake).not.toContain(excluded);
    expect(new Set(await ids(assessor.id))).toEqual(new Set(seenByIntake));

    expect(await ids(lead.id)).toEqual([]);
    expect(await ids(caseworker.id)).toEqual([]);
    // An assessor whose own membership has ended sees nobody.
    expect(await ids(ended.id)).toEqual([]);
  });

  it("has row-level security enabled and forced on every eligibility table", async () => {
    const tables = await queryRows<{
      relname: string;
      relrowsecurity: boolean;
      relforcerowsecurity: boolean;
    }>(
      database.db,
      sql`select c.relname, c.relrowsecurity, c.relforcerowsecurity from pg_class c
          join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind = 'r'
            and c.relname in ('assessments', 'investigation_lines', 'assessment_reviews',
                              'suspected_causes', 'ineligibility_reasons', 'investigation_categories')
          order by c.relname`,
    );
    expect(tables).toEqual(
      [
        "assessment_reviews",
        "assessments",
        "ineligibility_reasons",
        "investigation_categories",
        "investigation_lines",
        "suspected_causes",
      ].map((relname) => ({ relname, relrowsecurity: true, relforcerowsecurity: true })),
    );
  });
});

describe("a decided assessment", () => {
  it("cannot be changed by the app role, apart from filing its letter once", async () => {
    const { assessmentId } = assessed;
    await asSystem(database.db, (tx) =>
      tx
        .update(assessments)
        .set({ status: "decided", decidedAt: new Date(), decisionLetterId: null })
        .where(eq(assessments.id, assessmentId)),
    );
    await expectRefused(
      asUser(database.db, assessor.id, (tx) =>
        tx
          .update(assessments)
          .set({ recommendation: "eligible" })
          .where(eq(assessments.id, assessmentId)),
      ),
      /decided assessment cannot be changed/,
    );
    const [row] = await database.db
      .select({ recommendation: assessments.recommendation, status: assessments.status })
      .from(assessments)
      .where(eq(assessments.id, assessmentId));
    expect(row).toEqual({ recommendation: "ineligible", status: "decided" });
  });
});

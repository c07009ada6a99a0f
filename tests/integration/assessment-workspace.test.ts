import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asUser, type Database, queryRows } from "~/db/database.server";
import { applications, assessments, auditEvents, investigationLines } from "~/db/schema";
import type { FieldDifference } from "~/eligibility/diff";
import { getAssessment } from "~/eligibility/get-assessment.server";
import { handOverAssessment, listAssessors } from "~/eligibility/hand-over.server";
import { assessmentsPanel } from "~/eligibility/list-application-assessments.server";
import { answersOf, loadAssessment } from "~/eligibility/load-assessment.server";
import { saveAssessment } from "~/eligibility/save-assessment.server";
import { AssessmentSchema } from "~/eligibility/schemas";
import { startAssessment } from "~/eligibility/start-assessment.server";
import { ApplicantSchema } from "~/intake/applicant-schema";
import type { Questionnaire } from "~/intake/questionnaire";
import { recordApplication } from "~/intake/record-application.server";
import { createNetwork, createOrganisation, createUser, type TestUser } from "../support/factories";
import { appError } from "../support/intake";
import { createTestDatabase } from "../support/test-database";
import { setState } from "./intake-queue-helpers";

let database: Database;
let intake: TestUser;
let assessor: TestUser;
let colleague: TestUser;
let caseworker: TestUser;

beforeAll(async () => {
  database = await createTestDatabase();
  const network = await createNetwork(database.db);
  const project = await createOrganisation(database.db);
  intake = await createUser(database.db, [
    { organisationId: network.id, roleKey: "intake_officer" },
  ]);
  assessor = await createUser(database.db, [{ organisationId: network.id, roleKey: "assessor" }]);
  colleague = await createUser(database.db, [{ organisationId: network.id, roleKey: "assessor" }]);
  caseworker = await createUser(database.db, [
    { organisationId: project.id, roleKey: "caseworker" },
  ]);
});
afterAll(async () => {
  await database?.close();
});

const as = <T>(user: TestUser, fn: Parameters<typeof asUser<T>>[2]) =>
  asUser(database.db, user.id, fn);

const QUESTIONNAIRE: Questionnaire = {
  offences: "Robbery",
  court: "Leeds Crown Court",
  offenceDate: "2018-05-01",
  convictionDate: "2019-03-14",
  plea: "not_guilty",
  sentence: "Eight years",
};

/** An application as intake records it, then made ready for assessment (as the owner). */
async function readyApplication(
  options: { state?: (typeof applications.$inferSelect)["state"]; isDraft?: boolean } = {},
) {
  const recorded = await as(intake, (tx) =>
    recordApplication(
      tx,
      { userId: intake.id },
      {
        applicant: ApplicantSchema.parse({ fullName: "Orla Brennagh", prisonerNumber: "A1234BC" }),
        channel: "post",
        receivedOn: "2026-01-05",
        questionnaire: QUESTIONNAIRE,
        isDraft: options.isDraft ?? false,
      },
    ),
  );
  await setState(database, recorded.applicationId, options.state ?? "ready_for_assessment");
  return recorded;
}

async function started(user = assessor) {
  const recorded = await readyApplication();
  const { id } = await as(user, (tx) => startAssessment(tx, user.acting, recorded.applicationId));
  return { ...recorded, assessmentId: id };
}

/** The form as the page would submit it: the saved answers at `version`, with changes. */
async function formFor(
  user: TestUser,
  id: string,
  changes: Record<string, unknown> = {},
): Promise<ReturnType<typeof AssessmentSchema.parse>> {
  const loaded = await as(user, (tx) => loadAssessment(tx, id));
  return AssessmentSchema.parse({
    ...answersOf(loaded),
    version: loaded.assessment.version,
    ...changes,
  });
}

/** Saves changes as `user` from the version saved now (the form is read first, outside). */
async function save(user: TestUser, id: string, changes: Record<string, unknown>) {
  const form = await formFor(user, id, changes);
  return as(user, (tx) => saveAssessment(tx, user.acting, id, form));
}

async function row(id: string) {
  const [r] = await database.db.select().from(assessments).where(eq(assessments.id, id));
  if (!r) throw new Error("no assessment");
  return r;
}

async function events(entityId: string) {
  return database.db
    .select({
      action: auditEvents.action,
      actor: auditEvents.actorUserId,
      subject: auditEvents.subjectId,
      details: auditEvents.details,
    })
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, "assessment"), eq(auditEvents.entityId, entityId)))
    .orderBy(auditEvents.seq);
}

describe("taking an application for assessment", () => {
  it("opens a draft assigned to the assessor, moves the application on and fills in the conviction", async () => {
    const { applicationId, assessmentId } = await started();
    const [application] = await database.db
      .select()
      .from(applications)
      .where(eq(applications.id, applicationId));
    expect(application?.state).toBe("under_assessment");
    const a = await row(assessmentId);
    expect(a).toMatchObject({
      status: "draft",
      assessorId: assessor.id,
      offences: "Robbery",
      courtName: "Leeds Crown Court",
      // What the court's name implies (app/intake/court-jurisdiction.ts), for the assessor to check.
      courtType: "crown_court",
      jurisdiction: "england_wales",
      offenceDate: "2018-05-01",
      convictionDate: "2019-03-14",
      plea: "not_guilty",
      sentence: "Eight years",
      version: 1,
    });
  });

  it("returns the same assessment when started twice, even by another assessor", async () => {
    const { applicationId, assessmentId } = await started();
    const again = await as(colleague, (tx) => startAssessment(tx, colleague.acting, applicationId));
    expect(again).toEqual({ id: assessmentId, created: false });
    const all = await database.db
      .select({ id: assessments.id })
      .from(assessments)
      .where(eq(assessments.applicationId, applicationId));
    expect(all).toHaveLength(1);
  });

  it("refuses a closed application and one whose entry is not finished", async () => {
    const closed = await readyApplication({ state: "closed" });
    const error = await appError(
      as(assessor, (tx) => startAssessment(tx, assessor.acting, closed.applicationId)),
    );
    expect(error.code).toBe("INVALID");
    expect(error.message).toMatch(/cannot be assessed/);

    const draft = await readyApplication({ isDraft: true });
    const draftError = await appError(
      as(assessor, (tx) => startAssessment(tx, assessor.acting, draft.applicationId)),
    );
    expect(draftError.message).toMatch(/still a draft/);
    const none = await database.db
      .select({ id: assessments.id })
      .from(assessments)
      .where(eq(assessments.applicationId, draft.applicationId));
    expect(none).toEqual([]);
  });

  it("refuses someone who is not an assessor", async () => {
    const recorded = await readyApplication();
    const error = await appError(
      as(intake, (tx) => startAssessment(tx, intake.acting, recorded.applicationId)),
    );
    expect(error.code).toBe("FORBIDDEN");
  });

  it("offers the button only while it can be started, and the link while it is open", async () => {
    const recorded = await readyApplication();
    const application = {
      id: recorded.applicationId,
      state: "ready_for_assessment",
      isDraft: false,
    };
    const before = await as(assessor, (tx) => assessmentsPanel(tx, assessor.acting, application));
    expect(before).toMatchObject({
      assessments: [],
      canStartAssessment: true,
      openAssessmentId: null,
    });
    const asIntake = await as(intake, (tx) => assessmentsPanel(tx, intake.acting, application));
    expect(asIntake.canStartAssessment).toBe(false);

    const { id } = await as(assessor, (tx) =>
      startAssessment(tx, assessor.acting, recorded.applicationId),
    );
    const after = await as(intake, (tx) =>
      assessmentsPanel(tx, intake.acting, { ...application, state: "under_assessment" }),
    );
    expect(after.openAssessmentId).toBe(id);
    expect(after.assessments).toMatchObject([{ id, status: "draft", recommendation: null }]);
    expect(after.assessorNames[assessor.id]).toBeTruthy();
  });
});

describe("saving the assessment", () => {
  it("saves the assigned assessor's answers and lines, and bumps the version", async () => {
    const { assessmentId } = await started();
    const form = await formFor(assessor, assessmentId, {
      courtType: "magistrates",
      jurisdiction: "england_wales",
      couldBeInnocent: "unclear",
      couldBeInnocentReasons: "The identification was made in poor light.",
      appealStages: [{ stage: "Leave to appeal, single judge", outcome: "Refused" }],
      suspectedCauses: ["mistaken_identification"],
      flags: ["in_custody"],
      lines: [
        { category: "witness", description: "Trace the second witness", priority: "high" },
        { category: "forensic_retesting", description: "Re-test the jacket" },
      ],
    });
    const saved = await as(assessor, (tx) =>
      saveAssessment(tx, assessor.acting, assessmentId, form),
    );
    expect(saved.version).toBe(2);
    expect(saved.changed).toEqual(
      expect.arrayContaining(["courtType", "couldBeInnocent", "lines", "flags"]),
    );
    const a = await row(assessmentId);
    expect(a).toMatchObject({
      courtType: "magistrates",
      couldBeInnocent: "unclear",
      suspectedCauses: ["mistaken_identification"],
      flags: ["in_custody"],
      appealStages: [{ stage: "Leave to appeal, single judge", outcome: "Refused" }],
      updatedBy: assessor.id,
      version: 2,
    });
    const lines = await database.db
      .select()
      .from(investigationLines)
      .where(eq(investigationLines.assessmentId, assessmentId))
      .orderBy(investigationLines.position);
    expect(lines.map((l) => [l.position, l.category, l.priority])).toEqual([
      [0, "witness", "high"],
      [1, "forensic_retesting", "medium"],
    ]);
  });

  it("replaces the lines on save", async () => {
    const { assessmentId } = await started();
    await save(assessor, assessmentId, {
      lines: [
        { category: "witness", description: "First" },
        { category: "alibi", description: "Second" },
      ],
    });
    await save(assessor, assessmentId, {
      lines: [{ category: "disclosure", description: "Only this one", priority: "low" }],
    });
    const lines = await database.db
      .select()
      .from(investigationLines)
      .where(eq(investigationLines.assessmentId, assessmentId));
    expect(lines).toMatchObject([
      { position: 0, category: "disclosure", description: "Only this one", priority: "low" },
    ]);
  });

  it("refuses a save by an assessor it is not assigned to, changing nothing", async () => {
    const { assessmentId } = await started();
    const form = await formFor(colleague, assessmentId, { offences: "Murder" });
    const error = await appError(
      as(colleague, (tx) => saveAssessment(tx, colleague.acting, assessmentId, form)),
    );
    expect(error.code).toBe("FORBIDDEN");
    expect(await row(assessmentId)).toMatchObject({ offences: "Robbery", version: 1 });
  });

  it("gives the second of two saves from the same version a conflict listing what differs, overwriting nothing", async () => {
    const { assessmentId } = await started();
    const first = await formFor(assessor, assessmentId, {
      offences: "Robbery and assault",
      couldBeInnocent: "yes",
    });
    const second = await formFor(assessor, assessmentId, {
      offences: "Robbery",
      couldBeInnocent: "no",
      tariff: "Five years",
    });
    await as(assessor, (tx) => saveAssessment(tx, assessor.acting, assessmentId, first));

    const error = await appError(
      as(assessor, (tx) => saveAssessment(tx, assessor.acting, assessmentId, second)),
    );
    expect(error.code).toBe("CONFLICT");
    expect(error.details.version).toBe(2);
    const differences = error.details.differences as FieldDifference[];
    expect(differences).toEqual([
      {
        field: "offences",
        label: "Offences",
        saved: "Robbery and assault",
        yours: "Robbery",
      },
      { field: "tariff", label: "Tariff or minimum term", saved: "(blank)", yours: "Five years" },
      {
        field: "couldBeInnocent",
        label: "Question 1: could the applicant be innocent?",
        saved: "yes",
        yours: "no",
      },
    ]);
    expect(await row(assessmentId)).toMatchObject({
      offences: "Robbery and assault",
      couldBeInnocent: "yes",
      tariff: null,
      version: 2,
    });

    // Saving again from the version the conflict reported overwrites, deliberately.
    const overwrite = await as(assessor, (tx) =>
      saveAssessment(tx, assessor.acting, assessmentId, { ...second, version: 2 }),
    );
    expect(overwrite.version).toBe(3);
    expect(await row(assessmentId)).toMatchObject({ offences: "Robbery", tariff: "Five years" });
  });

  it("refuses a category or cause that is not on the list, naming the field", async () => {
    const { assessmentId } = await started();
    const badLine = await formFor(assessor, assessmentId, {
      lines: [
        { category: "witness", description: "Fine" },
        { category: "astrology", description: "Not fine" },
      ],
    });
    const error = await appError(
      as(assessor, (tx) => saveAssessment(tx, assessor.acting, assessmentId, badLine)),
    );
    expect(error.code).toBe("INVALID");
    expect(error.details.field).toBe("lines[1].category");

    const badCause = await formFor(assessor, assessmentId, {
      suspectedCauses: ["'; drop table x"],
    });
    const causeError = await appError(
      as(assessor, (tx) => saveAssessment(tx, assessor.acting, assessmentId, badCause)),
    );
    expect(causeError.details.field).toBe("suspectedCauses");
    expect(await row(assessmentId)).toMatchObject({ version: 1, suspectedCauses: [] });
  });

  it("refuses flags that are not on the list before anything is saved", () => {
    const result = AssessmentSchema.safeParse({ version: 1, flags: ["in_custody", "made_up"] });
    expect(result.success).toBe(false);
  });
});

describe("handing over", () => {
  it("hands an assessment to another assessor, who can then save it", async () => {
    const { assessmentId } = await started();
    await as(assessor, (tx) =>
      handOverAssessment(tx, assessor.acting, assessmentId, {
        assessorId: colleague.id,
        version: 1,
        note: "On leave",
      }),
    );
    expect(await row(assessmentId)).toMatchObject({ assessorId: colleague.id, version: 2 });
    const form = await formFor(colleague, assessmentId, { tariff: "Four years" });
    await as(colleague, (tx) => saveAssessment(tx, colleague.acting, assessmentId, form));
    expect((await row(assessmentId)).tariff).toBe("Four years");

    // Taking it back over: any assessor may, naming themselves.
    await as(assessor, (tx) =>
      handOverAssessment(tx, assessor.acting, assessmentId, { assessorId: assessor.id }),
    );
    expect((await row(assessmentId)).assessorId).toBe(assessor.id);
  });

  it("refuses to hand it to someone who cannot assess, or from a stale page", async () => {
    const { assessmentId } = await started();
    const assessors = await as(assessor, (tx) => listAssessors(tx));
    expect(assessors.map((s) => s.id)).toEqual(expect.arrayContaining([assessor.id, colleague.id]));
    expect(assessors.map((s) => s.id)).not.toContain(intake.id);

    const error = await appError(
      as(assessor, (tx) =>
        handOverAssessment(tx, assessor.acting, assessmentId, { assessorId: intake.id }),
      ),
    );
    expect(error.code).toBe("INVALID");
    expect(error.details.field).toBe("assessorId");

    const stale = await appError(
      as(assessor, (tx) =>
        handOverAssessment(tx, assessor.acting, assessmentId, {
          assessorId: colleague.id,
          version: 7,
        }),
      ),
    );
    expect(stale.code).toBe("CONFLICT");

    const notAssessor = await appError(
      as(intake, (tx) =>
        handOverAssessment(tx, intake.acting, assessmentId, { assessorId: intake.id }),
      ),
    );
    expect(notAssessor.code).toBe("FORBIDDEN");
    expect((await row(assessmentId)).assessorId).toBe(assessor.id);
  });
});

describe("the audit trail and who can see assessments", () => {
  it("records every view and change, with the applicant as the subject", async () => {
    const { assessmentId, applicantId } = await started();
    await as(intake, (tx) => getAssessment(tx, intake.acting, assessmentId, "workspace"));
    await save(assessor, assessmentId, { tariff: "Six years" });
    await as(assessor, (tx) =>
      handOverAssessment(tx, assessor.acting, assessmentId, { assessorId: colleague.id }),
    );
    const trail = await events(assessmentId);
    expect(trail.map((e) => [e.action, e.actor])).toEqual([
      ["assessment.started", assessor.id],
      ["assessment.viewed", intake.id],
      ["assessment.saved", assessor.id],
      ["assessment.handed_over", assessor.id],
    ]);
    expect(trail.every((e) => e.subject === applicantId)).toBe(true);
    expect(trail[1]?.details).toEqual({ page: "workspace" });
    expect(trail[2]?.details).toMatchObject({ changed: ["tariff"], version: 2 });
    expect(trail[3]?.details).toMatchObject({ from: assessor.id, to: colleague.id });
  });

  it("shows a member project's caseworker no assessments at all, even by id", async () => {
    const { assessmentId } = await started();
    const seen = await as(caseworker, (tx) =>
      queryRows<{ id: string }>(tx, sql`select id from assessments`),
    );
    expect(seen).toEqual([]);
    const lines = await as(caseworker, (tx) =>
      queryRows<{ id: string }>(tx, sql`select id from investigation_lines`),
    );
    expect(lines).toEqual([]);
    const missing = await appError(as(caseworker, (tx) => loadAssessment(tx, assessmentId)));
    expect(missing.code).toBe("NOT_FOUND");
    const refused = await appError(
      as(caseworker, (tx) => getAssessment(tx, caseworker.acting, assessmentId)),
    );
    expect(refused.code).toBe("FORBIDDEN");
    const updated = await as(caseworker, (tx) =>
      tx
        .update(assessments)
        .set({ offences: "changed" })
        .where(eq(assessments.id, assessmentId))
        .returning({ id: assessments.id }),
    );
    expect(updated).toEqual([]);
    expect((await row(assessmentId)).offences).toBe("Robbery");
  });
});

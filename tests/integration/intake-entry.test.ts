import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "~/audit/verify-chain.server";
import { asUser, type Database } from "~/db/database.server";
import { applicationLinks, applications, auditEvents } from "~/db/schema";
import { findEntryMatches } from "~/intake/entry/find-entry-matches.server";
import { finishApplicationEntry } from "~/intake/entry/finish-entry.server";
import { getApplication } from "~/intake/entry/get-application.server";
import { NewApplicationSchema } from "~/intake/entry/new-application-schema";
import { saveQuestionnaireSection } from "~/intake/entry/save-section.server";
import { createNetwork, createOrganisation, createUser, type TestUser } from "../support/factories";
import { appError, enterApplication } from "../support/intake";
import { createTestDatabase } from "../support/test-database";

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

const start = (fields: Record<string, string>, reapplicationBy: string | null = null) =>
  enterApplication(database.db, intake, fields, { reapplicationBy, consentSignedOn: "2026-10-28" });

async function row(id: string) {
  const [r] = await database.db.select().from(applications).where(eq(applications.id, id));
  if (!r) throw new Error("no application");
  return r;
}

describe("starting a postal application", () => {
  it("records a draft with its consent, and a re-application joins the earlier applicant with a link", async () => {
    const first = await start({ fullName: "Harriet Quennell", dateOfBirth: "1975-01-09" });
    const earlier = await row(first.applicationId);
    expect(earlier).toMatchObject({ isDraft: true, channel: "post", consentSigned: true });
    expect(earlier.consentSignedOn).toBe("2026-10-28");

    const matches = await as(intake, (tx) =>
      findEntryMatches(tx, intake.acting, { fullName: "Harriet Quenell", aliases: [] }),
    );
    const match = matches.find((m) => m.applicantId === first.applicantId);
    expect(match?.reasons).toContain("similar name");
    expect(match?.latest?.reference).toBe(first.reference);

    const again = await start({ fullName: "Harriet Quenell" }, first.applicantId);
    expect(again.applicantId).toBe(first.applicantId);
    expect(again.linkedTo?.reference).toBe(first.reference);
    const links = await database.db
      .select()
      .from(applicationLinks)
      .where(eq(applicationLinks.applicationId, again.applicationId));
    expect(links).toMatchObject([
      { linkedApplicationId: first.applicationId, kind: "re_application" },
    ]);
  });

  it("refuses a received date in the future and an impossible date, keeping the answers", () => {
    const result = NewApplicationSchema.safeParse({
      fullName: "Ivo Petrakis",
      receivedOn: "2999-01-01",
      channel: "post",
      consentSigned: "no",
      dateOfBirth: "1980-02-30",
    });
    expect(result.success).toBe(false);
    const messages = result.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(messages).toContain("receivedOn: The date received cannot be in the future");
    expect(messages).toContain("dateOfBirth: Date of birth must be a real date, like 1980-05-17");
  });
});

describe("entering the questionnaire section by section", () => {
  it("merges each section's answers and keeps offence, court and conviction date in their columns", async () => {
    const app = await start({ fullName: "Jerome Okonkwo-Barnes", dateOfBirth: "1980-05-17" });
    const first = await as(intake, (tx) =>
      saveQuestionnaireSection(tx, intake.acting, app.applicationId, {
        section: "conviction",
        answers: { offences: "Robbery", court: "Leeds Crown Court", convictionDate: "2012-03-01" },
        version: 1,
      }),
    );
    await as(intake, (tx) =>
      saveQuestionnaireSection(tx, intake.acting, app.applicationId, {
        section: "claim",
        answers: { alibi: "At work at the bakery" },
        version: first.version,
      }),
    );
    let r = await row(app.applicationId);
    expect(r.questionnaire).toEqual({
      offences: "Robbery",
      court: "Leeds Crown Court",
      convictionDate: "2012-03-01",
      alibi: "At work at the bakery",
    });
    expect([r.offence, r.court, r.convictionDate]).toEqual([
      "Robbery",
      "Leeds Crown Court",
      "2012-03-01",
    ]);
    // Clearing an answer removes it, here and in its column.
    await as(intake, (tx) =>
      saveQuestionnaireSection(tx, intake.acting, app.applicationId, {
        section: "conviction",
        answers: { offences: "Robbery", court: "" },
        version: r.version,
      }),
    );
    r = await row(app.applicationId);
    expect(r.questionnaire).toEqual({ offences: "Robbery", alibi: "At work at the bakery" });
    expect([r.court, r.convictionDate]).toEqual([null, null]);
    const updates = await database.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.entityId, app.applicationId),
          eq(auditEvents.action, "application.updated"),
        ),
      );
    expect(updates).toHaveLength(3);
    expect(updates.every((e) => e.subjectId === app.applicantId)).toBe(true);
    // The answers themselves stay out of the audit trail.
    expect(JSON.stringify(updates.map((e) => e.details))).not.toContain("bakery");
  });

  it("refuses to overwrite a section someone else saved since the page was loaded", async () => {
    const app = await start({ fullName: "Kasia Wróblewska" });
    await as(intake, (tx) =>
      saveQuestionnaireSection(tx, intake.acting, app.applicationId, {
        section: "defence",
        answers: { defenceCase: "Self-defence" },
        version: 1,
      }),
    );
    const error = await appError(
      as(intake, (tx) =>
        saveQuestionnaireSection(tx, intake.acting, app.applicationId, {
          section: "defence",
          answers: { defenceCase: "Mistaken identity" },
          version: 1,
        }),
      ),
    );
    expect(error.code).toBe("CONFLICT");
    expect((await row(app.applicationId)).questionnaire).toEqual({ defenceCase: "Self-defence" });
  });

  it("refuses a conviction before the applicant was born, and impossible dates", async () => {
    const app = await start({ fullName: "Lorcan Dempsey", dateOfBirth: "1990-06-01" });
    const early = await appError(
      as(intake, (tx) =>
        saveQuestionnaireSection(tx, intake.acting, app.applicationId, {
          section: "conviction",
          answers: { offences: "Arson", convictionDate: "1989-12-31" },
          version: 1,
        }),
      ),
    );
    expect(early.code).toBe("INVALID");
    expect(early.details.field).toBe("convictionDate");
    expect(early.message).toMatch(/before the applicant's date of birth/);
    const impossible = await appError(
      as(intake, (tx) =>
        saveQuestionnaireSection(tx, intake.acting, app.applicationId, {
          section: "conviction",
          answers: { convictionDate: "2015-02-30" },
          version: 1,
        }),
      ),
    );
    expect(impossible.details.field).toBe("convictionDate");
    const r = await row(app.applicationId);
    expect([r.questionnaire, r.convictionDate, r.version]).toEqual([{}, null, 1]);
  });

  it("finishes entry once, and an assessor may read but not enter", async () => {
    const app = await start({ fullName: "Marisol Achterberg" });
    const denied = await appError(
      as(assessor, (tx) =>
        saveQuestionnaireSection(tx, assessor.acting, app.applicationId, {
          section: "claim",
          answers: { whyWrong: "x" },
          version: 1,
        }),
      ),
    );
    expect(denied.code).toBe("FORBIDDEN");
    await as(intake, (tx) => finishApplicationEntry(tx, intake.acting, app.applicationId, 1));
    expect((await row(app.applicationId)).isDraft).toBe(false);
    const seen = await as(assessor, (tx) => getApplication(tx, assessor.acting, app.applicationId));
    expect(seen.application.reference).toBe(app.reference);
  });
});

describe("viewing an application", () => {
  it("audits every view with the applicant as the subject, and shows links and likely matches", async () => {
    const earlier = await start({ fullName: "Norbert Fairweather", prisonerNumber: "B2345CD" });
    const again = await start({ fullName: "Norbert Fairweather" }, earlier.applicantId);
    const other = await start({ fullName: "Norbert Fairweather", prisonerNumber: "B2345CD" });
    const seen = await as(intake, (tx) => getApplication(tx, intake.acting, again.applicationId));
    expect(seen.links).toMatchObject([
      { kind: "re_application", direction: "to", reference: earlier.reference },
    ]);
    expect(seen.matches.map((m) => m.applicantId)).toContain(other.applicantId);
    expect(seen.otherApplications.map((o) => o.reference)).toEqual([earlier.reference]);
    const views = await database.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, "application.viewed"),
          eq(auditEvents.entityId, again.applicationId),
        ),
      );
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({ subjectId: again.applicantId, actorUserId: intake.id });
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });

  it("is refused to a project lead and a caseworker, by the database too", async () => {
    const app = await start({ fullName: "Ottoline Brackenbury" });
    const project = await createOrganisation(database.db);
    for (const roleKey of ["project_lead", "caseworker"] as const) {
      const member = await createUser(database.db, [{ organisationId: project.id, roleKey }]);
      const error = await appError(
        as(member, (tx) => getApplication(tx, member.acting, app.applicationId)),
      );
      expect(error.code).toBe("FORBIDDEN");
      const rows = await as(member, (tx) =>
        tx.select().from(applications).where(eq(applications.id, app.applicationId)),
      );
      expect(rows).toEqual([]);
    }
  });
});

import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { caseDeadlines } from "~/casework/overview/deadlines.server";
import { getCaseOverview } from "~/casework/overview/get-overview.server";
import { getCaseStages, recordStage } from "~/casework/stages/record-stage.server";
import { RecordStageSchema } from "~/casework/stages/schemas";
import { addDays } from "~/casework/stages/steps";
import { endOfAcademicYear } from "~/casework/team/academic-year";
import { assignToCase, getCaseTeam, removeFromCase } from "~/casework/team/case-team.server";
import { queryRows, toInt } from "~/db/database.server";
import { auditEvents, caseNotes, cases, caseTeam } from "~/db/schema";
import { listCases } from "~/referrals/list-cases.server";
import { today } from "~/shared/dates";
import { acceptedCase, setUpCasework } from "../support/casework-scenario";
import { createUser, type TestUser } from "../support/factories";
import { appError } from "../support/intake";

/**
 * The case team: a caseworker sees a case (and any row of its working file) only while on its
 * team; only a lead chooses the team; the lead records the case's stages, deadlines and outcome.
 */
const ctx = setUpCasework("casework-team");
const { as } = ctx;
let caseId: string;
/** A second caseworker of the same project, never put on the case. */
let outsider: TestUser;

const countAs = async (user: TestUser, query: ReturnType<typeof sql>) =>
  toInt((await as(user, (tx) => queryRows<{ n: number }>(tx, query)))[0]?.n ?? 0);

/** Every table of a case's working file, as raw SQL under row-level security. */
const CASE_TABLES = [
  "case_team",
  "case_lines",
  "case_documents",
  "evidence_items",
  "case_papers",
  "paper_requests",
  "chronology_events",
  "case_people",
  "case_notes",
  "case_reviews",
  "time_entries",
  "case_correspondence",
  "case_stage_events",
  "review_applications",
  "case_closures",
] as const;

async function rowsSeen(user: TestUser): Promise<Record<string, number>> {
  const seen: Record<string, number> = {
    cases: await countAs(user, sql`select count(*) as n from cases where id = ${caseId}`),
  };
  for (const table of CASE_TABLES)
    seen[table] = await countAs(
      user,
      sql`select count(*) as n from ${sql.identifier(table)} where case_id = ${caseId}`,
    );
  return seen;
}

const nothing = Object.fromEntries(["cases", ...CASE_TABLES].map((t) => [t, 0]));

beforeAll(async () => {
  outsider = await createUser(ctx.db, [
    { organisationId: ctx.people.second.id, roleKey: "caseworker" },
  ]);
  ({ caseId } = await acceptedCase(ctx, { project: "second" }));
  const lead = ctx.people.second.lead;
  // Something in the working file for RLS to hide.
  await ctx.db.insert(caseNotes).values({ caseId, authorId: lead.id, body: "First note" });
}, 240_000);

describe("the case team", () => {
  it("hides the case and every row of its file from a caseworker not on the team", async () => {
    const { caseworker } = ctx.people.second;
    expect(await rowsSeen(caseworker)).toEqual(nothing);
    expect(
      (await appError(as(caseworker, (tx) => getCaseOverview(tx, caseworker.acting, caseId)))).code,
    ).toBe("NOT_FOUND");
    expect(
      (await appError(as(caseworker, (tx) => getCaseTeam(tx, caseworker.acting, caseId)))).code,
    ).toBe("NOT_FOUND");
    expect(await as(caseworker, (tx) => listCases(tx, caseworker.acting))).toEqual({
      active: [],
      ended: [],
    });
  });

  it("lets only a lead assign, and shows the lead whom they may add", async () => {
    const { lead, caseworker } = ctx.people.second;
    const page = await as(lead, (tx) => getCaseTeam(tx, lead.acting, caseId));
    expect(page.can.assign).toBe(true);
    expect(page.candidates.map((m) => [m.userId, m.role]).sort()).toEqual(
      [
        [lead.id, "lead"],
        [caseworker.id, "caseworker"],
        [outsider.id, "caseworker"],
      ].sort(),
    );
    // Another project's lead, and a user of the network, are not candidates.
    const stranger = ctx.people.first.lead;
    const refused = await appError(
      as(lead, (tx) =>
        assignToCase(tx, lead.acting, caseId, {
          userId: stranger.id,
          endsOn: endOfAcademicYear(today()),
        }),
      ),
    );
    expect(refused.code).toBe("INVALID");
    // Another project's lead cannot reach the case at all.
    expect(
      (
        await appError(
          as(stranger, (tx) =>
            assignToCase(tx, stranger.acting, caseId, {
              userId: stranger.id,
              endsOn: endOfAcademicYear(today()),
            }),
          ),
        )
      ).code,
    ).toBe("NOT_FOUND");
    // Nor may a caseworker write a team row directly.
    await expect(
      as(outsider, (tx) =>
        tx.insert(caseTeam).values({ caseId, userId: outsider.id, role: "caseworker" }),
      ),
    ).rejects.toThrow();
    expect(await ctx.db.select().from(caseTeam).where(eq(caseTeam.userId, outsider.id))).toEqual(
      [],
    );
  });

  it("shows the case to a caseworker once on the team, and the team to them", async () => {
    const { lead, caseworker } = ctx.people.second;
    const endsOn = endOfAcademicYear(today());
    await as(lead, (tx) =>
      assignToCase(tx, lead.acting, caseId, { userId: caseworker.id, endsOn }),
    );
    const seen = await rowsSeen(caseworker);
    expect(seen).toMatchObject({
      cases: 1,
      case_team: 1,
      case_notes: 1,
      case_lines: 3,
      case_documents: 1,
    });
    const overview = await as(caseworker, (tx) => getCaseOverview(tx, caseworker.acting, caseId));
    expect(overview.team.map((m) => [m.userId, m.role, m.endsOn])).toEqual([
      [caseworker.id, "caseworker", endsOn],
    ]);
    const team = await as(caseworker, (tx) => getCaseTeam(tx, caseworker.acting, caseId));
    expect(team.can.assign).toBe(false);
    expect(team.candidates).toEqual([]);
    // A caseworker on the team still cannot choose the team.
    expect(
      (
        await appError(
          as(caseworker, (tx) =>
            assignToCase(tx, caseworker.acting, caseId, { userId: outsider.id, endsOn }),
          ),
        )
      ).code,
    ).toMatch(/FORBIDDEN|NOT_FOUND/);
    // The other caseworker of the project still sees nothing.
    expect(await rowsSeen(outsider)).toEqual(nothing);
    const assigned = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "case_team.assigned"), eq(auditEvents.entityId, caseId)));
    expect(assigned).toHaveLength(1);
    expect(assigned[0]?.actorUserId).toBe(lead.id);
  });

  it("hides the case again after the end date, and when removed", async () => {
    const { lead, caseworker } = ctx.people.second;
    await ctx.db
      .update(caseTeam)
      .set({ startsOn: addDays(today(), -30), endsOn: today() })
      .where(and(eq(caseTeam.caseId, caseId), eq(caseTeam.userId, caseworker.id)));
    // Only their own, ended, team row stays readable to them: nothing of the case.
    expect(await rowsSeen(caseworker)).toEqual({ ...nothing, case_team: 1 });
    expect(
      (await appError(as(caseworker, (tx) => getCaseOverview(tx, caseworker.acting, caseId)))).code,
    ).toBe("NOT_FOUND");

    await as(lead, (tx) =>
      assignToCase(tx, lead.acting, caseId, {
        userId: outsider.id,
        endsOn: endOfAcademicYear(today()),
      }),
    );
    expect((await rowsSeen(outsider)).cases).toBe(1);
    const page = await as(lead, (tx) => getCaseTeam(tx, lead.acting, caseId));
    const member = page.team.find((m) => m.userId === outsider.id && m.current);
    if (!member) throw new Error("not on the team");
    await as(lead, (tx) => removeFromCase(tx, lead.acting, caseId, member.id));
    expect(await rowsSeen(outsider)).toEqual({ ...nothing, case_team: 1 });
  });
});

describe("stages, deadlines and outcome", () => {
  it("lets only a lead record a step", async () => {
    const { caseworker, lead } = ctx.people.second;
    await as(lead, (tx) =>
      assignToCase(tx, lead.acting, caseId, {
        userId: caseworker.id,
        endsOn: endOfAcademicYear(today()),
      }),
    );
    const input = RecordStageSchema.parse({ step: "investigating", occurredOn: today() });
    const refused = await appError(
      as(caseworker, (tx) => recordStage(tx, caseworker.acting, caseId, input)),
    );
    expect(refused.code).toMatch(/FORBIDDEN|NOT_FOUND/);
    const stages = await as(caseworker, (tx) => getCaseStages(tx, caseworker.acting, caseId));
    expect(stages.can.record).toBe(false);
    expect(stages.events).toEqual([]);
  });

  it("asks for what each step needs", () => {
    const missing = RecordStageSchema.safeParse({ step: "under_review", occurredOn: today() });
    expect(missing.success).toBe(false);
    const concluded = RecordStageSchema.safeParse({ step: "concluded", occurredOn: today() });
    expect(concluded.success ? [] : concluded.error.issues.map((i) => i.path[0]).sort()).toEqual([
      "outcome",
      "outcomeReason",
    ]);
  });

  it("records the steps, moves the stage, and sets the representations deadline", async () => {
    const { lead, caseworker } = ctx.people.second;
    const d = today();
    for (const step of [
      { step: "investigating", occurredOn: d },
      { step: "application_drafted", occurredOn: d },
      { step: "submitted", occurredOn: d },
      { step: "acknowledged", occurredOn: d },
      { step: "under_review", occurredOn: d, reviewManager: "Jo Reviewer" },
      { step: "provisional_statement", occurredOn: d, body: "sccrc" },
    ])
      await as(lead, (tx) => recordStage(tx, lead.acting, caseId, RecordStageSchema.parse(step)));
    const [c] = await ctx.db.select().from(cases).where(eq(cases.id, caseId));
    expect(c?.stage).toBe("provisional_statement");
    const stages = await as(lead, (tx) => getCaseStages(tx, lead.acting, caseId));
    expect(stages.events).toHaveLength(6);
    expect(stages.events.find((e) => e.step === "under_review")?.note).toContain("Jo Reviewer");
    const provisional = stages.events.find((e) => e.step === "provisional_statement");
    expect(provisional).toMatchObject({ deadlineOn: addDays(d, 21) });
    expect(provisional?.deadlineWhat).toMatch(/Representations/);

    // The CCRC's default is 28 days, and an entered deadline wins.
    await as(lead, (tx) =>
      recordStage(
        tx,
        lead.acting,
        caseId,
        RecordStageSchema.parse({ step: "provisional_statement", occurredOn: d, body: "ccrc" }),
      ),
    );
    await as(lead, (tx) =>
      recordStage(
        tx,
        lead.acting,
        caseId,
        RecordStageSchema.parse({
          step: "provisional_statement",
          occurredOn: d,
          body: "ccrc",
          deadlineOn: addDays(d, 40),
        }),
      ),
    );
    const deadlines = await as(caseworker, (tx) => caseDeadlines(tx, [caseId], d));
    const what = deadlines.map((x) => x.on);
    expect(what).toEqual(expect.arrayContaining([addDays(d, 21), addDays(d, 28), addDays(d, 40)]));
    expect(what).toEqual([...what].sort());
    expect(deadlines.some((x) => /annual case report/i.test(x.what))).toBe(true);
    const overview = await as(caseworker, (tx) => getCaseOverview(tx, caseworker.acting, caseId));
    expect(overview.deadlines[0]?.on).toBe(addDays(d, 21));
    expect(overview.recent.length).toBeGreaterThan(0);
    const audited = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "case_stage.recorded"), eq(auditEvents.entityId, caseId)));
    expect(audited).toHaveLength(8);
  });

  it("records the appeal and the project's conclusion with its reasons", async () => {
    const { lead } = ctx.people.second;
    const d = today();
    await as(lead, (tx) =>
      recordStage(
        tx,
        lead.acting,
        caseId,
        RecordStageSchema.parse({ step: "review_decided", occurredOn: d, decision: "referred" }),
      ),
    );
    await as(lead, (tx) =>
      recordStage(
        tx,
        lead.acting,
        caseId,
        RecordStageSchema.parse({
          step: "appeal_outcome",
          occurredOn: d,
          appealOutcome: "quashed_retrial",
        }),
      ),
    );
    let [c] = await ctx.db.select().from(cases).where(eq(cases.id, caseId));
    expect(c?.stage).toBe("appeal");
    await as(lead, (tx) =>
      recordStage(
        tx,
        lead.acting,
        caseId,
        RecordStageSchema.parse({
          step: "concluded",
          occurredOn: d,
          outcome: "claim_supported",
          outcomeReason: "The DNA on the jacket is another man's.",
        }),
      ),
    );
    [c] = await ctx.db.select().from(cases).where(eq(cases.id, caseId));
    expect(c).toMatchObject({
      stage: "concluded",
      outcome: "claim_supported",
      outcomeReason: "The DNA on the jacket is another man's.",
    });
  });
});

import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { parseCaseListParams } from "~/casework/list/case-list-params";
import { findCases } from "~/casework/list/find-cases.server";
import { addNote, listNotes } from "~/casework/notes/notes.server";
import { dueDeadlines } from "~/casework/reminders/due-deadlines.server";
import { listNetworkCases } from "~/casework/report/network-cases.server";
import { closeCase, getCaseClosing, reopenCase } from "~/casework/stages/close-case.server";
import { CloseCaseSchema, ReopenCaseSchema } from "~/casework/stages/closing-schemas";
import { getCaseStages } from "~/casework/stages/record-stage.server";
import { auditEvents, caseClosures, caseNotes, cases, organisations, tasks } from "~/db/schema";
import { countOpenWork } from "~/organisations/open-work.server";
import { loadReferralCase } from "~/referrals/referral-case.server";
import { suggestProjects } from "~/referrals/suggest-projects.server";
import { addDays, today } from "~/shared/dates";
import { setTask } from "~/tasks/set-task.server";
import { acceptedCase, setUpCasework } from "../support/casework-scenario";
import { expectRefused } from "../support/errors";
import { appError } from "../support/intake";
import { createEligibleCase, referralContext } from "../support/referral-scenario";

/**
 * Closing a case (docs/decisions/027-closing-a-case.md): the lead closes it after the
 * checklist; the closed case is read-only in the domain and in the database, leaves the
 * project's capacity, its reminders and what blocks the project's closure, and shows closed
 * with its outcome to the network; the lead reopens it with a reason.
 */
const ctx = setUpCasework("close-case");
const { as } = ctx;
let caseId: string;
/** An application waiting for referral, to ask which projects have room. */
let waitingApplicationId: string;

const closeInput = CloseCaseSchema.parse({
  outcome: "client_withdrew",
  reasons: "The client wrote on 1 December asking the project to stop work.",
  confirmed: ["lines", "papers", "documents", "letter"],
});

/** Places left at the second project, as the network's coordinator is told. */
async function placesLeft(): Promise<number | null> {
  const { coordinator } = ctx.people;
  const suggestions = await as(coordinator, async (tx) =>
    suggestProjects(tx, await loadReferralCase(tx, waitingApplicationId)),
  );
  return suggestions.find((s) => s.project.id === ctx.people.second.id)?.capacityLeft ?? null;
}

const remindedOf = async (id: string) =>
  (await dueDeadlines(ctx.db, today())).filter((d) => d.caseId === id);

const actionsOn = async (id: string) =>
  (
    await ctx.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "case"), eq(auditEvents.entityId, id)))
  ).map((r) => r.action);

beforeAll(async () => {
  const { caseworker } = ctx.people.second;
  ({ caseId } = await acceptedCase(ctx, { project: "second", team: [caseworker] }));
  waitingApplicationId = (await createEligibleCase(ctx.db, ctx.people, ctx.store)).applicationId;
  // The project is full with this one case, and its annual report is overdue.
  await ctx.db
    .update(organisations)
    .set({ capacity: 1 })
    .where(eq(organisations.id, ctx.people.second.id));
  await ctx.db.update(cases).set({ annualReportDueOn: "2026-01-31" }).where(eq(cases.id, caseId));
}, 240_000);

describe("closing a case", () => {
  it("shows the lead the checklist from the case, and a caseworker no form", async () => {
    const { lead, caseworker } = ctx.people.second;
    const page = await as(lead, (tx) => getCaseClosing(tx, lead.acting, caseId));
    expect(page.checklist).toEqual({
      openLines: 3,
      papersOutstanding: 0,
      documentsToReturn: 0,
      lastLetterToClientOn: null,
    });
    expect(page.can).toEqual({ lead: true, close: true, reopen: false });
    const theirs = await as(caseworker, (tx) => getCaseClosing(tx, caseworker.acting, caseId));
    expect(theirs.can).toEqual({ lead: false, close: false, reopen: false });
  });

  it("asks for every item of the checklist, the outcome and the reasons", () => {
    const partly = CloseCaseSchema.safeParse({
      outcome: "inconclusive",
      reasons: "x",
      confirmed: ["lines", "papers"],
    });
    expect(partly.success).toBe(false);
    expect(partly.error?.issues.map((i) => i.path.join("."))).toEqual(["confirmed"]);
    const empty = CloseCaseSchema.safeParse({ reasons: "  " });
    expect(empty.error?.issues.map((i) => i.path.join(".")).sort()).toEqual([
      "confirmed",
      "outcome",
      "reasons",
    ]);
    expect(ReopenCaseSchema.safeParse({ reason: " " }).success).toBe(false);
  });

  it("refuses a caseworker, in the domain and in the database", async () => {
    const { caseworker } = ctx.people.second;
    expect(
      (await appError(as(caseworker, (tx) => closeCase(tx, caseworker.acting, caseId, closeInput))))
        .code,
    ).toBe("FORBIDDEN");
    await expectRefused(
      as(caseworker, (tx) =>
        tx.execute(sql`update cases set stage = 'closed' where id = ${caseId}::uuid`),
      ),
      /only a lead of the case's project can close or reopen/,
    );
    const [row] = await ctx.db.select().from(cases).where(eq(cases.id, caseId));
    expect(row?.stage).toBe("open");
  });

  it("closes the case: it leaves the project's capacity, its reminders and the project's open work, and the network sees it closed", async () => {
    const { lead } = ctx.people.second;
    const { coordinator } = ctx.people;
    expect(await placesLeft()).toBe(0);
    expect((await remindedOf(caseId)).map((d) => d.kind)).toContain("annual_report");
    const openBefore = await countOpenWork(ctx.db, ctx.people.second.id);

    await as(lead, (tx) => closeCase(tx, lead.acting, caseId, closeInput));

    const [row] = await ctx.db.select().from(cases).where(eq(cases.id, caseId));
    expect(row).toMatchObject({ stage: "closed", outcome: "client_withdrew" });
    expect(row?.endedAt).not.toBeNull();
    const [closure] = await ctx.db
      .select()
      .from(caseClosures)
      .where(eq(caseClosures.caseId, caseId));
    expect(closure).toMatchObject({
      outcome: "client_withdrew",
      fromStage: "open",
      closedBy: lead.id,
      checklist: { openLines: 3, papersOutstanding: 0 },
    });
    const stages = await as(lead, (tx) => getCaseStages(tx, lead.acting, caseId));
    expect(stages.events[0]?.step).toBe("closed");
    expect(stages.can.record).toBe(false);
    expect(await actionsOn(caseId)).toContain("case.closed");

    expect(await placesLeft()).toBe(1);
    expect(await remindedOf(caseId)).toEqual([]);
    expect((await countOpenWork(ctx.db, ctx.people.second.id)).cases).toBe(openBefore.cases - 1);
    const oversight = await as(coordinator, (tx) =>
      listNetworkCases(tx, coordinator.acting, { projectId: ctx.people.second.id }),
    );
    expect(oversight.cases.find((c) => c.id === caseId)).toMatchObject({
      stage: "closed",
      outcome: "client_withdrew",
      annualReportDueOn: null,
    });
  });

  it("refuses a new note on the closed case in the domain, and in raw SQL as the app role", async () => {
    const { lead, caseworker } = ctx.people.second;
    const refused = await appError(
      as(lead, (tx) => addNote(tx, lead.acting, caseId, { body: "After", needsSignOff: false })),
    );
    expect(refused.code).toBe("INVALID");
    expect(refused.message).toMatch(/closed/);
    // The pages are told, so that they say the file is read-only and draw no forms.
    const notes = await as(caseworker, (tx) => listNotes(tx, caseworker.acting, caseId));
    expect(notes.case).toMatchObject({ id: caseId, closed: true });
    for (const user of [lead, caseworker])
      await expectRefused(
        as(user, (tx) =>
          tx.execute(
            sql`insert into case_notes (case_id, author_id, body) values (${caseId}::uuid, ${user.id}::uuid, 'Slipped in')`,
          ),
        ),
        /is closed/,
      );
    await expectRefused(
      as(lead, (tx) =>
        tx.execute(sql`update case_lines set status = 'done' where case_id = ${caseId}::uuid`),
      ),
      /is closed/,
    );
    await expectRefused(
      as(lead, (tx) =>
        tx.execute(sql`update cases set summary = 'Changed' where id = ${caseId}::uuid`),
      ),
      /is closed/,
    );
    expect(await ctx.db.select().from(caseNotes).where(eq(caseNotes.caseId, caseId))).toEqual([]);
  });

  it("refuses a new task on the closed case", async () => {
    const { lead, caseworker } = ctx.people.second;
    const refused = await appError(
      as(lead, (tx) =>
        setTask(
          tx,
          lead.acting,
          referralContext(ctx.db),
          { kind: "case", id: caseId },
          { assigneeId: caseworker.id, what: "Write to the client", dueOn: addDays(today(), 3) },
        ),
      ),
    );
    expect(refused.code).toBe("INVALID");
    expect(refused.message).toMatch(/closed/);
    expect(await ctx.db.select().from(tasks).where(eq(tasks.caseId, caseId))).toEqual([]);
  });

  it("lets only a lead reopen it, with a reason; notes are accepted again", async () => {
    const { lead, caseworker } = ctx.people.second;
    const reason = { reason: "The client wrote again: he wants the project to carry on." };
    expect(
      (await appError(as(caseworker, (tx) => reopenCase(tx, caseworker.acting, caseId, reason))))
        .code,
    ).toBe("FORBIDDEN");

    await as(lead, (tx) => reopenCase(tx, lead.acting, caseId, reason));

    const [row] = await ctx.db.select().from(cases).where(eq(cases.id, caseId));
    expect(row).toMatchObject({ stage: "open", outcome: null, endedAt: null });
    const [closure] = await ctx.db
      .select()
      .from(caseClosures)
      .where(eq(caseClosures.caseId, caseId));
    expect(closure).toMatchObject({ reopenedBy: lead.id, reopenReason: reason.reason });
    expect(await actionsOn(caseId)).toContain("case.reopened");

    await as(caseworker, (tx) =>
      addNote(tx, caseworker.acting, caseId, { body: "Back at work", needsSignOff: false }),
    );
    await as(lead, (tx) =>
      tx.execute(
        sql`insert into case_notes (case_id, author_id, body) values (${caseId}::uuid, ${lead.id}::uuid, 'And in SQL')`,
      ),
    );
    expect((await ctx.db.select().from(caseNotes).where(eq(caseNotes.caseId, caseId))).length).toBe(
      2,
    );
    expect(await placesLeft()).toBe(0);
    const page = await as(lead, (tx) => getCaseClosing(tx, lead.acting, caseId));
    expect(page.can).toEqual({ lead: true, close: true, reopen: false });
  });
});

describe("the cases list's filters", () => {
  let worked: string;
  let quiet: string;
  let closed: string;
  const ids = (found: { cases: { id: string }[] }) => found.cases.map((c) => c.id);
  const find = (query: string, user = ctx.people.second.lead) =>
    as(user, (tx) => findCases(tx, user.acting, parseCaseListParams(new URLSearchParams(query))));

  beforeAll(async () => {
    const { lead, caseworker } = ctx.people.second;
    worked = (await acceptedCase(ctx, { project: "second", team: [caseworker] })).caseId;
    quiet = (await acceptedCase(ctx, { project: "second" })).caseId;
    closed = (await acceptedCase(ctx, { project: "second" })).caseId;
    await ctx.db.update(cases).set({ annualReportDueOn: "2026-01-31" }).where(eq(cases.id, worked));
    await ctx.db
      .update(cases)
      .set({
        lastActivityAt: new Date(Date.now() - 40 * 86_400_000),
        annualReportDueOn: "2099-01-01",
      })
      .where(eq(cases.id, quiet));
    await as(lead, (tx) =>
      closeCase(tx, lead.acting, closed, { ...closeInput, outcome: "claim_not_supported" }),
    );
  }, 240_000);

  it("shows open cases by default, and closed ones with their outcome when asked", async () => {
    const open = ids(await find(""));
    expect(open).toEqual(expect.arrayContaining([worked, quiet]));
    expect(open).not.toContain(closed);
    const closedList = await find("status=closed");
    expect(ids(closedList)).toEqual([closed]);
    expect(closedList.cases[0]).toMatchObject({
      outcome: "claim_not_supported",
      nextDeadlineOn: null,
    });
    expect(ids(await find("status=all&stage=closed"))).toEqual([closed]);
    expect(ids(await find("status=left"))).toEqual([]);
  });

  it("filters by team member, next deadline and quiet days", async () => {
    const { caseworker } = ctx.people.second;
    const byMember = await find(`member=${caseworker.id}`);
    expect(byMember.members.map((m) => m.id)).toContain(caseworker.id);
    expect(ids(byMember)).toContain(worked);
    expect(ids(byMember)).not.toContain(quiet);
    const overdue = ids(await find("deadline=overdue"));
    expect(overdue).toContain(worked);
    expect(overdue).not.toContain(quiet);
    expect(ids(await find("quiet=30"))).toEqual([quiet]);
    // A caseworker sees only the cases they are on, whatever the filters say.
    expect(ids(await find("status=all", caseworker))).not.toContain(quiet);
  });

  it("ignores values it does not know", () => {
    expect(
      parseCaseListParams(new URLSearchParams("status=gone&stage=x&member=1&deadline=9&quiet=-3")),
    ).toEqual({ status: "open" });
    expect(parseCaseListParams(new URLSearchParams("quiet=30&deadline=7"))).toMatchObject({
      quietDays: 30,
      deadline: "7",
    });
  });
});

import { and, eq, like, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { alertQuietCases, quietCasesWork } from "~/casework/quiet/quiet-cases.server";
import type { Config } from "~/config/config.server";
import { servicesContext } from "~/context.server";
import { anonymiseApplication } from "~/data-protection/erasure/anonymise-application.server";
import { asUser, queryRows } from "~/db/database.server";
import { applications, cases, emailOutbox, notifications, settings, tasks } from "~/db/schema";
import { loadAssessment } from "~/eligibility/load-assessment.server";
import { recommend } from "~/eligibility/recommend.server";
import { recordDecision } from "~/eligibility/record-decision.server";
import { saveAssessment } from "~/eligibility/save-assessment.server";
import { AssessmentSchema, RecommendationSchema } from "~/eligibility/schemas";
import { startAssessment } from "~/eligibility/start-assessment.server";
import type { Mailer } from "~/mail/mailer.server";
import { action as clientAction } from "~/routes/cases/client";
import { action as caseTasksAction } from "~/routes/cases/tasks";
import { SETTING_KEYS } from "~/settings/network-settings.server";
import { addDays, today } from "~/shared/dates";
import { completeTask } from "~/tasks/complete-task.server";
import { listSubjectTasks, myOpenTasks } from "~/tasks/list-tasks.server";
import { sendTaskReminders } from "~/tasks/send-task-reminders.server";
import { setTask } from "~/tasks/set-task.server";
import { tasksWork } from "~/tasks/waiting-work.server";
import { type AcceptedCase, acceptedCase, setUpCasework } from "../support/casework-scenario";
import { createUser, type TestUser } from "../support/factories";
import {
  establishmentIdOf,
  recordReadyApplication,
  referralContext,
} from "../support/referral-scenario";
import { formPost, outcomeOf, routeContext } from "../support/route-call";

/**
 * Tasks set for a colleague (ADR 029): the caseworker sees his on his home page and in his
 * e-mail; no one in another organisation sees it, through the app or in raw SQL as the app
 * role; a request for more information's chase date becomes a task for whoever asked; tasks
 * are reminded once per due date. Quiet cases are alerted once per quiet spell.
 */
const ctx = setUpCasework("tasks");
const day = today();
let mail: { mailer: Mailer; publicUrl: string };
let theCase: AcceptedCase;
let quietCase: AcceptedCase;
let offTeam: TestUser;

const mailTo = async (user: TestUser, subjectLike: string) =>
  ctx.db
    .select({ subject: emailOutbox.subject, text: emailOutbox.textBody })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.toAddress, user.email), like(emailOutbox.subject, subjectLike)));

beforeAll(async () => {
  mail = referralContext(ctx.db);
  const { second } = ctx.people;
  theCase = await acceptedCase(ctx, { project: "second", team: [second.caseworker] });
  quietCase = await acceptedCase(ctx, { project: "second" });
  offTeam = await createUser(ctx.db, [{ organisationId: second.id, roleKey: "caseworker" }]);
}, 240_000);

describe("a task on a case", () => {
  let taskId: string;
  const what = "Write to the forensic lab about retesting the jacket";

  it("reaches the caseworker's home page and his e-mail", async () => {
    const { lead, caseworker } = ctx.people.second;
    const set = await ctx.as(lead, (tx) =>
      setTask(
        tx,
        lead.acting,
        mail,
        { kind: "case", id: theCase.caseId },
        {
          assigneeId: caseworker.id,
          what,
          dueOn: addDays(day, 10),
        },
      ),
    );
    for (const d of set.deliveries) await d();
    taskId = set.taskId;
    const home = await ctx.as(caseworker, (tx) => tasksWork(tx, caseworker.acting, day));
    expect(home.count).toBe(1);
    expect(home.items[0]).toMatchObject({
      label: theCase.reference,
      href: `/cases/${theCase.caseId}/tasks`,
    });
    expect(home.items[0]?.detail).toContain(what);
    const mailed = await mailTo(caseworker, `A task for you on ${theCase.reference}%`);
    expect(mailed).toHaveLength(1);
    expect(mailed[0]?.text).toContain(what);
    expect(mailed[0]?.text).toContain(`/cases/${theCase.caseId}/tasks`);
    const [shown] = await ctx.db
      .select({ link: notifications.link })
      .from(notifications)
      .where(eq(notifications.userId, caseworker.id));
    expect(shown?.link).toBe(`/cases/${theCase.caseId}/tasks`);
    const [audited] = await queryRows<{ organisation_id: string }>(
      ctx.db,
      sql`select organisation_id from audit_events where action = 'task.set' and entity_id = ${taskId}`,
    );
    expect(audited?.organisation_id).toBe(ctx.people.second.id);
  });

  it("is seen by no one in another organisation, also in raw SQL as the app role", async () => {
    const { first, intake, coordinator } = ctx.people;
    for (const outsider of [first.lead, intake, coordinator]) {
      const raw = await ctx.as(outsider, (tx) =>
        queryRows<{ id: string }>(tx, sql`select id from tasks where id = ${taskId}`),
      );
      expect(raw).toEqual([]);
      expect((await ctx.as(outsider, (tx) => myOpenTasks(tx, outsider.acting))).total).toBe(0);
    }
    await expect(
      ctx.as(first.lead, (tx) =>
        listSubjectTasks(tx, first.lead.acting, { kind: "case", id: theCase.caseId }),
      ),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Nor may another organisation's member change it or put a task on this case.
    const changed = await ctx.as(first.lead, (tx) =>
      tx.update(tasks).set({ what: "Hijacked" }).where(eq(tasks.id, taskId)).returning(),
    );
    expect(changed).toEqual([]);
    await expect(
      ctx.as(first.lead, (tx) =>
        tx.insert(tasks).values({
          organisationId: ctx.people.second.id,
          caseId: theCase.caseId,
          assigneeId: ctx.people.second.caseworker.id,
          setBy: first.lead.id,
          what: "Planted",
          dueOn: day,
        }),
      ),
    ).rejects.toThrow();
  });

  it("is set only for someone who sees the case", async () => {
    const { lead } = ctx.people.second;
    await expect(
      ctx.as(lead, (tx) =>
        setTask(
          tx,
          lead.acting,
          mail,
          { kind: "case", id: theCase.caseId },
          {
            assigneeId: offTeam.id,
            what: "Read the file",
            dueOn: day,
          },
        ),
      ),
    ).rejects.toMatchObject({ code: "INVALID", details: { field: "assigneeId" } });
  });

  it("is reminded once as it falls due, and again if its date moves", async () => {
    const { caseworker } = ctx.people.second;
    expect(await sendTaskReminders(ctx.db, mail.mailer, mail.publicUrl, day)).toBe(0);
    const later = addDays(day, 4);
    expect(await sendTaskReminders(ctx.db, mail.mailer, mail.publicUrl, later)).toBe(1);
    expect(await sendTaskReminders(ctx.db, mail.mailer, mail.publicUrl, later)).toBe(0);
    expect(await mailTo(caseworker, `Due on % your task on ${theCase.reference}`)).toHaveLength(1);
    await ctx.db
      .update(tasks)
      .set({ dueOn: addDays(day, 12) })
      .where(eq(tasks.id, taskId));
    expect(await sendTaskReminders(ctx.db, mail.mailer, mail.publicUrl, addDays(day, 6))).toBe(1);
  });

  it("is marked done by the caseworker and leaves his home page", async () => {
    const { caseworker } = ctx.people.second;
    const listed = await ctx.as(caseworker, (tx) =>
      listSubjectTasks(tx, caseworker.acting, { kind: "case", id: theCase.caseId }),
    );
    const mine = listed.tasks.find((t) => t.id === taskId);
    expect(mine).toMatchObject({ canComplete: true, assigneeId: caseworker.id });
    await ctx.as(caseworker, (tx) =>
      completeTask(tx, caseworker.acting, taskId, mine?.version ?? 0),
    );
    const home = await ctx.as(caseworker, (tx) => tasksWork(tx, caseworker.acting, day));
    expect(home.count).toBe(0);
    await expect(
      ctx.as(caseworker, (tx) => completeTask(tx, caseworker.acting, taskId, 2)),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("a request for more information", () => {
  it("becomes a task for whoever asked, due on the chase date", async () => {
    const { intake, assessor } = ctx.people;
    const recorded = await recordReadyApplication(ctx.db, intake, {
      applicant: { fullName: "Morwenna Chase" },
      channel: "post",
      receivedOn: "2026-03-01",
      questionnaire: {},
    });
    const chaseOn = addDays(day, 28);
    await asUser(ctx.db, assessor.id, async (tx) => {
      const { id } = await startAssessment(tx, assessor.acting, recorded.applicationId);
      const saved = await saveAssessment(
        tx,
        assessor.acting,
        id,
        AssessmentSchema.parse({ version: 1 }),
      );
      await recommend(
        tx,
        assessor.acting,
        id,
        RecommendationSchema.parse({
          version: saved.version,
          recommendation: "more_information",
          informationRequested: "A copy of the judge's summing-up",
          chaseOn,
        }),
      );
      const { assessment } = await loadAssessment(tx, id);
      await recordDecision(tx, assessor.acting, ctx.store, id, {
        version: assessment.version,
        largePrint: false,
        includeNotes: false,
      });
    });
    const mine = await ctx.as(assessor, (tx) => myOpenTasks(tx, assessor.acting));
    const chase = mine.tasks.find((t) => t.reference === recorded.reference);
    expect(chase).toMatchObject({
      source: "chase",
      dueOn: chaseOn,
      href: `/applications/${recorded.applicationId}/tasks`,
    });
    expect(chase?.what).toContain("A copy of the judge's summing-up");
    // The network's own business: a project's lead does not see it.
    const { lead } = ctx.people.second;
    expect(
      await ctx.as(lead, (tx) =>
        queryRows(tx, sql`select id from tasks where application_id = ${recorded.applicationId}`),
      ),
    ).toEqual([]);
    // Anonymising the application takes its tasks with it: they say what was asked.
    await ctx.db
      .update(applications)
      .set({ state: "closed", closedReason: "withdrawn" })
      .where(eq(applications.id, recorded.applicationId));
    await ctx.db.transaction((tx) =>
      anonymiseApplication(tx, { userId: null }, recorded.applicationId, { reason: "test" }),
    );
    expect(
      await ctx.db.select().from(tasks).where(eq(tasks.applicationId, recorded.applicationId)),
    ).toEqual([]);
  });
});

describe("quiet cases", () => {
  it("alerts the coordinator and the project's lead once per quiet spell", async () => {
    const { coordinator, second } = ctx.people;
    await ctx.db
      .insert(settings)
      .values({ key: SETTING_KEYS.staleCaseDays, value: 30 })
      .onConflictDoUpdate({ target: settings.key, set: { value: 30 } });
    const quietSince = new Date(Date.now() - 40 * 86_400_000);
    await ctx.db
      .update(cases)
      .set({ lastActivityAt: quietSince })
      .where(eq(cases.id, quietCase.caseId));
    expect(await alertQuietCases(ctx.db, mail.mailer, mail.publicUrl, day)).toBe(1);
    expect(await alertQuietCases(ctx.db, mail.mailer, mail.publicUrl, day)).toBe(0);
    const subject = `Case ${quietCase.reference} has been quiet for 30 days`;
    expect(await mailTo(second.lead, subject)).toHaveLength(1);
    expect(await mailTo(coordinator, subject)).toHaveLength(1);
    expect(await mailTo(ctx.people.first.lead, subject)).toHaveLength(0);
    for (const who of [second.lead, coordinator]) {
      const [list] = await ctx.as(who, (tx) => quietCasesWork(tx, who.acting, day));
      expect(list?.items.map((i) => i.label)).toContain(quietCase.reference);
    }
    expect(
      await ctx.as(ctx.people.first.lead, (tx) =>
        quietCasesWork(tx, ctx.people.first.lead.acting, day),
      ),
    ).toMatchObject([{ count: 0 }]);
    // Worked on, then quiet again: a new spell, alerted again.
    await ctx.db
      .update(cases)
      .set({ lastActivityAt: new Date(quietSince.getTime() + 86_400_000) })
      .where(eq(cases.id, quietCase.caseId));
    expect(await alertQuietCases(ctx.db, mail.mailer, mail.publicUrl, day)).toBe(1);
  });
});

describe("the pages", () => {
  const post = (
    action: typeof caseTasksAction | typeof clientAction,
    user: TestUser,
    page: string,
    fields: Record<string, string>,
  ) => {
    const context = routeContext({ db: ctx.db } as Parameters<typeof routeContext>[0], user.acting);
    context.set(servicesContext, {
      ...context.get(servicesContext),
      mailer: mail.mailer,
      config: { publicUrl: mail.publicUrl } as Config,
    });
    return outcomeOf(() =>
      action({
        request: formPost(`/cases/${theCase.caseId}/${page}`, fields),
        params: { id: theCase.caseId },
        context,
      }),
    );
  };

  it("sets a task through the form, and refuses one without what to do", async () => {
    const { lead, caseworker } = ctx.people.second;
    const fields = { intent: "set", assigneeId: caseworker.id, dueOn: addDays(day, 3) };
    expect((await post(caseTasksAction, lead, "tasks", fields)).status).toBe(400);
    expect(
      await post(caseTasksAction, lead, "tasks", {
        ...fields,
        what: "Ring the prison's legal visits line",
      }),
    ).toEqual({ status: 302, location: `/cases/${theCase.caseId}/tasks?set=1` });
    expect(
      await mailTo(caseworker, `A task for you on ${theCase.reference}, due ${addDays(day, 3)}`),
    ).toHaveLength(1);
  });

  it("records a client's transfer through the case's Client page", async () => {
    const { caseworker } = ctx.people.second;
    const [c] = await ctx.db
      .select({ version: cases.version })
      .from(cases)
      .where(eq(cases.id, theCase.caseId));
    const leeds = await establishmentIdOf(ctx.db, "HMP Leeds");
    expect(
      await post(clientAction, caseworker, "client", {
        establishmentId: leeds,
        fromDate: day,
        version: String(c?.version),
      }),
    ).toEqual({ status: 302, location: `/cases/${theCase.caseId}/client?moved=1` });
    // Released needs the address to write to; a page read before the move is out of date.
    const noAddress = await post(clientAction, caseworker, "client", {
      establishmentId: "released",
      fromDate: day,
      version: String((c?.version ?? 0) + 1),
    });
    expect(noAddress.status).toBe(400);
    const stale = await post(clientAction, caseworker, "client", {
      establishmentId: leeds,
      fromDate: day,
      version: String(c?.version),
    });
    expect(stale.status).toBe(409);
  });
});

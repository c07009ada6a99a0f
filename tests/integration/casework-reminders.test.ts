import { and, eq, inArray, like, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { sendCaseReminders } from "~/casework/reminders/send-reminders.server";
import { addDays } from "~/casework/stages/steps";
import { queryRows } from "~/db/database.server";
import {
  caseReminders,
  caseStageEvents,
  cases,
  caseTeam,
  emailOutbox,
  memberships,
  notifications,
  referralOffers,
  users,
} from "~/db/schema";
import { type HousekeepingResult, startHousekeeping } from "~/housekeeping/housekeeping.server";
import type { Mailer } from "~/mail/mailer.server";
import { lapseAndRemindOffers } from "~/referrals/expiry.server";
import { makeOffer } from "~/referrals/offers.server";
import { today } from "~/shared/dates";
import { type AcceptedCase, acceptedCase, setUpCasework } from "../support/casework-scenario";
import { createUser, type TestUser } from "../support/factories";
import { createEligibleCase, referralContext } from "../support/referral-scenario";

/**
 * Deadline reminders sent by the hourly housekeeping: who on a case is told (its team today
 * and the project's leads), who is not (another case's caseworker, another project, an
 * ended team place or membership, a disabled account, a case no longer with the project),
 * and that each reminder goes once. Cases are accepted through the real referral path;
 * deadlines and team places are set as the owner.
 */
const ctx = setUpCasework("casework-reminders");
let mailer: Mailer;
const PUBLIC_URL = "http://clearname.test";
const day = today();

/** The second project's case with the deadlines, its other case, and the first project's. */
let caseA: AcceptedCase;
let caseB: AcceptedCase;
let caseC: AcceptedCase;
let otherWorker: TestUser;
let endedWorker: TestUser;
let leaver: TestUser;
let disabled: TestUser;

const onTeam = (caseId: string, user: TestUser, dates: { startsOn?: string; endsOn?: string }) =>
  ctx.db.insert(caseTeam).values({ caseId, userId: user.id, role: "caseworker", ...dates });

const setDeadline = (caseId: string, on: string, what: string) =>
  ctx.db.insert(caseStageEvents).values({
    caseId,
    stage: "investigating",
    occurredOn: day,
    deadlineOn: on,
    deadlineWhat: what,
  });

/** The reminders of one case a user was given: notifications and e-mails, by title. */
async function remindersOf(user: TestUser, reference: string) {
  const [account] = await ctx.db
    .select({ email: users.email })
    .from(users)
    .where(eq(users.id, user.id));
  const shown = await ctx.db
    .select({ title: notifications.title, link: notifications.link })
    .from(notifications)
    .where(
      and(eq(notifications.userId, user.id), like(notifications.title, `%for ${reference} %`)),
    );
  const mailed = await ctx.db
    .select({ subject: emailOutbox.subject, text: emailOutbox.textBody })
    .from(emailOutbox)
    .where(
      and(
        eq(emailOutbox.toAddress, account?.email ?? ""),
        like(emailOutbox.subject, `%for ${reference} %`),
      ),
    );
  return { shown, mailed };
}

const sentAudits = async () =>
  queryRows<{ details: { reminders: number; caseIds: string[] } }>(
    ctx.db,
    sql`select details from audit_events where action = 'case.reminders_sent' order by seq`,
  );

beforeAll(async () => {
  mailer = referralContext(ctx.db).mailer;
  caseA = await acceptedCase(ctx, { project: "second" });
  caseB = await acceptedCase(ctx, { project: "second" });
  caseC = await acceptedCase(ctx, { project: "first" });
  const { second } = ctx.people;
  const worker = (overrides = {}) =>
    createUser(ctx.db, [{ organisationId: second.id, roleKey: "caseworker" }], overrides);
  otherWorker = await worker();
  endedWorker = await worker();
  leaver = await worker();
  disabled = await worker();
  await onTeam(caseA.caseId, second.caseworker, {});
  await onTeam(caseA.caseId, endedWorker, { startsOn: addDays(day, -200), endsOn: day });
  await onTeam(caseA.caseId, leaver, {});
  await onTeam(caseA.caseId, disabled, {});
  await onTeam(caseB.caseId, otherWorker, {});
  // The leaver's place in the project ends today; the disabled account is switched off.
  await ctx.db
    .update(memberships)
    .set({ startsOn: addDays(day, -200), endsOn: day })
    .where(eq(memberships.userId, leaver.id));
  await ctx.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, disabled.id));
}, 240_000);

describe("deadline reminders", () => {
  const what = "Representations on the provisional statement";
  const due = addDays(day, 5);

  it("reminds the case's team and the project's leads of a deadline five days away", async () => {
    await setDeadline(caseA.caseId, due, what);
    await setDeadline(caseC.caseId, due, what);
    const before = (await sentAudits()).length;

    // The second project's caseworker and lead for case A; the first project's lead for C.
    expect(await sendCaseReminders(ctx.db, mailer, PUBLIC_URL, day)).toBe(3);

    const subject = `Reminder: ${what} for ${caseA.reference} is due on ${due}`;
    for (const user of [ctx.people.second.caseworker, ctx.people.second.lead]) {
      const { shown, mailed } = await remindersOf(user, caseA.reference);
      expect(shown).toEqual([{ title: subject, link: `/cases/${caseA.caseId}/stages` }]);
      expect(mailed.map((m) => m.subject)).toEqual([subject]);
      expect(mailed[0]?.text).toContain(`${PUBLIC_URL}/cases/${caseA.caseId}/stages`);
    }
    for (const user of [otherWorker, endedWorker, leaver, disabled, ctx.people.first.lead]) {
      const { shown, mailed } = await remindersOf(user, caseA.reference);
      expect(shown).toEqual([]);
      expect(mailed).toEqual([]);
    }
    const firstLead = await remindersOf(ctx.people.first.lead, caseC.reference);
    expect(firstLead.mailed.map((m) => m.subject)).toEqual([
      `Reminder: ${what} for ${caseC.reference} is due on ${due}`,
    ]);
    expect((await remindersOf(ctx.people.second.lead, caseC.reference)).mailed).toEqual([]);

    const audits = await sentAudits();
    expect(audits).toHaveLength(before + 1);
    expect(audits.at(-1)?.details.reminders).toBe(3);
    expect(new Set(audits.at(-1)?.details.caseIds)).toEqual(new Set([caseA.caseId, caseC.caseId]));
  });

  it("sends nothing the second time", async () => {
    const before = (await sentAudits()).length;
    const outbox = (await ctx.db.select({ id: emailOutbox.id }).from(emailOutbox)).length;
    expect(await sendCaseReminders(ctx.db, mailer, PUBLIC_URL, day)).toBe(0);
    expect((await ctx.db.select({ id: emailOutbox.id }).from(emailOutbox)).length).toBe(outbox);
    expect(await sentAudits()).toHaveLength(before);
    const { shown } = await remindersOf(ctx.people.second.lead, caseA.reference);
    expect(shown).toHaveLength(1);
  });

  it("sends nothing for a deadline twenty days away, nor for one long past", async () => {
    await setDeadline(caseB.caseId, addDays(day, 20), "Reply to the CCRC's questions");
    await setDeadline(caseB.caseId, addDays(day, -30), "Statement from the second witness");
    expect(await sendCaseReminders(ctx.db, mailer, PUBLIC_URL, day)).toBe(0);
    expect(
      await ctx.db.select().from(caseReminders).where(eq(caseReminders.caseId, caseB.caseId)),
    ).toEqual([]);
  });

  it("tells the case's people when the annual report is overdue, saying when it was due", async () => {
    const was = addDays(day, -3);
    await ctx.db.update(cases).set({ annualReportDueOn: was }).where(eq(cases.id, caseA.caseId));
    expect(await sendCaseReminders(ctx.db, mailer, PUBLIC_URL, day)).toBe(2);
    const subject = `Overdue: Annual case report to the network for ${caseA.reference} was due on ${was}`;
    for (const user of [ctx.people.second.caseworker, ctx.people.second.lead]) {
      const { shown, mailed } = await remindersOf(user, caseA.reference);
      expect(shown).toContainEqual({ title: subject, link: `/cases/${caseA.caseId}` });
      expect(mailed.filter((m) => m.subject === subject)).toHaveLength(1);
    }
    expect((await remindersOf(otherWorker, caseA.reference)).shown).toEqual([]);
  });

  it("sends nothing for a case no longer with the project", async () => {
    await ctx.db
      .update(cases)
      .set({ stage: "handed_back", endedAt: new Date(), nextProgressLetterOn: day })
      .where(eq(cases.id, caseB.caseId));
    await setDeadline(caseB.caseId, addDays(day, 2), "Hearing bundle to the court");
    expect(await sendCaseReminders(ctx.db, mailer, PUBLIC_URL, day)).toBe(0);
    expect((await remindersOf(otherWorker, caseB.reference)).shown).toEqual([]);
    expect((await remindersOf(ctx.people.second.lead, caseB.reference)).mailed).toEqual([]);
  });

  it("is run by the hourly housekeeping, which counts what it sent", async () => {
    await setDeadline(caseA.caseId, addDays(day, 1), "Skeleton argument to the court");
    const results: (HousekeepingResult | { error: unknown })[] = [];
    const housekeeping = startHousekeeping({
      db: ctx.db,
      dataDir: ctx.storeDir,
      mailer,
      publicUrl: PUBLIC_URL,
      log: (result) => results.push(result),
    });
    await housekeeping.stop();
    expect(results).toEqual([expect.objectContaining({ caseReminders: 2 })]);
    const told = await ctx.db
      .select({ userId: caseReminders.userId })
      .from(caseReminders)
      .where(
        and(
          eq(caseReminders.caseId, caseA.caseId),
          inArray(caseReminders.what, ["Skeleton argument to the court"]),
        ),
      );
    expect(new Set(told.map((t) => t.userId))).toEqual(
      new Set([ctx.people.second.caseworker.id, ctx.people.second.lead.id]),
    );
  });
});

describe("offer reminders and lapses, through the same helper that tells a project's leads", () => {
  it("reminds the project's leads of an offer about to end, and tells coordinators when it lapses", async () => {
    const { coordinator, first, second } = ctx.people;
    const eligible = await createEligibleCase(ctx.db, ctx.people, ctx.store);
    const ends = addDays(day, 2);
    const { offerId } = await ctx.as(coordinator, (tx) =>
      makeOffer(tx, coordinator.acting, referralContext(ctx.db), {
        applicationId: eligible.applicationId,
        projectId: first.id,
        summary: `Robbery conviction of ${eligible.fullName} resting on one identification.`,
        documentIds: [eligible.documentId],
        expiresOn: ends,
      }),
    );
    const told = async (user: TestUser, link: string) => {
      const shown = await ctx.db
        .select({ title: notifications.title })
        .from(notifications)
        .where(and(eq(notifications.userId, user.id), eq(notifications.link, link)));
      const mailed = await ctx.db
        .select({ subject: emailOutbox.subject })
        .from(emailOutbox)
        .where(
          and(
            eq(emailOutbox.toAddress, user.email),
            like(emailOutbox.textBody, `%${PUBLIC_URL}${link}`),
          ),
        );
      return { shown: shown.map((n) => n.title), mailed: mailed.map((m) => m.subject) };
    };

    expect(await lapseAndRemindOffers(ctx.db, mailer, PUBLIC_URL, day)).toEqual({
      lapsed: 0,
      reminded: 1,
    });
    const reminder = `Reminder: an offer to your project ends on ${ends}`;
    const leadTold = await told(first.lead, `/offers/${offerId}`);
    expect(leadTold.shown.filter((t) => t === reminder)).toHaveLength(1);
    expect(leadTold.mailed.filter((t) => t === reminder)).toHaveLength(1);
    expect(await told(second.lead, `/offers/${offerId}`)).toEqual({ shown: [], mailed: [] });

    await ctx.db
      .update(referralOffers)
      .set({ expiresOn: addDays(day, -1) })
      .where(eq(referralOffers.id, offerId));
    expect(await lapseAndRemindOffers(ctx.db, mailer, PUBLIC_URL, day)).toEqual({
      lapsed: 1,
      reminded: 0,
    });
    const lapsed = "An offer lapsed without an answer";
    expect(await told(coordinator, `/referrals/${eligible.applicationId}`)).toMatchObject({
      shown: expect.arrayContaining([lapsed]),
      mailed: expect.arrayContaining([lapsed]),
    });
    expect((await told(first.lead, `/referrals/${eligible.applicationId}`)).shown).toEqual([]);
  });
});

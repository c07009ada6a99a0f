import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { openCase } from "~/casework/case-access.server";
import { addNote } from "~/casework/notes/notes.server";
import { endOfAcademicYear } from "~/casework/team/academic-year";
import { assignToCase } from "~/casework/team/case-team.server";
import { writeOwnHandoverNote } from "~/casework/year-end/handover-note.server";
import { getHandoverPack } from "~/casework/year-end/handover-pack.server";
import { renderHandoverPackPdf } from "~/casework/year-end/handover-pack-pdf.server";
import { HANDOVER_TASK_WHAT } from "~/casework/year-end/rules";
import {
  addNextMember,
  askForHandoverNotes,
  getYearEnd,
  setMemberEnd,
} from "~/casework/year-end/year-end.server";
import { auditEvents, caseTeam, emailOutbox, tasks } from "~/db/schema";
import { action as yearEndAction } from "~/routes/organisations.$id.year-end";
import { addDays, today } from "~/shared/dates";
import { type AcceptedCase, acceptedCase, setUpCasework } from "../support/casework-scenario";
import { createUser, type TestUser } from "../support/factories";
import { appError } from "../support/intake";
import { mailboxMailer } from "../support/mailbox";
import { NEEDS_PDFTOTEXT, PDFTOTEXT, pdfText } from "../support/read-documents";
import { LINES } from "../support/referral-scenario";
import { formPost, outcomeOf, routeContext } from "../support/route-call";

/**
 * The year-end roll-over: who leaves each open case, whose hand-over note is missing, the
 * request for notes sent once, the next cohort put on a case from a later day, and the pack.
 */
const ctx = setUpCasework("year-end");
const { as } = ctx;
const yearEnd = endOfAcademicYear(today());
let caseA: AcceptedCase;
let caseB: AcceptedCase;
/** Leaves both cases at the end of the year. */
let leaver: TestUser;
/** Stays on case A into next year. */
let stayer: TestUser;
/** Of the next cohort: joins case A next month. */
let newcomer: TestUser;

const lead = () => ctx.people.second.lead;
const mail = () => ({ ...mailboxMailer(ctx.db), publicUrl: "https://clearname.example" });

beforeAll(async () => {
  const projectId = ctx.people.second.id;
  leaver = ctx.people.second.caseworker;
  stayer = await createUser(ctx.db, [{ organisationId: projectId, roleKey: "caseworker" }]);
  newcomer = await createUser(ctx.db, [{ organisationId: projectId, roleKey: "caseworker" }]);
  caseA = await acceptedCase(ctx, { project: "second" });
  caseB = await acceptedCase(ctx, { project: "second" });
  await as(lead(), async (tx) => {
    for (const c of [caseA, caseB])
      await assignToCase(tx, lead().acting, c.caseId, { userId: leaver.id, endsOn: yearEnd });
    await assignToCase(tx, lead().acting, caseA.caseId, {
      userId: stayer.id,
      endsOn: addDays(yearEnd, 365),
    });
  });
}, 240_000);

const yearEndAs = (user: TestUser) =>
  as(user, (tx) => getYearEnd(tx, user.acting, ctx.people.second.id, yearEnd));

const memberOn = async (c: AcceptedCase, user: TestUser) => {
  const page = await yearEndAs(lead());
  return page.cases.find((x) => x.id === c.caseId)?.team.find((m) => m.userId === user.id);
};

describe("the year-end page", () => {
  it("lists every open case with who leaves by the year's end and their missing notes", async () => {
    const page = await yearEndAs(lead());
    expect(page.cases.map((c) => c.reference).sort()).toEqual(
      [caseA.reference, caseB.reference].sort(),
    );
    expect(await memberOn(caseA, leaver)).toMatchObject({ outgoing: true, noteWritten: false });
    expect(await memberOn(caseA, stayer)).toMatchObject({ outgoing: false });
    expect(page.missingNotes).toBe(2);
    const viewed = await ctx.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, "case.year_end_viewed"), eq(auditEvents.entityId, caseA.caseId)),
      );
    expect(viewed.length).toBeGreaterThan(0);
  });

  it("counts only a hand-over note, not any note of the leaver's", async () => {
    await as(leaver, (tx) =>
      addNote(tx, leaver.acting, caseA.caseId, { body: "Called the lab", needsSignOff: false }),
    );
    expect(await memberOn(caseA, leaver)).toMatchObject({ noteWritten: false });
  });

  it("is refused to a caseworker, and not found by another project's lead", async () => {
    expect((await appError(yearEndAs(leaver))).code).toBe("FORBIDDEN");
    expect((await appError(yearEndAs(ctx.people.first.lead))).code).toBe("NOT_FOUND");
  });
});

describe("asking for hand-over notes", () => {
  it("sets a task per case and sends one e-mail per leaver, once", async () => {
    const first = mail();
    const asked = await as(lead(), (tx) =>
      askForHandoverNotes(tx, lead().acting, first, ctx.people.second.id, yearEnd),
    );
    for (const deliver of asked.deliveries) await deliver();
    expect({ people: asked.people, cases: asked.cases }).toEqual({ people: 1, cases: 2 });
    const outbox = await ctx.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.toAddress, leaver.email));
    expect(outbox).toHaveLength(1);
    expect(outbox[0]?.subject).toBe("Please write your hand-over notes for 2 cases");
    expect(outbox[0]?.textBody).toContain(caseA.reference);
    expect(outbox[0]?.textBody).toContain(caseB.reference);
    expect(first.delivered.map((m) => m.to)).toEqual([leaver.email]);

    const again = await as(lead(), (tx) =>
      askForHandoverNotes(tx, lead().acting, mail(), ctx.people.second.id, yearEnd),
    );
    expect(again.people).toBe(0);
    expect(
      await ctx.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, leaver.email)),
    ).toHaveLength(1);
    const asks = await ctx.db
      .select()
      .from(tasks)
      .where(and(eq(tasks.assigneeId, leaver.id), eq(tasks.what, HANDOVER_TASK_WHAT)));
    expect(asks).toHaveLength(2);
    expect(asks.every((t) => t.dueOn === addDays(yearEnd, -1))).toBe(true);
    const audited = await ctx.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "organisation.handover_notes_requested"));
    expect(audited).toHaveLength(1);
  });

  it("marks the note written and its task done when the leaver writes it", async () => {
    await as(leaver, (tx) =>
      writeOwnHandoverNote(
        tx,
        leaver.acting,
        caseA.caseId,
        "The jacket went to the lab in May; chase the result in September.",
      ),
    );
    expect(await memberOn(caseA, leaver)).toMatchObject({ noteWritten: true });
    expect(await memberOn(caseB, leaver)).toMatchObject({ noteWritten: false });
    expect((await yearEndAs(lead())).missingNotes).toBe(1);
    const [done] = await ctx.db
      .select()
      .from(tasks)
      .where(and(eq(tasks.caseId, caseA.caseId), eq(tasks.what, HANDOVER_TASK_WHAT)));
    expect(done?.doneAt).not.toBeNull();
  });
});

describe("the next cohort", () => {
  it("puts a newcomer on a case from a later day, until the end of that academic year", async () => {
    const startsOn = addDays(today(), 30);
    await as(lead(), (tx) =>
      addNextMember(tx, lead().acting, ctx.people.second.id, {
        caseId: caseA.caseId,
        userId: newcomer.id,
        startsOn,
      }),
    );
    const [row] = await ctx.db
      .select()
      .from(caseTeam)
      .where(and(eq(caseTeam.caseId, caseA.caseId), eq(caseTeam.userId, newcomer.id)));
    expect(row).toMatchObject({ startsOn, endsOn: endOfAcademicYear(startsOn) });
    // Not on the case before their first day.
    expect(
      (await appError(as(newcomer, (tx) => openCase(tx, newcomer.acting, caseA.caseId)))).code,
    ).toBe("NOT_FOUND");
  });

  it("refuses an end date that would end access today, and a case of another project", async () => {
    const refused = await appError(
      as(lead(), (tx) =>
        setMemberEnd(tx, lead().acting, ctx.people.second.id, {
          caseId: caseB.caseId,
          userId: leaver.id,
          endsOn: today(),
        }),
      ),
    );
    expect(refused.code).toBe("INVALID");
    await as(lead(), (tx) =>
      setMemberEnd(tx, lead().acting, ctx.people.second.id, {
        caseId: caseB.caseId,
        userId: leaver.id,
        endsOn: addDays(yearEnd, -10),
      }),
    );
    expect(await memberOn(caseB, leaver)).toMatchObject({ endsOn: addDays(yearEnd, -10) });
    const elsewhere = await acceptedCase(ctx, { project: "first" });
    const wrong = await appError(
      as(lead(), (tx) =>
        addNextMember(tx, lead().acting, ctx.people.second.id, {
          caseId: elsewhere.caseId,
          userId: newcomer.id,
          startsOn: today(),
        }),
      ),
    );
    expect(wrong.code).toBe("NOT_FOUND");
  });
});

describe("the hand-over pack", () => {
  it.skipIf(!PDFTOTEXT)(
    `prints the reference, the open lines and the latest hand-over note (${NEEDS_PDFTOTEXT})`,
    async () => {
      const pack = await as(leaver, (tx) => getHandoverPack(tx, leaver.acting, caseA.caseId));
      const text = pdfText(await renderHandoverPackPdf(pack, today())).replace(/\s+/g, " ");
      expect(text).toContain(`Hand-over pack: ${caseA.reference}`);
      expect(text).toContain(caseA.fullName);
      for (const line of LINES) expect(text).toContain(line.description);
      expect(text).toContain("The jacket went to the lab in May");
      const packB = await as(leaver, (tx) => getHandoverPack(tx, leaver.acting, caseB.caseId));
      const textB = pdfText(await renderHandoverPackPdf(packB, today())).replace(/\s+/g, " ");
      expect(textB).toContain(caseB.reference);
      expect(textB).toContain(HANDOVER_TASK_WHAT.slice(0, 40));
      const printed = await ctx.db
        .select()
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.action, "case.handover_pack_printed"),
            eq(auditEvents.entityId, caseA.caseId),
          ),
        );
      expect(printed).toHaveLength(1);
    },
  );

  it("is not found for someone off the case's team", async () => {
    expect(
      (await appError(as(newcomer, (tx) => getHandoverPack(tx, newcomer.acting, caseB.caseId))))
        .code,
    ).toBe("NOT_FOUND");
  });
});

describe("the year-end page's forms", () => {
  const post = (fields: Record<string, string>) =>
    outcomeOf(() =>
      yearEndAction({
        request: formPost(`/organisations/${ctx.people.second.id}/year-end`, fields),
        params: { id: ctx.people.second.id },
        context: routeContext({ db: ctx.db } as Parameters<typeof routeContext>[0], lead().acting),
        unstable_pattern: "",
      } as Parameters<typeof yearEndAction>[0]),
    );

  it("refuses a first day in the past on its field, and keeps the year shown after a change", async () => {
    const refused = await post({
      intent: "add",
      caseId: caseB.caseId,
      userId: stayer.id,
      startsOn: addDays(today(), -1),
    });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.data)).toContain("startsOn");

    const chosen = addDays(yearEnd, -31);
    const done = await post({
      intent: "add",
      yearEnd: chosen,
      caseId: caseB.caseId,
      userId: stayer.id,
      startsOn: today(),
      endsOn: addDays(yearEnd, 365),
    });
    expect(done.status).toBe(302);
    expect(done.location).toBe(
      `/organisations/${ctx.people.second.id}/year-end?yearEnd=${chosen}&added=1`,
    );
  });

  it("answers a case id that is not an id as a bad request", async () => {
    const bad = await post({
      intent: "end",
      caseId: "not-an-id",
      userId: leaver.id,
      endsOn: yearEnd,
    });
    expect(bad.status).toBe(400);
  });
});

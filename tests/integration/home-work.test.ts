import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { addNote } from "~/casework/notes/notes.server";
import { caseworkWork } from "~/casework/overview/waiting-work.server";
import { asSystem, asUser } from "~/db/database.server";
import { applications, caseLines } from "~/db/schema";
import { assessorWork } from "~/eligibility/queue/waiting-work.server";
import { startAssessment } from "~/eligibility/start-assessment.server";
import { ApplicantSchema } from "~/intake/applicant-schema";
import { intakeWork } from "~/intake/queue/waiting-work.server";
import { recordApplication } from "~/intake/record-application.server";
import { makeOffer } from "~/referrals/offers.server";
import { coordinatorWork, offersWork } from "~/referrals/waiting-work.server";
import { addDays, today } from "~/shared/dates";
import type { WorkList } from "~/shared/work-list";
import { type AcceptedCase, acceptedCase, setUpCasework } from "../support/casework-scenario";
import type { TestUser } from "../support/factories";
import { createEligibleCase, referralContext } from "../support/referral-scenario";

/**
 * The home page's lists of waiting work, each read by its own domain as the user under
 * row-level security: intake's new applications, acknowledgements due and overdue and scans
 * to file; an assessor's assessments; the coordinator's cases awaiting referral and offers
 * about to lapse; a lead's offers, notes to sign off; a caseworker's deadlines and lines.
 */
const ctx = setUpCasework("home-work");
const day = today();
const refs: Record<string, string> = {};
let accepted: AcceptedCase;

const list = (lists: WorkList[], key: string) => {
  const found = lists.find((l) => l.key === key);
  if (!found) throw new Error(`no list ${key} in ${lists.map((l) => l.key).join(", ")}`);
  return found;
};
const labels = (l: WorkList) => l.items.map((i) => i.label);

async function received(name: string, set: Partial<typeof applications.$inferInsert>) {
  const { intake } = ctx.people;
  const recorded = await asUser(ctx.db, intake.id, (tx) =>
    recordApplication(
      tx,
      { userId: intake.id },
      {
        applicant: ApplicantSchema.parse({ fullName: `${name} Home` }),
        channel: "post",
        receivedOn: set.receivedOn ?? day,
        questionnaire: {},
      },
    ),
  );
  await asSystem(ctx.db, (tx) =>
    tx.update(applications).set(set).where(eq(applications.id, recorded.applicationId)),
  );
  refs[name] = recorded.reference;
  return recorded.applicationId;
}

beforeAll(async () => {
  const { people, db, store } = ctx;
  await received("new", { acknowledgementDueOn: addDays(day, 3) });
  await received("overdue", {
    receivedOn: addDays(day, -30),
    acknowledgementDueOn: addDays(day, -2),
  });
  await received("draft", { isDraft: true });
  const ready = await received("ready", { state: "ready_for_assessment", acknowledgedOn: day });
  await asUser(db, people.assessor.id, (tx) => startAssessment(tx, people.assessor.acting, ready));
  const waiting = await createEligibleCase(db, people, store);
  refs.waiting = waiting.reference;
  const lapsing = await createEligibleCase(db, people, store);
  refs.lapsing = lapsing.reference;
  await asUser(db, people.coordinator.id, (tx) =>
    makeOffer(tx, people.coordinator.acting, referralContext(db), {
      applicationId: lapsing.applicationId,
      projectId: people.first.id,
      summary: "Robbery conviction resting on one identification.",
      documentIds: [lapsing.documentId],
      expiresOn: addDays(day, 1),
    }),
  );
  const { caseworker, lead } = people.second;
  accepted = await acceptedCase(ctx, { project: "second", team: [caseworker] });
  await db
    .update(caseLines)
    .set({ ownerId: caseworker.id })
    .where(eq(caseLines.caseId, accepted.caseId));
  await asUser(db, caseworker.id, (tx) =>
    addNote(tx, caseworker.acting, accepted.caseId, {
      body: "Letter to the CPS",
      needsSignOff: true,
    }),
  );
  // The lead's own note waits for another lead, not for her.
  await asUser(db, lead.id, (tx) =>
    addNote(tx, lead.acting, accepted.caseId, { body: "Her own letter", needsSignOff: true }),
  );
}, 360_000);

const work = (user: TestUser, read: typeof intakeWork) =>
  asUser(ctx.db, user.id, (tx) => read(tx, user.acting, day));

describe("what waits for each person on their home page", () => {
  it("intake: new applications, acknowledgements due and overdue, scans to file", async () => {
    const lists = await work(ctx.people.intake, intakeWork);
    expect(lists.map((l) => l.key)).toEqual([
      "new-applications",
      "acknowledgements-due",
      "acknowledgements-overdue",
      "scans-to-file",
    ]);
    expect(labels(list(lists, "new-applications"))).toContain(refs.new);
    expect(labels(list(lists, "new-applications"))).not.toContain(refs.draft);
    expect(labels(list(lists, "acknowledgements-due"))).toContain(refs.new);
    const overdue = list(lists, "acknowledgements-overdue");
    expect(labels(overdue)).toEqual([refs.overdue]);
    expect(overdue.count).toBe(1);
    expect(overdue.queueHref).toBe("/applications?overdue=1&sort=due_asc");
    expect(labels(list(lists, "scans-to-file"))).toEqual([refs.draft]);
    for (const l of lists) expect(l.count).toBeGreaterThanOrEqual(l.items.length);
  });

  it("an assessor: the assessments in their name", async () => {
    const { assessor } = ctx.people;
    const mine = list(await work(assessor, assessorWork), "my-assessments");
    expect(labels(mine)).toContain(refs.ready);
    expect(mine.items.find((i) => i.label === refs.ready)?.href).toMatch(/^\/assessments\//);
    expect(mine.queueHref).toBe(`/assessments?assignee=${assessor.id}`);
  });

  it("the coordinator: cases awaiting referral and offers about to lapse", async () => {
    const lists = await work(ctx.people.coordinator, coordinatorWork);
    expect(labels(list(lists, "awaiting-referral"))).toContain(refs.waiting);
    expect(labels(list(lists, "awaiting-referral"))).not.toContain(refs.lapsing);
    const lapsing = list(lists, "offers-lapsing");
    expect(labels(lapsing)).toEqual([refs.lapsing]);
    expect(lapsing.items[0]?.detail).toContain(`lapses ${addDays(day, 1)}`);
  });

  it("a lead: the offers to answer and the notes of others to sign off", async () => {
    const { first, second } = ctx.people;
    const offers = list(
      await asUser(ctx.db, first.lead.id, (tx) => offersWork(tx, first.lead.acting)),
      "offers-to-answer",
    );
    expect(labels(offers)).toContain(refs.lapsing);
    const lists = await work(second.lead, caseworkWork);
    const notes = list(lists, "notes-to-sign-off");
    expect(notes.items.map((i) => i.detail)).toEqual([
      expect.stringContaining("Letter to the CPS"),
    ]);
    expect(notes.count).toBe(1);
  });

  it("a caseworker: deadlines and open lines, and nothing of the network's work", async () => {
    const { caseworker } = ctx.people.second;
    const lists = await work(caseworker, caseworkWork);
    expect(lists.map((l) => l.key)).toEqual(["deadlines", "open-lines"]);
    expect(labels(list(lists, "deadlines"))).toContain(accepted.reference);
    const lines = list(lists, "open-lines");
    expect(lines.count).toBe(3);
    expect(lines.items[0]?.href).toMatch(new RegExp(`^/cases/${accepted.caseId}/lines/`));
    expect(await work(caseworker, intakeWork)).toEqual([]);
    expect(await work(caseworker, assessorWork)).toEqual([]);
    expect(await work(caseworker, coordinatorWork)).toEqual([]);
    expect(await work(ctx.people.intake, caseworkWork)).toEqual([]);
  });
});

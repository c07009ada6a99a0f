import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asUser, type Database } from "~/db/database.server";
import {
  applications,
  assessments,
  auditEvents,
  ineligibilityReasons,
  settings,
  suspectedCauses,
} from "~/db/schema";
import {
  addListEntry,
  getListEntry,
  listAssessmentLists,
  moveListEntry,
  setEligibleRequiresReview,
  setListEntryActive,
  updateListEntry,
} from "~/eligibility/admin/manage-assessment-lists.server";
import { slugify } from "~/eligibility/admin/schemas";
import { parsePeriod } from "~/eligibility/dashboard/dashboard-params";
import { getEligibilityFigures } from "~/eligibility/dashboard/eligibility-figures.server";
import { assignAssessments } from "~/eligibility/queue/assign-assessments.server";
import { listAssessmentQueue } from "~/eligibility/queue/list-assessment-queue.server";
import {
  type AssessmentQueueFilters,
  parseAssessmentQueueParams,
} from "~/eligibility/queue/queue-params";
import { assessorWorkload } from "~/eligibility/queue/workload.server";
import { assessmentOptions, reviewPolicy } from "~/eligibility/reference-data.server";
import { isUrgent } from "~/eligibility/rules";
import { startAssessment } from "~/eligibility/start-assessment.server";
import { AppError } from "~/errors/app-error";
import { today as todayIso } from "~/shared/dates";
import { expectRefused } from "../support/errors";
import { createNetwork, createUser, type TestUser } from "../support/factories";
import { createTestDatabase } from "../support/test-database";
import { type RecordOptions, record, setState, uniqueSurname } from "./intake-queue-helpers";

let database: Database;
let networkId: string;
let intake: TestUser;
let assessor: TestUser;
let admin: TestUser;
beforeAll(async () => {
  database = await createTestDatabase();
  const network = await createNetwork(database.db);
  networkId = network.id;
  intake = await createUser(database.db, [
    { organisationId: networkId, roleKey: "intake_officer" },
  ]);
  assessor = await createUser(database.db, [{ organisationId: networkId, roleKey: "assessor" }]);
  admin = await createUser(database.db, [{ organisationId: networkId, roleKey: "administrator" }]);
});
afterAll(async () => {
  await database?.close();
});

const today = todayIso();
function daysAgo(n: number): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}

const newAssessor = () =>
  createUser(database.db, [{ organisationId: networkId, roleKey: "assessor" }]);

/** An application ready for assessment, received on `receivedOn`. */
async function ready(o: Partial<RecordOptions> & { receivedOn: string }) {
  const app = await record(database, intake, { fullName: `A ${uniqueSurname()}`, ...o });
  await setState(database, app.applicationId, "ready_for_assessment");
  return app;
}

type Open = Partial<typeof assessments.$inferInsert>;

/** An application with an open assessment by `by`, then set (as the owner) to `fields`. */
async function opened(
  by: TestUser,
  receivedOn: string,
  fields: Open = {},
  o: Partial<RecordOptions> = {},
) {
  const app = await ready({ receivedOn, ...o });
  const { id } = await asUser(database.db, by.id, (tx) =>
    startAssessment(tx, by.acting, app.applicationId),
  );
  if (Object.keys(fields).length > 0)
    await database.db.update(assessments).set(fields).where(eq(assessments.id, id));
  return { ...app, assessmentId: id };
}

function queue(user: TestUser, filters: AssessmentQueueFilters = {}, page = 1) {
  return asUser(database.db, user.id, (tx) =>
    listAssessmentQueue(tx, user.acting, { filters, page }),
  );
}

/** The application ids the queue lists with these filters, over every page. */
async function queueIds(user: TestUser, filters: AssessmentQueueFilters = {}) {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const p = await queue(user, filters, page);
    ids.push(...p.rows.map((r) => r.applicationId));
    if (page >= p.pages) return ids;
  }
}

describe("the assessment queue", () => {
  it("puts urgent applications first, then the oldest, as rules.isUrgent decides", async () => {
    const old = await ready({ receivedOn: "2020-01-01" });
    const urgent = await ready({ receivedOn: daysAgo(2), convictionDate: daysAgo(10) });
    const pastWindow = await ready({ receivedOn: daysAgo(3), convictionDate: daysAgo(40) });
    const flagged = await opened(assessor, daysAgo(1), { flags: ["appeal_window_open"] });
    const sentenced = await opened(assessor, daysAgo(1), {
      convictionDate: daysAgo(60),
      sentenceDate: daysAgo(5),
    });

    const page = await queue(assessor);
    const rows = page.rows;
    const at = (id: string) => rows.findIndex((r) => r.applicationId === id);
    for (const app of [old, urgent, pastWindow, flagged, sentenced])
      expect(at(app.applicationId)).toBeGreaterThanOrEqual(0);
    expect(at(urgent.applicationId)).toBeLessThan(at(old.applicationId));
    expect(at(flagged.applicationId)).toBeLessThan(at(old.applicationId));
    expect(at(sentenced.applicationId)).toBeLessThan(at(pastWindow.applicationId));
    expect(rows[at(urgent.applicationId)]?.urgent).toBe(true);
    expect(rows[at(pastWindow.applicationId)]?.urgent).toBe(false);
    expect(rows[at(old.applicationId)]).toMatchObject({
      urgent: false,
      status: "not_started",
      assessorId: null,
      reference: old.reference,
    });
    expect(rows[at(flagged.applicationId)]).toMatchObject({
      urgent: true,
      status: "draft",
      assessorId: assessor.id,
      assessmentId: flagged.assessmentId,
    });
    expect(rows[at(old.applicationId)]?.ageDays).toBeGreaterThan(365);

    // The SQL agrees with the rule for every row, and the whole page is in order.
    for (const r of rows) expect(r.urgent, r.reference).toBe(isUrgent(r, today));
    const keys = rows.map((r) => [r.urgent ? 0 : 1, r.receivedOn] as const);
    const inOrder = [...keys].sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
    expect(keys).toEqual(inOrder);

    const urgentOnly = await queueIds(assessor, { urgent: true });
    expect(urgentOnly).toEqual(
      expect.arrayContaining([
        urgent.applicationId,
        flagged.applicationId,
        sentenced.applicationId,
      ]),
    );
    expect(urgentOnly).not.toContain(old.applicationId);
    expect(urgentOnly).not.toContain(pastWindow.applicationId);
  });

  it("narrows by assessor, jurisdiction, offence type, review, status and age", async () => {
    const [first, second] = [await newAssessor(), await newAssessor()];
    const scottish = await opened(first, daysAgo(200), {
      jurisdiction: "scotland",
      offenceType: "homicide",
    });
    const inReview = await opened(second, daysAgo(10), {
      jurisdiction: "england_wales",
      offenceType: "fraud",
      status: "in_review",
    });
    const notStarted = await ready({ receivedOn: daysAgo(100) });
    const chaseDue = await record(database, intake, {
      fullName: `C ${uniqueSurname()}`,
      receivedOn: daysAgo(60),
    });
    const chaseLater = await record(database, intake, {
      fullName: `D ${uniqueSurname()}`,
      receivedOn: daysAgo(60),
    });
    await database.db
      .update(applications)
      .set({ state: "awaiting_information", chaseOn: daysAgo(1) })
      .where(eq(applications.id, chaseDue.applicationId));
    await database.db
      .update(applications)
      .set({ state: "awaiting_information", chaseOn: daysAgo(-5) })
      .where(eq(applications.id, chaseLater.applicationId));
    const draftEntry = await record(database, intake, {
      fullName: `E ${uniqueSurname()}`,
      receivedOn: daysAgo(100),
      isDraft: true,
    });
    await setState(database, draftEntry.applicationId, "ready_for_assessment");
    const decided = await opened(first, daysAgo(300), { status: "decided", decidedAt: new Date() });

    const all = await queueIds(assessor);
    expect(all).toEqual(
      expect.arrayContaining([
        scottish.applicationId,
        inReview.applicationId,
        notStarted.applicationId,
        chaseDue.applicationId,
      ]),
    );
    for (const absent of [chaseLater, draftEntry, decided])
      expect(all).not.toContain(absent.applicationId);

    expect(await queueIds(assessor, { assignee: first.id })).toEqual([scottish.applicationId]);
    expect(await queueIds(assessor, { assignee: second.id })).toEqual([inReview.applicationId]);
    const nobody = await queueIds(assessor, { assignee: "none" });
    expect(nobody).toEqual(
      expect.arrayContaining([notStarted.applicationId, chaseDue.applicationId]),
    );
    expect(nobody).not.toContain(scottish.applicationId);

    const scotland = await queueIds(assessor, { jurisdiction: "scotland" });
    expect(scotland).toContain(scottish.applicationId);
    expect(scotland).not.toContain(inReview.applicationId);
    expect(scotland).not.toContain(notStarted.applicationId);

    const fraud = await queueIds(assessor, { offenceType: "fraud" });
    expect(fraud).toContain(inReview.applicationId);
    expect(fraud).not.toContain(scottish.applicationId);

    const review = await queueIds(assessor, { reviewNeeded: true });
    expect(review).toContain(inReview.applicationId);
    expect(review).not.toContain(scottish.applicationId);
    const reviewPage = await queue(assessor, { reviewNeeded: true });
    expect(reviewPage.rows.every((r) => r.reviewNeeded && r.status === "in_review")).toBe(true);

    const notStartedIds = await queueIds(assessor, { status: "not_started" });
    expect(notStartedIds).toContain(notStarted.applicationId);
    expect(notStartedIds).not.toContain(chaseDue.applicationId);
    expect(await queueIds(assessor, { status: "chase_due" })).toContain(chaseDue.applicationId);

    const older = await queueIds(assessor, { olderThanDays: 150 });
    expect(older).toContain(scottish.applicationId);
    expect(older).not.toContain(notStarted.applicationId);
    expect(older).not.toContain(inReview.applicationId);

    // Filters combine.
    expect(await queueIds(assessor, { assignee: first.id, jurisdiction: "england_wales" })).toEqual(
      [],
    );
    const counted = await queue(assessor, { assignee: first.id });
    expect(counted.total).toBe(1);
  });

  it("reads its filters from the address, and reports an age that is not a number", () => {
    const { request, errors } = parseAssessmentQueueParams(
      new URLSearchParams(
        "urgent=1&olderThan=30&assignee=none&jurisdiction=scotland&offenceType=fraud&review=1&status=draft&page=2",
      ),
    );
    expect(errors).toEqual([]);
    expect(request).toEqual({
      filters: {
        urgent: true,
        olderThanDays: 30,
        assignee: "none",
        jurisdiction: "scotland",
        offenceType: "fraud",
        reviewNeeded: true,
        status: "draft",
      },
      page: 2,
    });
    const bad = parseAssessmentQueueParams(
      new URLSearchParams("olderThan=soon&jurisdiction=mars&assignee=x' or 1=1"),
    );
    expect(bad.errors.map((e) => e.field)).toEqual(["olderThan"]);
    expect(bad.request.filters.jurisdiction).toBeUndefined();
    expect(bad.request.filters.assignee).toBeUndefined();
  });

  it("pages 50 at a time", async () => {
    const total = (await queue(assessor)).total;
    if (total <= 50) {
      // Enough to need a second page.
      for (let i = total; i <= 50; i++) await ready({ receivedOn: daysAgo(500 + i) });
    }
    const first = await queue(assessor);
    const second = await queue(assessor, {}, 2);
    expect(first.rows).toHaveLength(50);
    expect(first.pages).toBeGreaterThanOrEqual(2);
    expect(second.page).toBe(2);
    const overlap = second.rows.filter((r) =>
      first.rows.some((f) => f.applicationId === r.applicationId),
    );
    expect(overlap).toEqual([]);
    // A page past the end shows the last page.
    const past = await queue(assessor, {}, 999);
    expect(past.page).toBe(past.pages);
  });

  it("is refused to someone who may not see applications", async () => {
    const lead = await createUser(database.db, [{ organisationId: networkId, roleKey: "trainer" }]);
    await expect(queue(lead)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("bulk assignment", () => {
  it("starts what is not started, hands over what is open, and skips the rest with reasons", async () => {
    const target = await newAssessor();
    const other = await newAssessor();
    const fresh = await ready({ receivedOn: daysAgo(30) });
    const open = await opened(other, daysAgo(31));
    const already = await opened(target, daysAgo(32));
    const received = await record(database, intake, {
      fullName: `R ${uniqueSurname()}`,
      receivedOn: daysAgo(5),
    });
    const done = await opened(other, daysAgo(33), { status: "decided", decidedAt: new Date() });
    await setState(database, done.applicationId, "closed", "ineligible");
    const missing = "00000000-0000-4000-8000-00000000abcd";
    const ids = [fresh, open, already, received, done].map((a) => a.applicationId);

    const outcome = await asUser(database.db, assessor.id, (tx) =>
      assignAssessments(tx, assessor.acting, [...ids, missing, fresh.applicationId], target.id),
    );
    expect(outcome.started).toEqual([{ id: fresh.applicationId, reference: fresh.reference }]);
    expect(outcome.handedOver).toEqual([{ id: open.applicationId, reference: open.reference }]);
    const reasons = Object.fromEntries(outcome.skipped.map((s) => [s.id, s.reason]));
    expect(reasons[already.applicationId]).toMatch(/already assessing/);
    expect(reasons[received.applicationId]).toMatch(/received, not ready for assessment/);
    expect(reasons[done.applicationId]).toMatch(/closed/);
    expect(reasons[missing]).toBe("not found");
    expect(outcome.skipped).toHaveLength(4);

    const rows = await database.db
      .select()
      .from(assessments)
      .where(inArray(assessments.applicationId, [fresh.applicationId, open.applicationId]));
    expect(rows.map((r) => [r.applicationId, r.assessorId, r.status]).sort()).toEqual(
      [
        [fresh.applicationId, target.id, "draft"],
        [open.applicationId, target.id, "draft"],
      ].sort(),
    );
    const [app] = await database.db
      .select({ state: applications.state })
      .from(applications)
      .where(eq(applications.id, fresh.applicationId));
    expect(app?.state).toBe("under_assessment");

    const events = await database.db
      .select()
      .from(auditEvents)
      .where(
        inArray(
          auditEvents.entityId,
          rows.map((r) => r.id),
        ),
      );
    const freshId = rows.find((r) => r.applicationId === fresh.applicationId)?.id;
    const started = events.find((e) => e.action === "assessment.started" && e.entityId === freshId);
    expect(started?.actorUserId).toBe(assessor.id);
    expect(started?.details).toMatchObject({ assessorId: target.id });
    const handed = events.find((e) => e.action === "assessment.handed_over");
    expect(handed?.details).toMatchObject({ from: other.id, to: target.id });

    expect(await queueIds(assessor, { assignee: target.id })).toEqual(
      expect.arrayContaining([fresh.applicationId, open.applicationId, already.applicationId]),
    );
  });

  it("assigns only to an assessor, and only for those who may assess", async () => {
    const app = await ready({ receivedOn: daysAgo(20) });
    await expect(
      asUser(database.db, assessor.id, (tx) =>
        assignAssessments(tx, assessor.acting, [app.applicationId], intake.id),
      ),
    ).rejects.toMatchObject({ code: "INVALID", details: { field: "assessorId" } });
    await expect(
      asUser(database.db, intake.id, (tx) =>
        assignAssessments(tx, intake.acting, [app.applicationId], assessor.id),
      ),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    // startAssessment itself refuses someone who cannot assess.
    await expect(
      asUser(database.db, assessor.id, (tx) =>
        startAssessment(tx, assessor.acting, app.applicationId, { assessorId: intake.id }),
      ),
    ).rejects.toMatchObject({ code: "INVALID" });
    const [row] = await database.db
      .select({ state: applications.state })
      .from(applications)
      .where(eq(applications.id, app.applicationId));
    expect(row?.state).toBe("ready_for_assessment");
  });
});

describe("workload", () => {
  it("counts open assessments per assessor by status, and the reviews waiting", async () => {
    const [busy, returned, idle] = [await newAssessor(), await newAssessor(), await newAssessor()];
    await opened(busy, daysAgo(40));
    await opened(busy, daysAgo(41));
    await opened(busy, daysAgo(42), { status: "in_review" });
    await opened(busy, daysAgo(43), { status: "decided", decidedAt: new Date() });
    await opened(returned, daysAgo(44), { status: "returned" });
    await opened(returned, daysAgo(45), { status: "agreed" });

    const workload = await asUser(database.db, assessor.id, (tx) =>
      assessorWorkload(tx, assessor.acting),
    );
    const of = (id: string) => workload.assessors.find((a) => a.assessorId === id);
    expect(of(busy.id)).toMatchObject({
      draft: 2,
      inReview: 1,
      returned: 0,
      agreed: 0,
      total: 3,
      current: true,
    });
    expect(of(returned.id)).toMatchObject({ draft: 0, returned: 1, agreed: 1, total: 2 });
    expect(of(idle.id)).toMatchObject({ total: 0, current: true });
    expect(of(busy.id)?.name).toMatch(/^Test User/);
    expect(workload.reviewsWaiting).toBe((await queue(assessor, { reviewNeeded: true })).total);
    const notStarted =
      (await queue(assessor, { status: "not_started" })).total +
      (await queue(assessor, { status: "chase_due" })).total;
    expect(workload.notStarted).toBe(notStarted);
  });
});

describe("the eligibility dashboard", () => {
  /** A decided assessment, written as the owner so that its dates can be chosen. */
  async function decided(
    receivedOn: string,
    decidedAt: string,
    recommendation: "eligible" | "ineligible" | "more_information" | "withdrawn",
    ineligibleReasons: string[] = [],
  ) {
    const app = await record(database, intake, { fullName: `F ${uniqueSurname()}`, receivedOn });
    await setState(database, app.applicationId, "closed", "ineligible");
    await database.db.insert(assessments).values({
      organisationId: networkId,
      applicationId: app.applicationId,
      assessorId: assessor.id,
      status: "decided",
      recommendation,
      ineligibleReasons,
      decidedAt: new Date(decidedAt),
      decidedBy: assessor.id,
    });
  }

  it("gives the figures of a period, computed in SQL", async () => {
    await decided("2014-12-01", "2015-01-11T10:00:00Z", "eligible"); // 41 days
    await decided("2014-12-15", "2015-01-20T10:00:00Z", "ineligible", [
      "no_factual_innocence",
      "appeal_pending",
    ]); // 36 days
    await decided("2015-01-05", "2015-02-04T10:00:00Z", "ineligible", ["no_factual_innocence"]); // 30
    await decided("2015-01-10", "2015-03-11T10:00:00Z", "eligible"); // 60 days
    await decided("2015-02-01", "2015-02-05T10:00:00Z", "more_information");
    await decided("2015-02-01", "2015-03-31T23:30:00Z", "withdrawn");
    // Just after the period, in UTC.
    await decided("2015-02-01", "2015-04-01T00:10:00Z", "eligible");
    // Received in the period but not yet decided.
    await record(database, intake, { fullName: `G ${uniqueSurname()}`, receivedOn: "2015-03-15" });

    const f = await asUser(database.db, assessor.id, (tx) =>
      getEligibilityFigures(tx, assessor.acting, { from: "2015-01-01", to: "2015-03-31" }),
    );
    expect(f.received).toBe(6);
    expect(f.decisions).toBe(6);
    expect(f.outcomes).toEqual({ eligible: 2, ineligible: 2, more_information: 1, withdrawn: 1 });
    expect(f.eligibleRate).toBe(0.5);
    expect(f.medianDays).toBe(38.5);
    expect(f.reasons).toEqual([
      { key: "no_factual_innocence", label: "Does not claim factual innocence", count: 2 },
      { key: "appeal_pending", label: "Appeal pending", count: 1 },
    ]);
    expect(f.months).toEqual([
      { month: "2015-01", eligible: 1, ineligible: 1, more_information: 0, withdrawn: 0 },
      { month: "2015-02", eligible: 0, ineligible: 1, more_information: 1, withdrawn: 0 },
      { month: "2015-03", eligible: 1, ineligible: 0, more_information: 0, withdrawn: 1 },
    ]);
    expect(f.pendingReviews).toBe((await queue(assessor, { reviewNeeded: true })).total);
    expect(f.urgentWaiting).toBe((await queue(assessor, { urgent: true })).total);

    const empty = await asUser(database.db, assessor.id, (tx) =>
      getEligibilityFigures(tx, assessor.acting, { from: "2012-01-01", to: "2012-12-31" }),
    );
    expect(empty).toMatchObject({
      decisions: 0,
      eligibleRate: null,
      medianDays: null,
      reasons: [],
    });
    expect(empty.months).toHaveLength(12);
  });

  it("shows nothing to someone who may not see applications", async () => {
    const trainer = await createUser(database.db, [
      { organisationId: networkId, roleKey: "trainer" },
    ]);
    await expect(
      asUser(database.db, trainer.id, (tx) =>
        getEligibilityFigures(tx, trainer.acting, { from: "2015-01-01", to: "2015-03-31" }),
      ),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("reads its period, defaulting to the last 12 months", () => {
    expect(parsePeriod(new URLSearchParams(), "2026-05-10")).toEqual({
      period: { from: "2025-06-01", to: "2026-05-10" },
      errors: [],
    });
    expect(
      parsePeriod(new URLSearchParams("from=2026-02-30&to=2026-03-01"), "2026-05-10").errors,
    ).toEqual([{ field: "from", message: expect.stringMatching(/real date/) }]);
    expect(
      parsePeriod(new URLSearchParams("from=2026-03-01&to=2026-02-01"), "2026-05-10").errors,
    ).toEqual([{ field: "to", message: expect.stringMatching(/on or after/) }]);
    expect(
      parsePeriod(new URLSearchParams("from=2000-01-01&to=2026-02-01"), "2026-05-10").errors[0]
        ?.field,
    ).toBe("from");
  });
});

describe("administering the assessment lists", () => {
  const run = <T>(user: TestUser, fn: Parameters<typeof asUser<T>>[2]) =>
    asUser(database.db, user.id, fn);

  async function events(action: string, entityId: string) {
    return database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, action), eq(auditEvents.entityId, entityId)));
  }

  it("adds, renames, reorders and deactivates entries, auditing each change", async () => {
    const { key } = await run(admin, (tx) =>
      addListEntry(tx, admin.acting, "suspected-causes", {
        label: "Tunnel vision",
        description: "Investigators fixed on one suspect early",
      }),
    );
    expect(key).toBe("tunnel_vision");
    const added = await events("assessment_list.entry_added", key);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ actorUserId: admin.id, entityType: "suspected_cause" });
    expect(added[0]?.details).toMatchObject({ list: "suspected-causes", label: "Tunnel vision" });

    // Last in the list, and offered to assessors.
    const options = await run(assessor, (tx) => assessmentOptions(tx));
    expect(options.causes.at(-1)).toMatchObject({ key, label: "Tunnel vision", active: true });

    const entry = await run(admin, (tx) => getListEntry(tx, "suspected-causes", key));
    await run(admin, (tx) =>
      updateListEntry(tx, admin.acting, "suspected-causes", key, {
        label: "Confirmation bias",
        description: entry.description,
        stamp: entry.stamp,
      }),
    );
    const [renamed] = await database.db
      .select()
      .from(suspectedCauses)
      .where(eq(suspectedCauses.key, key));
    expect(renamed).toMatchObject({ key: "tunnel_vision", label: "Confirmation bias" });
    const changed = await events("assessment_list.entry_changed", key);
    expect(changed[0]?.details).toEqual({
      list: "suspected-causes",
      changes: { label: { from: "Tunnel vision", to: "Confirmation bias" } },
    });
    // An edit from a page opened before the rename is refused.
    await expect(
      run(admin, (tx) =>
        updateListEntry(tx, admin.acting, "suspected-causes", key, {
          label: "Something else",
          stamp: entry.stamp,
        }),
      ),
    ).rejects.toMatchObject({ code: "CONFLICT" });

    await run(admin, (tx) => moveListEntry(tx, admin.acting, "suspected-causes", key, "up"));
    const order = (await run(admin, (tx) => listAssessmentLists(tx))).lists["suspected-causes"];
    expect(order.at(-2)?.key).toBe(key);
    expect(order.map((e) => e.position)).toEqual(order.map((_, i) => i));
    expect(await events("assessment_list.entry_moved", key)).toHaveLength(1);

    await run(admin, (tx) => setListEntryActive(tx, admin.acting, "suspected-causes", key, false));
    const after = await run(assessor, (tx) => assessmentOptions(tx));
    expect(after.causes.find((c) => c.key === key)?.active).toBe(false);
    expect(await events("assessment_list.entry_deactivated", key)).toHaveLength(1);
    // Deactivating again changes nothing and records nothing.
    const again = await run(admin, (tx) =>
      setListEntryActive(tx, admin.acting, "suspected-causes", key, false),
    );
    expect(again.changed).toBe(false);
    expect(await events("assessment_list.entry_deactivated", key)).toHaveLength(1);
  });

  it("refuses a duplicate label or key with a clear message", async () => {
    const duplicate = await run(admin, (tx) =>
      addListEntry(tx, admin.acting, "investigation-categories", { label: "ALIBI" }),
    ).catch((e: unknown) => e);
    expect(duplicate).toBeInstanceOf(AppError);
    expect(duplicate).toMatchObject({ code: "INVALID", details: { field: "label" } });
    expect((duplicate as Error).message).toMatch(
      /already an investigation category called “Alibi”/,
    );

    await run(admin, (tx) =>
      addListEntry(tx, admin.acting, "investigation-categories", { label: "Cell-site data" }),
    );
    const sameKey = await run(admin, (tx) =>
      addListEntry(tx, admin.acting, "investigation-categories", { label: "Cell site data!" }),
    ).catch((e: unknown) => e);
    expect(sameKey).toMatchObject({ code: "INVALID", details: { field: "label" } });
    expect((sameKey as Error).message).toMatch(/key “cell_site_data”/);

    await expect(
      run(admin, (tx) =>
        updateListEntry(tx, admin.acting, "investigation-categories", "cell_site_data", {
          label: "Expert review",
        }),
      ),
    ).rejects.toMatchObject({ code: "INVALID", details: { field: "label" } });
    expect(slugify("  Café — Ünreliable   evidence! ")).toBe("cafe_unreliable_evidence");
  });

  it("keeps ineligibility reasons with their letter text, and the second-review setting", async () => {
    const { key } = await run(admin, (tx) =>
      addListEntry(tx, admin.acting, "ineligibility-reasons", {
        label: "Sentence only",
        letterText: "You ask only about the length of your sentence.",
        requiresReview: false,
      }),
    );
    const [row] = await database.db
      .select()
      .from(ineligibilityReasons)
      .where(eq(ineligibilityReasons.key, key));
    expect(row).toMatchObject({ requiresReview: false, active: true });
    const policy = await run(assessor, (tx) => reviewPolicy(tx));
    expect(policy.reasonsRequiringReview.has(key)).toBe(false);
    expect(policy.reasonsRequiringReview.has("appeal_pending")).toBe(true);

    const set = await run(admin, (tx) => setEligibleRequiresReview(tx, admin.acting, true));
    expect(set.changed).toBe(true);
    expect((await run(assessor, (tx) => reviewPolicy(tx))).eligibleRequiresReview).toBe(true);
    const audited = await events("settings.changed", "eligible_requires_review");
    expect(audited.at(-1)?.details).toEqual({ from: false, to: true });
    expect(
      (await run(admin, (tx) => setEligibleRequiresReview(tx, admin.acting, true))).changed,
    ).toBe(false);
    await run(admin, (tx) => setEligibleRequiresReview(tx, admin.acting, false));
    const [stored] = await database.db
      .select()
      .from(settings)
      .where(eq(settings.key, "eligible_requires_review"));
    expect(stored?.value).toBe(false);
  });

  it("refuses anyone else, in code and in the database", async () => {
    await expect(
      run(assessor, (tx) =>
        addListEntry(tx, assessor.acting, "suspected-causes", { label: "Sneaky" }),
      ),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      run(assessor, (tx) => setEligibleRequiresReview(tx, assessor.acting, true)),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      run(assessor, (tx) =>
        setListEntryActive(tx, assessor.acting, "ineligibility-reasons", "appeal_pending", false),
      ),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });

    // Going round the code: row-level security refuses the insert and hides the rows to update.
    await expectRefused(
      run(assessor, (tx) => tx.insert(suspectedCauses).values({ key: "sneaky", label: "Sneaky" })),
      /row-level security/,
    );
    const updated = await run(assessor, (tx) =>
      tx
        .update(ineligibilityReasons)
        .set({ requiresReview: false })
        .where(eq(ineligibilityReasons.key, "appeal_pending"))
        .returning({ key: ineligibilityReasons.key }),
    );
    expect(updated).toEqual([]);
    const setting = await run(assessor, (tx) =>
      tx.execute(
        sql`update settings set value = 'true'::jsonb where key = 'eligible_requires_review' returning key`,
      ),
    );
    expect((setting as unknown as { rows: unknown[] }).rows).toEqual([]);
    const [reason] = await database.db
      .select()
      .from(ineligibilityReasons)
      .where(eq(ineligibilityReasons.key, "appeal_pending"));
    expect(reason?.requiresReview).toBe(true);
  });
});

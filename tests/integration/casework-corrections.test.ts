import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  addCorrespondence,
  listCorrespondence,
} from "~/casework/correspondence/correspondence.server";
import {
  changeCorrespondence,
  getCorrespondenceEntry,
  PROGRESS_LETTER_TO_CLIENT,
} from "~/casework/correspondence/correspondence-corrections.server";
import {
  CorrectCorrespondenceSchema,
  CorrespondenceSchema,
} from "~/casework/correspondence/schemas";
import { changePaper, getPaper, removePaper } from "~/casework/papers/paper-corrections.server";
import { requestPapers } from "~/casework/papers/paper-requests.server";
import {
  EditPaperSchema,
  PaperSchema,
  papersWithRequests,
  RequestSchema,
} from "~/casework/papers/paper-schemas";
import { addPaper, getPapers, recordAuthority } from "~/casework/papers/papers.server";
import {
  changeReview,
  getReview,
  removeReview,
} from "~/casework/reviews/review-corrections.server";
import { addReview, listReviews } from "~/casework/reviews/reviews.server";
import { ReviewSchema } from "~/casework/reviews/schemas";
import { TimeEntrySchema } from "~/casework/time/schemas";
import { addTimeEntry, listTime } from "~/casework/time/time.server";
import {
  changeTimeEntry,
  getTimeEntry,
  removeTimeEntry,
} from "~/casework/time/time-corrections.server";
import { RemovalSchema } from "~/casework/ui/confirm-removal";
import type { Tx } from "~/db/database.server";
import { auditEvents, caseCorrespondence, cases, timeEntries } from "~/db/schema";
import { acceptedCase, setUpCasework } from "../support/casework-scenario";
import { createUser, type TestUser } from "../support/factories";
import { appError } from "../support/intake";

/**
 * Correcting and removing entries of the case file (time, reviews, papers, correspondence):
 * who may, that an entry is found only through its own case, that papers with a request stay,
 * and that the audit trail keeps each changed field before and after. Every domain call runs
 * as the user under row-level security, so the database must allow the UPDATE and DELETE too.
 */
const ctx = setUpCasework("casework-corrections");
const { as } = ctx;
let caseA: string;
let caseB: string;
/** A second caseworker of the project, on case A's team too. */
let colleague: TestUser;

/** The audit events of a case with this action, oldest first. */
async function audits(caseId: string, action: string) {
  return ctx.db
    .select({ details: auditEvents.details, actorUserId: auditEvents.actorUserId })
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.entityId, caseId)))
    .orderBy(auditEvents.seq);
}

function logTime(user: TestUser, caseId: string, activity: string, minutes = "45") {
  return as(user, (tx) =>
    addTimeEntry(
      tx,
      user.acting,
      caseId,
      TimeEntrySchema.parse({ workedOn: "2026-01-12", minutes, activity }),
    ),
  );
}

beforeAll(async () => {
  colleague = await createUser(ctx.db, [
    { organisationId: ctx.people.second.id, roleKey: "caseworker" },
  ]);
  // Both caseworkers are on case A's team; nobody but the lead is on case B's.
  const team = [ctx.people.second.caseworker, colleague];
  caseA = (await acceptedCase(ctx, { project: "second", team })).caseId;
  caseB = (await acceptedCase(ctx, { project: "second" })).caseId;
}, 300_000);

describe("time log", () => {
  it("a caseworker corrects their own entry and the audit keeps before and after", async () => {
    const worker = ctx.people.second.caseworker;
    const { entryId } = await logTime(worker, caseA, "Read the trial transcript");
    const page = await as(worker, (tx) => getTimeEntry(tx, worker.acting, caseA, entryId));
    expect(page.entry).toMatchObject({ minutes: 45, own: true });

    await as(worker, (tx) =>
      changeTimeEntry(
        tx,
        worker.acting,
        caseA,
        entryId,
        TimeEntrySchema.parse({
          workedOn: "2026-01-13",
          hours: "1",
          minutes: "30",
          activity: "Read the trial transcript",
        }),
      ),
    );
    const [row] = await ctx.db.select().from(timeEntries).where(eq(timeEntries.id, entryId));
    expect(row).toMatchObject({ workedOn: "2026-01-13", minutes: 90 });
    const changed = (await audits(caseA, "case_time.changed")).filter(
      (a) => a.details.entryId === entryId,
    );
    expect(changed).toHaveLength(1);
    expect(changed[0]?.actorUserId).toBe(worker.id);
    // Only the names of the fields that changed: the audit trail keeps no case text.
    expect(changed[0]?.details.fields).toEqual(["workedOn", "minutes"]);
    expect(changed[0]?.details).not.toHaveProperty("changes");
  });

  it("a caseworker is refused another's entry; a lead corrects and removes any", async () => {
    const worker = ctx.people.second.caseworker;
    const lead = ctx.people.second.lead;
    const { entryId } = await logTime(colleague, caseA, "Visited the client", "120");
    const input = TimeEntrySchema.parse({
      workedOn: "2026-01-12",
      minutes: "10",
      activity: "Visited the client",
    });

    const listed = await as(worker, (tx) => listTime(tx, worker.acting, caseA));
    expect(listed.entries.find((e) => e.id === entryId)?.mayChange).toBe(false);
    const attempts: ((tx: Tx) => Promise<unknown>)[] = [
      (tx) => getTimeEntry(tx, worker.acting, caseA, entryId),
      (tx) => changeTimeEntry(tx, worker.acting, caseA, entryId, input),
      (tx) => removeTimeEntry(tx, worker.acting, caseA, entryId),
    ];
    for (const attempt of attempts) {
      const refused = await appError(as(worker, attempt));
      expect(refused.code).toBe("FORBIDDEN");
    }
    const [unchanged] = await ctx.db.select().from(timeEntries).where(eq(timeEntries.id, entryId));
    expect(unchanged?.minutes).toBe(120);

    const leads = await as(lead, (tx) => listTime(tx, lead.acting, caseA));
    expect(leads.entries.every((e) => e.mayChange)).toBe(true);
    await as(lead, (tx) => changeTimeEntry(tx, lead.acting, caseA, entryId, input));
    const [corrected] = await ctx.db.select().from(timeEntries).where(eq(timeEntries.id, entryId));
    expect(corrected?.minutes).toBe(10);
    const changed = (await audits(caseA, "case_time.changed")).find(
      (a) => a.details.entryId === entryId,
    );
    expect(changed?.actorUserId).toBe(lead.id);
    expect(changed?.details).toMatchObject({
      userId: colleague.id,
      fields: ["minutes"],
    });

    await as(lead, (tx) => removeTimeEntry(tx, lead.acting, caseA, entryId));
    expect(await ctx.db.select().from(timeEntries).where(eq(timeEntries.id, entryId))).toEqual([]);
    const removed = (await audits(caseA, "case_time.removed")).find(
      (a) => a.details.entryId === entryId,
    );
    expect(removed?.details.removed).toEqual({
      userId: colleague.id,
      workedOn: "2026-01-12",
      minutes: 10,
    });
  });

  it("removal needs the confirmation ticked", () => {
    expect(RemovalSchema.safeParse({}).success).toBe(false);
    expect(RemovalSchema.safeParse({ confirm: "on" }).success).toBe(true);
  });
});

describe("an entry through another case's URL", () => {
  it("is not found, for every kind of entry, even for a lead who sees both cases", async () => {
    const lead = ctx.people.second.lead;
    const { entryId } = await logTime(lead, caseA, "Case conference");
    const { reviewId } = await as(lead, (tx) =>
      addReview(
        tx,
        lead.acting,
        caseA,
        ReviewSchema.parse({ heldOn: "2026-01-05", decisions: "Go on" }),
      ),
    );
    const { paperId } = await as(lead, (tx) =>
      addPaper(tx, lead.acting, caseA, PaperSchema.parse({ kind: "defence_file", held: "no" })),
    );
    const { correspondenceId } = await as(lead, (tx) =>
      addCorrespondence(
        tx,
        lead.acting,
        caseA,
        CorrespondenceSchema.parse({
          direction: "in",
          kind: "call",
          withWhom: "third_party",
          thirdParty: "Former solicitors",
          occurredOn: "2026-01-06",
          summary: "They still hold the file",
        }),
      ),
    );
    const attempts: (() => Promise<unknown>)[] = [
      () => as(lead, (tx) => getTimeEntry(tx, lead.acting, caseB, entryId)),
      () => as(lead, (tx) => removeTimeEntry(tx, lead.acting, caseB, entryId)),
      () => as(lead, (tx) => getReview(tx, lead.acting, caseB, reviewId)),
      () => as(lead, (tx) => removeReview(tx, lead.acting, caseB, reviewId)),
      () => as(lead, (tx) => getPaper(tx, lead.acting, caseB, paperId)),
      () => as(lead, (tx) => removePaper(tx, lead.acting, caseB, paperId)),
      () => as(lead, (tx) => getCorrespondenceEntry(tx, lead.acting, caseB, correspondenceId)),
      () => as(lead, (tx) => getTimeEntry(tx, lead.acting, caseA, "not-a-uuid")),
      // A caseworker not on case B's team does not see the case at all.
      () =>
        as(ctx.people.second.caseworker, (tx) =>
          getTimeEntry(tx, ctx.people.second.caseworker.acting, caseB, entryId),
        ),
    ];
    for (const attempt of attempts) {
      expect((await appError(attempt())).code).toBe("NOT_FOUND");
    }
    // Nothing was removed on the way.
    const page = await as(lead, (tx) => getPapers(tx, lead.acting, caseA));
    expect(page.papers.map((p) => p.id)).toContain(paperId);
    expect(await ctx.db.select().from(timeEntries).where(eq(timeEntries.id, entryId))).toHaveLength(
      1,
    );
  });
});

describe("papers inventory", () => {
  it("corrects where papers are and whether held, with before and after in the audit", async () => {
    const worker = ctx.people.second.caseworker;
    const { paperId } = await as(worker, (tx) =>
      addPaper(
        tx,
        worker.acting,
        caseA,
        PaperSchema.parse({
          kind: "forensic_report",
          description: "Fibre analysis",
          location: "Police",
          held: "no",
        }),
      ),
    );
    await as(worker, (tx) =>
      changePaper(
        tx,
        worker.acting,
        caseA,
        paperId,
        EditPaperSchema.parse({
          description: "Fibre analysis",
          location: "Forensic archive, box 12",
          held: "yes",
        }),
      ),
    );
    const page = await as(worker, (tx) => getPapers(tx, worker.acting, caseA));
    expect(page.papers.find((p) => p.id === paperId)).toMatchObject({
      location: "Forensic archive, box 12",
      held: true,
    });
    const changed = (await audits(caseA, "case.paper.changed")).find(
      (a) => a.details.paperId === paperId,
    );
    expect(changed?.details.fields).toEqual(["location", "held"]);
    expect(JSON.stringify(changed?.details)).not.toContain("Forensic archive");
  });

  it("refuses to remove papers a request names, and removes papers recorded by mistake", async () => {
    const worker = ctx.people.second.caseworker;
    const add = (description: string) =>
      as(worker, (tx) =>
        addPaper(
          tx,
          worker.acting,
          caseA,
          PaperSchema.parse({ kind: "trial_transcript", description, held: "no" }),
        ),
      );
    const requested = await add("Summing up");
    const mistaken = await add("Entered twice");
    await as(worker, (tx) =>
      recordAuthority(tx, worker.acting, caseA, { recordedOn: "2026-01-02", documentId: null }),
    );
    await as(worker, (tx) =>
      requestPapers(
        tx,
        worker.acting,
        ctx.store,
        caseA,
        RequestSchema.parse({
          paperId: requested.paperId,
          recipientKind: "court",
          recipient: "Crown Court Office",
          recipientAddress: "1 Court Street\nLiverpool L2 2BB",
          requestedOn: "2026-01-03",
        }),
      ),
    );
    const page = await as(worker, (tx) => getPaper(tx, worker.acting, caseA, requested.paperId));
    expect(page.requests).toBe(1);
    const refused = await appError(
      as(worker, (tx) => removePaper(tx, worker.acting, caseA, requested.paperId)),
    );
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toBe(papersWithRequests(1));
    expect(refused.message).toContain("a request for them is recorded");

    await as(worker, (tx) => removePaper(tx, worker.acting, caseA, mistaken.paperId));
    const after = await as(worker, (tx) => getPapers(tx, worker.acting, caseA));
    const ids = after.papers.map((p) => p.id);
    expect(ids).toContain(requested.paperId);
    expect(ids).not.toContain(mistaken.paperId);
    const removed = (await audits(caseA, "case.paper.removed")).map((a) => a.details);
    expect(removed).toEqual([
      expect.objectContaining({
        paperId: mistaken.paperId,
        removed: expect.not.objectContaining({ description: "Entered twice" }),
      }),
    ]);
  });
});

describe("case reviews", () => {
  it("whoever recorded a review or a lead corrects it; only a lead removes it", async () => {
    const worker = ctx.people.second.caseworker;
    const lead = ctx.people.second.lead;
    const { reviewId } = await as(worker, (tx) =>
      addReview(
        tx,
        worker.acting,
        caseA,
        ReviewSchema.parse({ heldOn: "2026-01-20", decisions: "Ask for the CCTV" }),
      ),
    );
    const corrected = ReviewSchema.parse({
      heldOn: "2026-01-20",
      attendees: "Whole team",
      decisions: "Ask for the CCTV and the custody record",
    });
    await as(worker, (tx) => changeReview(tx, worker.acting, caseA, reviewId, corrected));
    const changed = (await audits(caseA, "case_review.changed")).find(
      (a) => a.details.reviewId === reviewId,
    );
    expect(changed?.details.fields).toEqual(["attendees", "decisions"]);
    expect(JSON.stringify(changed?.details)).not.toContain("CCTV");

    const byColleague = await appError(
      as(colleague, (tx) => changeReview(tx, colleague.acting, caseA, reviewId, corrected)),
    );
    expect(byColleague.code).toBe("FORBIDDEN");
    const listed = await as(colleague, (tx) => listReviews(tx, colleague.acting, caseA));
    expect(listed.reviews.find((r) => r.id === reviewId)?.mayChange).toBe(false);
    expect(
      (await as(worker, (tx) => getReview(tx, worker.acting, caseA, reviewId))).mayRemove,
    ).toBe(false);
    const removal = await appError(
      as(worker, (tx) => removeReview(tx, worker.acting, caseA, reviewId)),
    );
    expect(removal.code).toBe("FORBIDDEN");

    await as(lead, (tx) => removeReview(tx, lead.acting, caseA, reviewId));
    const after = await as(lead, (tx) => listReviews(tx, lead.acting, caseA));
    expect(after.reviews.map((r) => r.id)).not.toContain(reviewId);
    const removed = (await audits(caseA, "case_review.removed")).find(
      (a) => a.details.reviewId === reviewId,
    );
    expect(removed?.actorUserId).toBe(lead.id);
    expect(removed?.details.removed).toMatchObject({ recordedBy: worker.id });
    expect(JSON.stringify(removed?.details)).not.toContain("CCTV");
  });
});

describe("correspondence", () => {
  it("corrects the date of a progress letter, moving the next one, and keeps it with the client", async () => {
    const worker = ctx.people.second.caseworker;
    const { correspondenceId } = await as(worker, (tx) =>
      addCorrespondence(
        tx,
        worker.acting,
        caseA,
        CorrespondenceSchema.parse({
          direction: "out",
          kind: "letter",
          withWhom: "client",
          occurredOn: "2026-02-10",
          summary: "Progress so far",
          isProgressLetter: "on",
        }),
      ),
    );
    const nextOf = async () =>
      (await ctx.db.select().from(cases).where(eq(cases.id, caseA)))[0]?.nextProgressLetterOn;
    expect(await nextOf()).toBe("2026-05-10");

    await as(worker, (tx) =>
      changeCorrespondence(
        tx,
        worker.acting,
        caseA,
        correspondenceId,
        CorrectCorrespondenceSchema.parse({
          withWhom: "client",
          occurredOn: "2026-02-01",
          summary: "Progress so far; the papers are requested",
        }),
      ),
    );
    expect(await nextOf()).toBe("2026-05-01");
    const changed = (await audits(caseA, "case_correspondence.changed")).find(
      (a) => a.details.correspondenceId === correspondenceId,
    );
    expect(changed?.details).toMatchObject({
      fields: ["occurredOn", "summary"],
      nextProgressLetterOn: { from: "2026-05-10", to: "2026-05-01" },
    });
    expect(JSON.stringify(changed?.details)).not.toContain("Progress so far");

    const toThirdParty = await appError(
      as(worker, (tx) =>
        changeCorrespondence(
          tx,
          worker.acting,
          caseA,
          correspondenceId,
          CorrectCorrespondenceSchema.parse({
            withWhom: "third_party",
            thirdParty: "The CPS",
            occurredOn: "2026-02-01",
            summary: "Progress so far",
          }),
        ),
      ),
    );
    expect(toThirdParty.code).toBe("INVALID");
    expect(toThirdParty.message).toBe(PROGRESS_LETTER_TO_CLIENT);

    const byColleague = await appError(
      as(colleague, (tx) => getCorrespondenceEntry(tx, colleague.acting, caseA, correspondenceId)),
    );
    expect(byColleague.code).toBe("FORBIDDEN");
    const listed = await as(colleague, (tx) => listCorrespondence(tx, colleague.acting, caseA));
    expect(listed.correspondence.find((r) => r.id === correspondenceId)?.mayChange).toBe(false);
  });

  it("corrects the party of a call, and a third party needs a name", async () => {
    const lead = ctx.people.second.lead;
    const worker = ctx.people.second.caseworker;
    const { correspondenceId } = await as(worker, (tx) =>
      addCorrespondence(
        tx,
        worker.acting,
        caseA,
        CorrespondenceSchema.parse({
          direction: "in",
          kind: "call",
          withWhom: "client",
          occurredOn: "2026-02-03",
          summary: "Asked about the appeal papers",
        }),
      ),
    );
    const unnamed = CorrectCorrespondenceSchema.safeParse({
      withWhom: "third_party",
      occurredOn: "2026-02-03",
      summary: "Asked about the appeal papers",
    });
    expect(unnamed.error?.issues.map((i) => i.message)).toEqual(["Name the third party"]);
    await as(lead, (tx) =>
      changeCorrespondence(
        tx,
        lead.acting,
        caseA,
        correspondenceId,
        CorrectCorrespondenceSchema.parse({
          withWhom: "third_party",
          thirdParty: "The client's sister",
          occurredOn: "2026-02-03",
          summary: "Asked about the appeal papers",
        }),
      ),
    );
    const entry = await as(lead, (tx) =>
      getCorrespondenceEntry(tx, lead.acting, caseA, correspondenceId),
    );
    expect(entry.entry).toMatchObject({
      withWhom: "third_party",
      thirdParty: "The client's sister",
    });
    const changed = (await audits(caseA, "case_correspondence.changed")).find(
      (a) => a.details.correspondenceId === correspondenceId,
    );
    expect(changed?.details.fields).toEqual(["party"]);
    expect(JSON.stringify(changed?.details)).not.toContain("sister");
    // The database itself holds the correction (row-level security let it through).
    const [row] = await ctx.db
      .select({ party: caseCorrespondence.party })
      .from(caseCorrespondence)
      .where(eq(caseCorrespondence.id, correspondenceId));
    expect(row?.party).toBe("The client's sister");
  });
});

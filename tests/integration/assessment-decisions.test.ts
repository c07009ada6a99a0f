import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asSystem, asUser, type Database } from "~/db/database.server";
import {
  applications,
  assessmentReviews,
  assessments,
  auditEvents,
  correspondence,
  documents,
  establishments,
  settings,
} from "~/db/schema";
import { createDocumentStore, type DocumentStore } from "~/documents/storage.server";
import { buildDecisionLetter, findDecisionLetter } from "~/eligibility/decision-letter.server";
import { loadAssessment } from "~/eligibility/load-assessment.server";
import { recommend } from "~/eligibility/recommend.server";
import { reconsider } from "~/eligibility/reconsider.server";
import { recordDecision } from "~/eligibility/record-decision.server";
import { ELIGIBLE_REQUIRES_REVIEW } from "~/eligibility/reference-data.server";
import { reviewRecommendation } from "~/eligibility/review.server";
import { saveAssessment } from "~/eligibility/save-assessment.server";
import { AssessmentSchema, RecommendationSchema } from "~/eligibility/schemas";
import { startAssessment } from "~/eligibility/start-assessment.server";
import { AppError } from "~/errors/app-error";
import { loadEstablishments } from "~/intake/establishments.server";
import { createNetwork, createUser, type TestUser } from "../support/factories";
import { docxText, NEEDS_PDFTOTEXT, PDFTOTEXT, pdfText } from "../support/read-documents";
import { createTestDatabase } from "../support/test-database";
import { record, setState, uniqueSurname } from "./intake-queue-helpers";

let database: Database;
let intake: TestUser;
let asha: TestUser;
let ben: TestUser;
let store: DocumentStore;
let storeDir: string;
let altcourseId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const network = await createNetwork(database.db);
  const on = (roleKey: "intake_officer" | "assessor") => [{ organisationId: network.id, roleKey }];
  intake = await createUser(database.db, on("intake_officer"));
  asha = await createUser(database.db, on("assessor"));
  ben = await createUser(database.db, on("assessor"));
  storeDir = fs.mkdtempSync(path.join(os.tmpdir(), "clearname-decisions-"));
  store = createDocumentStore(storeDir, "decisions-test-secret-decisions-test-secret");
  await loadEstablishments(database.db);
  const [altcourse] = await database.db
    .select()
    .from(establishments)
    .where(eq(establishments.name, "HMP/YOI Altcourse"));
  if (!altcourse) throw new Error("Altcourse is not in the register");
  altcourseId = altcourse.id;
});
afterAll(async () => {
  await database?.close();
  if (storeDir) fs.rmSync(storeDir, { recursive: true, force: true });
});

/** An application ready for assessment, taken by `who`: returns the assessment and application. */
async function assessmentFor(who = asha, name = `Mary ${uniqueSurname()}`) {
  const r = await record(database, intake, {
    fullName: name,
    prisonerNumber: "A1234BC",
    establishmentId: altcourseId,
  });
  await setState(database, r.applicationId, "ready_for_assessment");
  const { id } = await asUser(database.db, who.id, (tx) =>
    startAssessment(tx, who.acting, r.applicationId),
  );
  return { id, applicationId: r.applicationId, reference: r.reference, name };
}

const load = (id: string) => asUser(database.db, asha.id, (tx) => loadAssessment(tx, id));

async function save(id: string, answers: Record<string, unknown>, who = asha) {
  const { assessment } = await load(id);
  return asUser(database.db, who.id, (tx) =>
    saveAssessment(
      tx,
      who.acting,
      id,
      AssessmentSchema.parse({ version: assessment.version, ...answers }),
    ),
  );
}

const answered = {
  couldBeInnocent: "yes",
  couldBeInnocentReasons: "The only identification was made at night from 40 metres.",
  canBeInvestigated: "yes",
  canBeInvestigatedReasons: "The jacket was kept and has never been tested for DNA.",
  jurisdiction: "england_wales",
};

const twoLines = [
  { category: "forensic_retesting", description: "Test the jacket for DNA", priority: "high" },
  { category: "witness", description: "Trace the second witness", priority: "medium" },
];

async function recommendAs(id: string, input: Record<string, unknown>, who = asha) {
  const { assessment } = await load(id);
  return asUser(database.db, who.id, (tx) =>
    recommend(
      tx,
      who.acting,
      id,
      RecommendationSchema.parse({ version: assessment.version, ...input }),
    ),
  );
}

const reviewAs = (who: TestUser, id: string, outcome: "agreed" | "returned", comment?: string) =>
  asUser(database.db, who.id, (tx) =>
    reviewRecommendation(tx, who.acting, id, { outcome, comment }),
  );

async function decide(id: string, largePrint = false, who = asha, includeNotes = false) {
  const { assessment } = await load(id);
  return asUser(database.db, who.id, (tx) =>
    recordDecision(tx, who.acting, store, id, {
      version: assessment.version,
      largePrint,
      includeNotes,
    }),
  );
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function application(id: string) {
  const [row] = await asSystem(database.db, (tx) =>
    tx.select().from(applications).where(eq(applications.id, id)),
  );
  if (!row) throw new Error("no application");
  return row;
}

async function fileBytes(documentId: string) {
  const [doc] = await asSystem(database.db, (tx) =>
    tx.select().from(documents).where(eq(documents.id, documentId)),
  );
  if (!doc) throw new Error("no document");
  return { doc, bytes: await store.get(doc.storageKey) };
}

/** The PDF's words as a reader reads them: lines joined, so wrapping does not matter. */
const readPdf = async (documentId: string) =>
  pdfText((await fileBytes(documentId)).bytes).replace(/\s+/g, " ");

const auditActions = (entityId: string) =>
  asSystem(database.db, (tx) =>
    tx
      .select({ action: auditEvents.action, actorId: auditEvents.actorUserId })
      .from(auditEvents)
      .where(eq(auditEvents.entityId, entityId)),
  );

describe("from an ineligible recommendation, through review, to an eligible decision", () => {
  it("reviews, returns, revises, decides and files the letter", async () => {
    const a = await assessmentFor(asha, "Łukasz Wróbel");
    await save(a.id, { ...answered, couldBeInnocent: "unclear", canBeInvestigated: "no" });

    // Ineligible goes to a second reviewer by default.
    const recommended = await recommendAs(a.id, {
      recommendation: "ineligible",
      ineligibleReasons: ["no_line_of_investigation"],
      recommendationNotes: "We looked at the forensic report you sent.",
    });
    expect(recommended.status).toBe("in_review");
    const [round] = await asUser(database.db, asha.id, (tx) =>
      tx.select().from(assessmentReviews).where(eq(assessmentReviews.assessmentId, a.id)),
    );
    expect(round).toMatchObject({
      recommendation: "ineligible",
      requestedBy: asha.id,
      reviewerId: null,
      outcome: null,
    });

    // The recommender cannot review it, nor record it before review.
    const own = await refusal(reviewAs(asha, a.id, "agreed"));
    expect(own.code).toBe("FORBIDDEN");
    expect(own.message).toMatch(/cannot review your own/);
    const early = await refusal(decide(a.id));
    expect(early.code).toBe("INVALID");
    expect(early.message).toBe("The recommendation is waiting for a second reviewer.");

    // A second assessor returns it with a comment.
    expect(await reviewAs(ben, a.id, "returned", "The jacket could still be tested.")).toEqual({
      status: "returned",
    });
    const returned = await load(a.id);
    expect(returned.assessment.status).toBe("returned");
    expect(returned.reviews[0]).toMatchObject({
      reviewerId: ben.id,
      outcome: "returned",
      comment: "The jacket could still be tested.",
    });
    expect((await refusal(decide(a.id))).message).toMatch(/returned this recommendation/);

    // The assessor revises it to eligible with two lines: agreed with no review by default.
    await save(a.id, { ...answered, lines: twoLines });
    const revised = await recommendAs(a.id, { recommendation: "eligible" });
    expect(revised.status).toBe("agreed");
    expect((await load(a.id)).reviews).toHaveLength(1);

    const decided = await decide(a.id);
    expect(decided.outcome).toBe("eligible");
    const after = await load(a.id);
    expect(after.assessment).toMatchObject({
      status: "decided",
      decidedBy: asha.id,
      decisionLetterId: decided.documentId,
    });
    const app = await application(a.applicationId);
    expect(app.state).toBe("awaiting_referral");
    expect(app.closedReason).toBeNull();

    // Filed: the PDF with its correspondence entry, and a Word copy of the same letter.
    const filed = await asSystem(database.db, (tx) =>
      tx
        .select()
        .from(documents)
        .where(and(eq(documents.applicationId, a.applicationId), eq(documents.kind, "letter_out"))),
    );
    expect(filed.map((d) => d.filename).sort()).toEqual([
      `${a.reference}-decision_eligible.docx`,
      `${a.reference}-decision_eligible.pdf`,
    ]);
    const log = await asSystem(database.db, (tx) =>
      tx.select().from(correspondence).where(eq(correspondence.applicationId, a.applicationId)),
    );
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      direction: "out",
      kind: "letter",
      documentId: decided.documentId,
      summary: "Eligible decision letter (PDF), marked Legal Correspondence",
    });
    const letters = await asUser(database.db, asha.id, (tx) =>
      findDecisionLetter(tx, after.assessment),
    );
    expect(letters?.pdf.documentId).toBe(decided.documentId);
    expect(letters?.docx?.filename).toBe(`${a.reference}-decision_eligible.docx`);

    const { bytes } = await fileBytes(decided.documentId);
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const docx = docxText((await fileBytes(letters?.docx?.documentId ?? "")).bytes);
    expect(docx).toContain("We will offer it to one of them.");
    expect(docx).toContain(a.reference);

    const actions = (await auditActions(a.id)).map((e) => e.action);
    for (const action of [
      "assessment.started",
      "assessment.saved",
      "assessment.recommended",
      "assessment.review_returned",
      "assessment.decided",
    ])
      expect(actions).toContain(action);
    expect(await auditActions(decided.documentId)).toEqual([
      { action: "letter.generated", actorId: asha.id },
    ]);
    expect(await auditActions(letters?.docx?.documentId ?? "")).toEqual([
      { action: "letter.generated", actorId: asha.id },
    ]);

    // Final: it cannot be decided twice.
    expect((await refusal(decide(a.id))).message).toBe("The decision has already been recorded.");
  });

  it.skipIf(!PDFTOTEXT)(
    `prints a letter with the reference and the applicant's name (${NEEDS_PDFTOTEXT})`,
    async () => {
      const a = await assessmentFor(asha, "Łukasz Wróbel");
      await save(a.id, { ...answered, lines: twoLines });
      await recommendAs(a.id, { recommendation: "eligible" });
      const { documentId } = await decide(a.id);
      const text = await readPdf(documentId);
      for (const expected of [
        "LEGAL CORRESPONDENCE",
        "Łukasz Wróbel",
        a.reference,
        "HMP/YOI Altcourse",
        "Our decision on your application",
        "member project",
        "cannot promise",
      ])
        expect(text).toContain(expected);
    },
  );
});

describe("refusing a decision", () => {
  it("names what is missing from an incomplete assessment", async () => {
    const a = await assessmentFor();
    const incomplete = await refusal(
      recommendAs(a.id, { recommendation: "eligible", ineligibleReasons: [] }),
    );
    expect(incomplete.code).toBe("INVALID");
    expect((incomplete.details.missing as { field: string }[]).map((m) => m.field).sort()).toEqual(
      [
        "canBeInvestigated",
        "canBeInvestigatedReasons",
        "couldBeInnocent",
        "couldBeInnocentReasons",
        "lines",
      ].sort(),
    );
    const draft = await refusal(decide(a.id));
    expect(draft.code).toBe("INVALID");
    expect(draft.message).toBe("Make a recommendation before recording the decision.");
    expect((await load(a.id)).assessment.status).toBe("draft");
    expect((await application(a.applicationId)).state).toBe("under_assessment");
  });

  it("refuses a reviewer who is the assessor, even when another made the recommendation", async () => {
    const a = await assessmentFor(asha);
    await save(a.id, { ...answered, couldBeInnocent: "no" });
    await recommendAs(a.id, {
      recommendation: "ineligible",
      ineligibleReasons: ["no_factual_innocence"],
    });
    expect((await refusal(reviewAs(asha, a.id, "agreed"))).code).toBe("FORBIDDEN");
    expect(await reviewAs(ben, a.id, "agreed")).toEqual({ status: "agreed" });
    expect((await refusal(reviewAs(ben, a.id, "agreed"))).message).toBe(
      "This assessment is not waiting for a review.",
    );
  });
});

describe("an ineligible decision and its reconsideration", () => {
  it("closes the application, explains the reasons and where to turn, and reopens on request", async () => {
    const a = await assessmentFor();
    await save(a.id, { ...answered, jurisdiction: "scotland", couldBeInnocent: "no" });
    await recommendAs(a.id, {
      recommendation: "ineligible",
      ineligibleReasons: ["appeal_pending", "no_factual_innocence"],
      recommendationNotes: "Your appeal hearing is listed for March.",
    });
    await reviewAs(ben, a.id, "agreed");
    const { documentId } = await decide(a.id, true, ben, true);
    const app = await application(a.applicationId);
    expect(app).toMatchObject({ state: "closed", closedReason: "ineligible" });

    const decided = await load(a.id);
    const letterOf = (includeNotes: boolean) =>
      asUser(database.db, asha.id, (tx) =>
        buildDecisionLetter(tx, decided, { largePrint: true, includeNotes }),
      );
    // The notes are for the file unless the decider chooses to print them.
    const withoutNotes = (await letterOf(false)).letter.paragraphs.map((p) => p.text).join("\n");
    expect(withoutNotes).toContain("appeal that has not yet been decided");
    expect(withoutNotes).not.toContain("listed for March");
    const { letter } = await letterOf(true);
    const body = letter.paragraphs.map((p) => p.text).join("\n");
    expect(letter.largePrint).toBe(true);
    // The reasons in the order of the maintained list, then the notes.
    expect(body).toMatch(
      /You do not say that you did not commit the offence[\s\S]*appeal that has not yet been decided[\s\S]*Your appeal hearing is listed for March\./,
    );
    expect(body).toContain("Scottish Criminal Cases Review Commission (SCCRC)");
    expect(body).toContain("you do not need a lawyer");
    expect(body).not.toContain("(CCRC)");
    const [logged] = await asSystem(database.db, (tx) =>
      tx.select().from(correspondence).where(eq(correspondence.documentId, documentId)),
    );
    expect(logged?.summary).toBe(
      "Ineligible decision letter (PDF), marked Legal Correspondence, large print",
    );
    if (PDFTOTEXT) {
      const text = await readPdf(documentId);
      expect(text).toContain("SCCRC");
      expect(text).toContain(a.reference);
      expect(text).toContain("Your appeal hearing is listed for March.");
    }

    // Reconsideration: a new draft linked to the decided one, which is kept as it was.
    const reopened = await asUser(database.db, asha.id, (tx) =>
      reconsider(tx, asha.acting, a.id, { reason: "New evidence about the appeal." }),
    );
    const fresh = await load(reopened.id);
    expect(fresh.assessment).toMatchObject({
      status: "draft",
      previousAssessmentId: a.id,
      reconsiderationReason: "New evidence about the appeal.",
      assessorId: asha.id,
      jurisdiction: "scotland",
      couldBeInnocent: "no",
    });
    const earlier = await load(a.id);
    expect(earlier.assessment).toMatchObject({
      status: "decided",
      recommendation: "ineligible",
      decisionLetterId: documentId,
    });
    expect(await application(a.applicationId)).toMatchObject({
      state: "under_assessment",
      closedReason: null,
    });
    expect((await auditActions(reopened.id)).map((e) => e.action)).toContain(
      "assessment.reconsideration_opened",
    );
    // Only the latest decided assessment can be reconsidered.
    expect(
      (
        await refusal(
          asUser(database.db, asha.id, (tx) =>
            reconsider(tx, asha.acting, a.id, { reason: "Again" }),
          ),
        )
      ).message,
    ).toMatch(/later assessment/);
    expect(
      (
        await refusal(
          asUser(database.db, asha.id, (tx) =>
            reconsider(tx, asha.acting, reopened.id, { reason: "Again" }),
          ),
        )
      ).message,
    ).toBe("Only a recorded decision can be reconsidered.");
  });
});

describe("asking for more information", () => {
  it("waits for the information with the chase date, and says what and by when", async () => {
    const a = await assessmentFor();
    const chaseOn = new Date(Date.now() + 28 * 86_400_000).toISOString().slice(0, 10);
    const made = await recommendAs(a.id, {
      recommendation: "more_information",
      informationRequested: "A copy of the judge's summing-up\nThe name of your trial solicitor",
      chaseOn,
    });
    expect(made.status).toBe("agreed");
    const { documentId } = await decide(a.id);
    expect(await application(a.applicationId)).toMatchObject({
      state: "awaiting_information",
      chaseOn,
    });
    const { letter } = await asUser(database.db, asha.id, async (tx) =>
      buildDecisionLetter(tx, await loadAssessment(tx, a.id)),
    );
    expect(letter.template).toBe("decision_more_information");
    const texts = letter.paragraphs.map((p) => p.text);
    expect(texts).toContain("• A copy of the judge's summing-up");
    expect(texts).toContain("• The name of your trial solicitor");
    const replyBy = new Intl.DateTimeFormat("en-GB", {
      day: "numeric",
      month: "long",
      year: "numeric",
      timeZone: "UTC",
    }).format(new Date(`${chaseOn}T00:00:00Z`));
    expect(texts.join(" ")).toContain(`Please send it to us by ${replyBy},`);
    if (PDFTOTEXT) {
      const text = await readPdf(documentId);
      expect(text).toContain("A copy of the judge's summing-up");
      expect(text).toContain(`Please send it to us by ${replyBy},`);
    }
  });
});

describe("the eligible_requires_review setting", () => {
  it("sends an eligible recommendation to a second reviewer", async () => {
    await asSystem(database.db, (tx) =>
      tx.update(settings).set({ value: true }).where(eq(settings.key, ELIGIBLE_REQUIRES_REVIEW)),
    );
    try {
      const a = await assessmentFor();
      await save(a.id, { ...answered, lines: twoLines });
      expect((await recommendAs(a.id, { recommendation: "eligible" })).status).toBe("in_review");
      const rows = await asSystem(database.db, (tx) =>
        tx.select().from(assessments).where(eq(assessments.id, a.id)),
      );
      expect(rows[0]?.status).toBe("in_review");
      expect(await reviewAs(ben, a.id, "agreed")).toEqual({ status: "agreed" });
      expect((await decide(a.id, false, ben)).outcome).toBe("eligible");
    } finally {
      await asSystem(database.db, (tx) =>
        tx.update(settings).set({ value: false }).where(eq(settings.key, ELIGIBLE_REQUIRES_REVIEW)),
      );
    }
  });
});

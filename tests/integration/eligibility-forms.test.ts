import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asUser, type Database } from "~/db/database.server";
import { assessments } from "~/db/schema";
import { startAssessment } from "~/eligibility/start-assessment.server";
import { action as handOverAction } from "~/routes/assessments/hand-over";
import { action as recommendAction } from "~/routes/assessments/recommend";
import { createNetwork, createUser, type TestUser } from "../support/factories";
import { formPost, outcomeOf, routeContext } from "../support/route-call";
import { createTestDatabase } from "../support/test-database";
import { record, setState, uniqueSurname } from "./intake-queue-helpers";

/**
 * The assessment pages' forms through the form-action pipeline, as a browser posts them, on
 * the real database: an id that is not one, what the form itself lacks, what the assessment
 * lacks, another assessor's form, and a hand-over to someone who cannot assess.
 */
let database: Database;
let intake: TestUser;
let asha: TestUser;
let ben: TestUser;

beforeAll(async () => {
  database = await createTestDatabase();
  const network = await createNetwork(database.db);
  const on = (roleKey: "intake_officer" | "assessor") => [{ organisationId: network.id, roleKey }];
  intake = await createUser(database.db, on("intake_officer"));
  asha = await createUser(database.db, on("assessor"));
  ben = await createUser(database.db, on("assessor"));
});
afterAll(async () => {
  await database?.close();
});

async function draftOf(who: TestUser) {
  const r = await record(database, intake, { fullName: `Mary ${uniqueSurname()}` });
  await setState(database, r.applicationId, "ready_for_assessment");
  const { id } = await asUser(database.db, who.id, (tx) =>
    startAssessment(tx, who.acting, r.applicationId),
  );
  return id;
}

const statusOf = (id: string) =>
  asUser(database.db, asha.id, async (tx) => {
    const [row] = await tx
      .select({ status: assessments.status, version: assessments.version })
      .from(assessments)
      .where(eq(assessments.id, id));
    return row;
  });

const recommendAs = (who: TestUser, id: string, fields: Record<string, string>) =>
  outcomeOf(() =>
    recommendAction({
      request: formPost(`/assessments/${id}/recommend`, fields),
      params: { id },
      context: routeContext(database, who.acting),
    }),
  );

describe("making a recommendation", () => {
  it("answers 404 for an assessment id that is not one, before anything runs", async () => {
    const out = await recommendAs(asha, "1; drop table assessments", {
      version: "1",
      recommendation: "withdrawn",
    });
    expect(out.status).toBe(404);
  });

  it("says on the field what the choice needs on the form (400), and changes nothing", async () => {
    const id = await draftOf(asha);
    const out = await recommendAs(asha, id, { version: "1", recommendation: "ineligible" });
    expect(out.status).toBe(400);
    expect(out.data).toMatchObject({
      intent: "recommend",
      result: { error: { ineligibleReasons: ["Choose at least one reason it is ineligible"] } },
    });
    expect((await statusOf(id))?.status).toBe("draft");
  });

  it("refuses an assessment not complete enough (422) in the form, keeping what was chosen", async () => {
    const id = await draftOf(asha);
    const out = await recommendAs(asha, id, { version: "1", recommendation: "eligible" });
    expect(out.status).toBe(422);
    expect(out.data).toMatchObject({
      result: {
        initialValue: { recommendation: "eligible" },
        error: { "": ["This assessment is not complete enough for that recommendation."] },
      },
    });
    expect((await statusOf(id))?.status).toBe("draft");
  });

  it("refuses another assessor's assessment as the error page (403)", async () => {
    const id = await draftOf(asha);
    const out = await recommendAs(ben, id, { version: "1", recommendation: "withdrawn" });
    expect(out.status).toBe(403);
    expect((await statusOf(id))?.status).toBe("draft");
  });

  it("makes a withdrawn recommendation and goes to record the decision", async () => {
    const id = await draftOf(asha);
    const out = await recommendAs(asha, id, { version: "1", recommendation: "withdrawn" });
    expect(out).toEqual({ status: 302, location: `/assessments/${id}/decide?recommended=1` });
    expect((await statusOf(id))?.status).toBe("agreed");
  });
});

describe("handing an assessment over", () => {
  const handOver = (who: TestUser, id: string, fields: Record<string, string>) =>
    outcomeOf(() =>
      handOverAction({
        request: formPost(`/assessments/${id}/hand-over`, fields),
        params: { id },
        context: routeContext(database, who.acting),
      }),
    );

  it("refuses someone who is not an id, and someone who cannot assess, on the field", async () => {
    const id = await draftOf(asha);
    const bad = await handOver(asha, id, { version: "1", assessorId: "asha' or 1=1" });
    expect(bad.status).toBe(400);
    expect(bad.data).toMatchObject({
      result: { error: { assessorId: ["Choose the assessor to hand it to"] } },
    });
    const stranger = await handOver(asha, id, { version: "1", assessorId: randomUUID() });
    expect(stranger.status).toBe(422);
    expect(stranger.data).toMatchObject({
      result: { error: { assessorId: ["Choose someone who can assess applications."] } },
    });
  });

  it("hands it to another assessor, once for a form sent twice", async () => {
    const id = await draftOf(asha);
    const fields = { version: "1", assessorId: ben.id, _submission: randomUUID() };
    const first = await handOver(asha, id, fields);
    expect(first).toEqual({ status: 302, location: `/assessments/${id}?handed=1` });
    expect(await handOver(asha, id, fields)).toEqual(first);
    expect((await statusOf(id))?.version).toBe(2);
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "~/audit/verify-chain.server";
import { asSystem, asUser, type Database, queryRows, toInt } from "~/db/database.server";
import {
  applications,
  assessmentReviews,
  assessments,
  investigationLines,
  users,
} from "~/db/schema";
import { actingAs } from "~/demo/acting-as.server";
import { DEMO_USERS, seedDemoData } from "~/demo/seed-demo.server";
import { createDocumentStore } from "~/documents/storage.server";
import { isUrgent, reviewRefusal } from "~/eligibility/rules";
import { loadEstablishments } from "~/intake/establishments.server";
import { loadLetterSubjects } from "~/letters/letter-facts.server";
import { createMailer } from "~/mail/mailer.server";
import { listCases } from "~/referrals/list-cases.server";
import { today } from "~/shared/dates";
import { createTestDatabase } from "../support/test-database";

let database: Database;
let storeDir: string;
const SECRET = "demo-seed-test-secret-demo-seed-test";
const seed = () =>
  seedDemoData(database.db, SECRET, {
    store: createDocumentStore(storeDir, SECRET),
    mailer: createMailer({ smtpUrl: undefined, from: "network@clearname.test", db: database.db }),
    publicUrl: "http://localhost:3000",
  });
beforeAll(async () => {
  storeDir = fs.mkdtempSync(path.join(os.tmpdir(), "clearname-demo-seed-"));
  database = await createTestDatabase();
  await loadEstablishments(database.db);
});
afterAll(async () => {
  await database?.close();
  fs.rmSync(storeDir, { recursive: true, force: true });
});

const count = async (query: ReturnType<typeof sql>) =>
  toInt((await queryRows<{ n: number }>(database.db, query))[0]?.n ?? 0);

describe("the demo data", () => {
  it("loads fictional applications across states and channels, once, quickly", async () => {
    const started = Date.now();
    expect(await seed()).toBe(true);
    expect(Date.now() - started).toBeLessThan(20_000);
    // 40 from intake, 6 more from the eligibility demo, two of them referred to projects.
    expect(await count(sql`select count(*) as n from applications`)).toBe(46);
    const states = await queryRows<{ state: string; n: number }>(
      database.db,
      sql`select state, count(*) as n from applications group by state`,
    );
    expect(Object.fromEntries(states.map((s) => [s.state, toInt(s.n)]))).toEqual({
      received: 14,
      acknowledged: 12,
      awaiting_information: 5,
      ready_for_assessment: 6,
      under_assessment: 2,
      awaiting_referral: 1,
      referred: 2,
      closed: 4,
    });
    expect(await count(sql`select count(distinct channel) as n from applications`)).toBe(5);
    // Overdue for acknowledgement.
    expect(
      await count(
        sql`select count(*) as n from applications where state = 'received' and acknowledgement_due_on < current_date`,
      ),
    ).toBeGreaterThanOrEqual(4);
    // A likely duplicate: one prisoner number, two spellings of the name.
    const names = await queryRows<{ full_name: string }>(
      database.db,
      sql`select full_name from applicants where prisoner_number = 'A4821FX' order by full_name`,
    );
    expect(names.map((n) => n.full_name)).toEqual(["Jonty Marchbank", "Jonty Marchbanks"]);
    // Co-defendants: the same court and conviction date.
    expect(
      await count(
        sql`select count(*) as n from applications where court = 'Northmoor Crown Court' and conviction_date = '2019-06-14'`,
      ),
    ).toBe(2);
    const ids = await queryRows<{ id: string; name: string }>(
      database.db,
      sql`select p.id, a.full_name as name from applications p join applicants a on a.id = p.applicant_id`,
    );
    const subjects = await loadLetterSubjects(
      database.db,
      ids.map((i) => i.id),
    );
    const byName = new Map(subjects.map((s) => [s.facts.applicant.name, s]));
    expect(byName.get("Barnaby Quillfeather")?.address.lines).toContain("L9 7LH");
    expect(byName.get("Wilhelmina Nowt")?.address.complete).toBe(false);
    expect(byName.get("Łucja Próbna")?.facts.network.returnAddress).toEqual([
      "PO Box 4021",
      "Northmoor",
      "NM1 4ZZ",
    ]);
    expect(await seed()).toBe(false);
  });

  // Runs on the data the test above loaded.
  it("gives the demo assessor an assessment queue: urgent, draft, to review, decided", async () => {
    const [asha, bram] = await Promise.all(
      ["assessor@clearname.test", "assessor2@clearname.test"].map(async (email) => {
        const [u] = await database.db.select().from(users).where(eq(users.email, email));
        if (!u) throw new Error(`no demo user ${email}`);
        return u;
      }),
    );
    if (!asha || !bram) throw new Error("no demo assessors");
    const ready = await queryRows<{ name: string; conviction_date: string | null }>(
      database.db,
      sql`select a.full_name as name, p.conviction_date::text as conviction_date
          from applications p join applicants a on a.id = p.applicant_id
          where p.state = 'ready_for_assessment'`,
    );
    expect(ready).toHaveLength(6);
    expect(
      ready
        .filter((r) => isUrgent({ convictionDate: r.conviction_date }, today()))
        .map((r) => r.name),
    ).toEqual(["Zebedee Harrowfield"]);

    // Row-level security lets the demo assessor see all of it.
    const seen = await asUser(database.db, asha.id, async (tx) => {
      const found = [];
      for (const a of await tx.select().from(assessments)) {
        const lines = await tx
          .select()
          .from(investigationLines)
          .where(eq(investigationLines.assessmentId, a.id));
        const reviews = await tx
          .select()
          .from(assessmentReviews)
          .where(eq(assessmentReviews.assessmentId, a.id));
        const [application] = await tx
          .select({ state: applications.state })
          .from(applications)
          .where(eq(applications.id, a.applicationId));
        found.push({ ...a, lines, reviews, applicationState: application?.state });
      }
      return found;
    });
    const byStatus = new Map(
      seen.filter((a) => a.applicationState !== "referred").map((a) => [a.status, a]),
    );
    expect(seen.filter((a) => a.applicationState === "referred")).toHaveLength(2);
    expect([...byStatus.keys()].sort()).toEqual(["decided", "draft", "in_review"]);

    const draft = byStatus.get("draft");
    expect(draft?.assessorId).toBe(asha.id);
    expect(draft?.couldBeInnocent).toBe("unclear");
    expect(draft?.lines).toHaveLength(1);
    expect(draft?.applicationState).toBe("under_assessment");

    const inReview = byStatus.get("in_review");
    expect(inReview?.recommendation).toBe("ineligible");
    expect(inReview?.recommendedBy).toBe(bram.id);
    expect(inReview?.reviews.map((r) => r.outcome)).toEqual([null]);
    expect(inReview && reviewRefusal(asha.id, inReview)).toBeNull();
    expect(inReview && reviewRefusal(bram.id, inReview)).not.toBeNull();

    const decided = byStatus.get("decided");
    expect(decided?.recommendation).toBe("eligible");
    expect(decided?.decidedBy).toBe(asha.id);
    expect(decided?.decidedAt?.getTime()).toBeLessThan(Date.now());
    expect(decided?.lines).toHaveLength(2);
    expect(decided?.applicationState).toBe("awaiting_referral");

    const assessors = await asUser(database.db, asha.id, (tx) =>
      queryRows<{ name: string }>(tx, sql`select name from app_assessors() order by name`),
    );
    expect(assessors.map((a) => a.name)).toEqual([
      "Ada Administrator",
      "Asha Assessor",
      "Bram Assessor",
    ]);
    expect((await verifyAuditChain(database.db)).ok).toBe(true);

    // Loading again adds nothing.
    expect(await seed()).toBe(false);
    expect(await count(sql`select count(*) as n from assessments`)).toBe(5);
    expect(await count(sql`select count(*) as n from investigation_lines`)).toBe(6);
    expect(await count(sql`select count(*) as n from assessment_reviews`)).toBe(1);
    expect(await count(sql`select count(*) as n from users`)).toBe(DEMO_USERS.length);
  });

  // Runs on the data the first test loaded.
  it("gives Ashdown a case at work that only its lead and the caseworker on it see", async () => {
    const activeCases = async (email: string) => {
      const acting = await asSystem(database.db, (tx) => actingAs(tx, email));
      return asUser(database.db, acting.viewer.id, async (tx) =>
        (await listCases(tx, acting)).active.map((c) => c.applicantName),
      );
    };
    expect(await activeCases("lead@clearname.test")).toEqual(["Dorian Pryce"]);
    expect(await activeCases("caseworker@clearname.test")).toEqual(["Dorian Pryce"]);
    expect(await activeCases("caseworker2@clearname.test")).toEqual([]);
    expect(await activeCases("caseworker3@clearname.test")).toEqual([]);
    expect(await activeCases("lead.fenwick@clearname.test")).toEqual([]);
    expect(await activeCases("lead.glenmorra@clearname.test")).toEqual(["Euan Drummond"]);
    // Glenmorra's case came with his sister's account: his prisoner number and his 2018 appeal.
    const [scottish] = await queryRows<{ number: string; appeal: string; jurisdiction: string }>(
      database.db,
      sql`select applicant->>'otherPrisonerNumber' as number,
        account->'answers'->>'appealHistory' as appeal,
        conviction->>'jurisdiction' as jurisdiction
        from cases where applicant->>'fullName' = 'Euan Drummond'`,
    );
    expect(scottish?.number).toBe("0184562");
    expect(scottish?.appeal).toContain("14 March 2018");
    expect(scottish?.jurisdiction).toBe("scotland");
    expect(
      await count(
        sql`select count(*) as n from case_notes where needs_sign_off and signed_off_at is null`,
      ),
    ).toBe(1);
    expect(
      await count(
        sql`select count(*) as n from evidence_items where 'unreliable_informant' = any(fallibility)`,
      ),
    ).toBe(1);
    expect(
      await count(sql`select count(*) as n from case_lines l join cases c on c.id = l.case_id`),
    ).toBe(3);
  });
});

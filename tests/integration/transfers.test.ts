import { desc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getClientWhereabouts, recordClientMove } from "~/casework/client/client-moves.server";
import { queryRows } from "~/db/database.server";
import { applicantMoves, applicants, cases } from "~/db/schema";
import { recordApplicantMove } from "~/intake/applicants/record-move.server";
import { EditApplicantSchema } from "~/intake/applicants/schemas";
import { updateApplicantDetails } from "~/intake/applicants/update-applicant.server";
import { deliveryAddress } from "~/letters/letter-content";
import { loadLetterSubjects } from "~/letters/letter-facts.server";
import { addDays, today } from "~/shared/dates";
import { type AcceptedCase, acceptedCase, setUpCasework } from "../support/casework-scenario";
import { databaseMessage } from "../support/errors";
import { establishmentIdOf } from "../support/referral-scenario";

/**
 * A client's prison transfer reaches both sides (ADR 029): recorded by the network on its
 * applicant, the project's case follows; recorded by the project on its case, the network's
 * applicant (and the letters it sends after) follows — each side keeping its history, each
 * disclosure audited, and no row-level security opened between them.
 */
const ctx = setUpCasework("transfers");
const day = today();
let theCase: AcceptedCase;
let garth: string;
let wakefield: string;

const caseRow = async () => {
  const [row] = await ctx.db.select().from(cases).where(eq(cases.id, theCase.caseId));
  if (!row) throw new Error("no case");
  return row;
};
const applicantOf = async () => {
  const [row] = await ctx.db
    .select()
    .from(applicants)
    .where(
      eq(
        applicants.id,
        sql`(select applicant_id from applications where id = ${theCase.applicationId})`,
      ),
    );
  if (!row) throw new Error("no applicant");
  return row;
};

beforeAll(async () => {
  theCase = await acceptedCase(ctx, {
    project: "second",
    team: [ctx.people.second.caseworker],
  });
  garth = await establishmentIdOf(ctx.db, "HMP Garth");
  wakefield = await establishmentIdOf(ctx.db, "HMP Wakefield");
}, 240_000);

describe("a transfer recorded by the network", () => {
  it("shows on the project's case, with its history", async () => {
    const { intake, second } = ctx.people;
    const person = await applicantOf();
    await ctx.as(intake, (tx) =>
      recordApplicantMove(tx, intake.acting, person.id, {
        establishmentId: garth,
        fromDate: addDays(day, -20),
      }),
    );
    const c = await caseRow();
    expect(c.applicant.establishment).toBe("HMP Garth");
    const seen = await ctx.as(second.caseworker, (tx) =>
      getClientWhereabouts(tx, second.caseworker.acting, theCase.caseId),
    );
    expect(seen.case.establishment).toBe("HMP Garth");
    expect(seen.moves).toEqual([
      expect.objectContaining({
        establishmentName: "HMP Garth",
        fromDate: addDays(day, -20),
        source: "network",
      }),
    ]);
    const [disclosed] = await queryRows<{ organisation_id: string; details: { cases: unknown[] } }>(
      ctx.db,
      sql`select organisation_id, details from audit_events
          where action = 'applicant.move_disclosed_to_projects' and entity_id = ${person.id}`,
    );
    expect(disclosed?.organisation_id).toBe(ctx.people.networkId);
    expect(disclosed?.details.cases).toEqual([{ caseId: theCase.caseId, project: second.id }]);
  });
});

describe("a transfer recorded by the project", () => {
  it("updates the network's applicant, its history and the letters it sends after", async () => {
    const { intake, second } = ctx.people;
    const before = await caseRow();
    await ctx.as(second.caseworker, (tx) =>
      recordClientMove(tx, second.caseworker.acting, theCase.caseId, {
        establishmentId: wakefield,
        fromDate: addDays(day, -2),
        version: before.version,
      }),
    );
    const person = await applicantOf();
    expect(person.currentEstablishmentId).toBe(wakefield);
    const history = await ctx.db
      .select({
        establishmentId: applicantMoves.establishmentId,
        fromDate: applicantMoves.fromDate,
        toDate: applicantMoves.toDate,
        source: applicantMoves.source,
      })
      .from(applicantMoves)
      .where(eq(applicantMoves.applicantId, person.id))
      .orderBy(desc(applicantMoves.fromDate));
    expect(history.slice(0, 2)).toEqual([
      { establishmentId: wakefield, fromDate: addDays(day, -2), toDate: null, source: "project" },
      {
        establishmentId: garth,
        fromDate: addDays(day, -20),
        toDate: addDays(day, -2),
        source: "network",
      },
    ]);
    expect((await caseRow()).applicant.establishment).toBe("HMP Wakefield");
    const seen = await ctx.as(second.lead, (tx) =>
      getClientWhereabouts(tx, second.lead.acting, theCase.caseId),
    );
    expect(seen.moves.map((m) => [m.establishmentName, m.source])).toEqual([
      ["HMP Wakefield", "project"],
      ["HMP Garth", "network"],
    ]);
    // The network's next letter goes to the new prison.
    const [subject] = await ctx.as(intake, (tx) => loadLetterSubjects(tx, [theCase.applicationId]));
    expect(subject).toBeDefined();
    if (subject) expect(deliveryAddress(subject.facts).lines.join(" ")).toMatch(/Wakefield/);
    const [disclosed] = await queryRows<{ organisation_id: string; actor_user_id: string }>(
      ctx.db,
      sql`select organisation_id, actor_user_id from audit_events
          where action = 'applicant.move_disclosed_by_project' and entity_id = ${person.id}`,
    );
    expect(disclosed).toEqual({
      organisation_id: ctx.people.networkId,
      actor_user_id: second.caseworker.id,
    });
  });

  it("refuses a move dated before the last one", async () => {
    const { second } = ctx.people;
    const { version } = await caseRow();
    await expect(
      ctx.as(second.lead, (tx) =>
        recordClientMove(tx, second.lead.acting, theCase.caseId, {
          establishmentId: garth,
          fromDate: addDays(day, -30),
          version,
        }),
      ),
    ).rejects.toMatchObject({ code: "INVALID", details: { field: "fromDate" } });
  });

  it("opens no hole in row-level security between the network and the project", async () => {
    const { second, first } = ctx.people;
    const person = await applicantOf();
    // The project still cannot read the network's applicant, nor call the inner function.
    expect(
      await ctx.as(second.caseworker, (tx) =>
        queryRows(tx, sql`select id from applicants where id = ${person.id}`),
      ),
    ).toEqual([]);
    const refused = async (user: typeof first.lead, query: ReturnType<typeof sql>) => {
      const error = await ctx
        .as(user, (tx) => tx.execute(query))
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(error).not.toBeNull();
      return databaseMessage(error);
    };
    expect(
      await refused(
        second.caseworker,
        sql`select * from client_move_to_cases(${person.id}::uuid, ${garth}::uuid, null, ${day}::date, 'project', null)`,
      ),
    ).toMatch(/permission denied/);
    // Another project's lead cannot record a move on this case, nor the project on the network's applicant.
    expect(
      await refused(
        first.lead,
        sql`select * from app_disclose_move_to_network(${theCase.caseId}::uuid, ${garth}::uuid, null, ${day}::date)`,
      ),
    ).toMatch(/not allowed/);
    expect(
      await refused(
        second.lead,
        sql`select * from app_disclose_move_to_projects(${person.id}::uuid, ${day}::date)`,
      ),
    ).toMatch(/not allowed/);
    await expect(
      ctx.as(first.lead, (tx) =>
        recordClientMove(tx, first.lead.acting, theCase.caseId, {
          establishmentId: garth,
          fromDate: day,
          version: 1,
        }),
      ),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    // The history is the project's: another project does not see it.
    expect(
      await ctx.as(first.lead, (tx) =>
        queryRows(tx, sql`select id from case_client_moves where case_id = ${theCase.caseId}`),
      ),
    ).toEqual([]);
  });
});

describe("a release and a new address recorded by the network", () => {
  it("reach the project's case: no prison, and the address to write to", async () => {
    const { intake, second } = ctx.people;
    const person = await applicantOf();
    await ctx.as(intake, (tx) =>
      recordApplicantMove(tx, intake.acting, person.id, { establishmentId: null, fromDate: day }),
    );
    expect((await caseRow()).applicant.establishment).toBeNull();
    const address = "14 Mill Lane\nLeeds LS2 7AB";
    const released = await applicantOf();
    await ctx.as(intake, (tx) =>
      updateApplicantDetails(
        tx,
        intake.acting,
        person.id,
        EditApplicantSchema.parse({
          fullName: released.fullName,
          prisonerNumber: released.prisonerNumber ?? "",
          postalAddress: address,
          largePrint: released.largePrint,
          legalCorrespondence: released.legalCorrespondence ? "yes" : "no",
          version: String(released.version),
        }),
      ),
    );
    expect((await caseRow()).applicant.postalAddress).toBe(address);
    const seen = await ctx.as(second.lead, (tx) =>
      getClientWhereabouts(tx, second.lead.acting, theCase.caseId),
    );
    expect(seen.moves[0]).toMatchObject({
      establishmentName: null,
      postalAddress: address,
      source: "network",
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/database.server";
import { addWorkingDays, today } from "~/shared/dates";
import { createNetwork, createUser, type TestUser } from "../support/factories";
import { createTestDatabase } from "../support/test-database";
import {
  createEstablishment,
  queue,
  record,
  setState,
  sorted,
  uniqueSurname,
} from "./intake-queue-helpers";

let database: Database;
let intake: TestUser;
let assessor: TestUser;
beforeAll(async () => {
  database = await createTestDatabase();
  const network = await createNetwork(database.db);
  intake = await createUser(database.db, [
    { organisationId: network.id, roleKey: "intake_officer" },
  ]);
  assessor = await createUser(database.db, [{ organisationId: network.id, roleKey: "assessor" }]);
});
afterAll(async () => {
  await database?.close();
});

const refs = (page: { rows: { reference: string }[] }) => sorted(page.rows.map((r) => r.reference));

describe("the queue's filters", () => {
  it("each narrows the queue to what matches", async () => {
    const name = uniqueSurname();
    const [eastgate, westgate] = [
      await createEstablishment(database, `HMP Eastgate ${name}`),
      await createEstablishment(database, `HMP Westgate ${name}`),
    ];
    const a = await record(database, intake, {
      fullName: `Ann ${name}`,
      channel: "post",
      receivedOn: "2003-02-03",
      establishmentId: eastgate,
      assigneeId: intake.id,
    });
    const b = await record(database, intake, {
      fullName: `Ben ${name}`,
      channel: "online",
      receivedOn: "2003-05-12",
      establishmentId: westgate,
      assigneeId: assessor.id,
    });
    const c = await record(database, intake, {
      fullName: `Cai ${name}`,
      channel: "email",
      receivedOn: "2003-09-01",
    });
    const d = await record(database, intake, {
      fullName: `Dee ${name}`,
      channel: "post",
      receivedOn: "2003-11-03",
      establishmentId: eastgate,
    });
    await setState(database, b.applicationId, "acknowledged", null, "2003-05-13");
    await setState(database, c.applicationId, "closed", "withdrawn");
    const year = { receivedFrom: "2003-01-01", receivedTo: "2003-12-31" };
    const all = [a, b, c, d].map((x) => x.reference);

    expect(refs(await queue(database, intake, year))).toEqual(sorted(all));
    expect(refs(await queue(database, intake, { ...year, state: "acknowledged" }))).toEqual([
      b.reference,
    ]);
    expect(refs(await queue(database, intake, { ...year, channel: "post" }))).toEqual(
      sorted([a.reference, d.reference]),
    );
    expect(refs(await queue(database, intake, { ...year, establishmentId: eastgate }))).toEqual(
      sorted([a.reference, d.reference]),
    );
    expect(refs(await queue(database, intake, { ...year, assignee: assessor.id }))).toEqual([
      b.reference,
    ]);
    expect(refs(await queue(database, intake, { ...year, assignee: "none" }))).toEqual(
      sorted([c.reference, d.reference]),
    );
    expect(
      refs(await queue(database, intake, { receivedFrom: "2003-05-12", receivedTo: "2003-09-01" })),
    ).toEqual(sorted([b.reference, c.reference]));
    // Open and never acknowledged, long past due: a and d (b was acknowledged, c is closed).
    expect(refs(await queue(database, intake, { ...year, overdue: true }))).toEqual(
      sorted([a.reference, d.reference]),
    );
    expect(refs(await queue(database, intake, { ...year, likelyDuplicate: true }))).toEqual([]);

    const page = await queue(database, intake, year);
    const rowA = page.rows.find((r) => r.id === a.applicationId);
    expect(rowA).toMatchObject({
      applicantName: `Ann ${name}`,
      establishmentName: `HMP Eastgate ${name}`,
      channel: "post",
      state: "received",
      assigneeName: expect.stringMatching(/^Test User/),
      overdue: true,
      isDraft: false,
      earlier: null,
      acknowledgementDueOn: addWorkingDays("2003-02-03", 10),
    });
  });

  it("flags likely duplicates: another application by the applicant, or a shared prisoner number", async () => {
    const name = uniqueSurname();
    const first = await record(database, intake, {
      fullName: `Eve ${name}`,
      receivedOn: "2004-01-05",
    });
    const again = await record(database, intake, {
      fullName: `Eve ${name}`,
      applicantId: first.applicantId,
      receivedOn: "2004-06-07",
    });
    const sharedA = await record(database, intake, {
      fullName: `Fay ${name}`,
      prisonerNumber: "K4321ZZ",
      receivedOn: "2004-02-02",
    });
    const sharedB = await record(database, intake, {
      fullName: `Faye ${name}x`,
      prisonerNumber: "k4321 zz",
      receivedOn: "2004-03-01",
      isDraft: true,
    });
    const alone = await record(database, intake, {
      fullName: `Gus ${name}`,
      receivedOn: "2004-04-01",
    });
    const page = await queue(database, intake, {
      receivedFrom: "2004-01-01",
      receivedTo: "2004-12-31",
      likelyDuplicate: true,
    });
    expect(refs(page)).toEqual(
      sorted([first.reference, again.reference, sharedA.reference, sharedB.reference]),
    );
    expect(refs(page)).not.toContain(alone.reference);
    const rows = new Map(page.rows.map((r) => [r.id, r]));
    expect(rows.get(again.applicationId)?.earlier).toEqual({
      reference: first.reference,
      state: "received",
      closedReason: null,
    });
    expect(rows.get(first.applicationId)?.earlier).toBeNull();
    expect(rows.get(sharedB.applicationId)?.isDraft).toBe(true);
  });
});

describe("searching the queue", () => {
  it("finds applications by name, alias, reference and prisoner number", async () => {
    const name = uniqueSurname();
    const a = await record(database, intake, {
      fullName: `Harriet Quill ${name}`,
      aliases: `Hattie ${name}`,
      prisonerNumber: "B2468CD",
      receivedOn: "2005-03-01",
    });
    const b = await record(database, intake, {
      fullName: `Ivor ${name}`,
      receivedOn: "2005-03-02",
    });
    expect(refs(await queue(database, intake, { q: name }))).toEqual(
      sorted([a.reference, b.reference]),
    );
    expect(refs(await queue(database, intake, { q: `${name} harriet` }))).toEqual([a.reference]);
    expect(refs(await queue(database, intake, { q: `hattie ${name.toUpperCase()}` }))).toEqual([
      a.reference,
    ]);
    expect(refs(await queue(database, intake, { q: a.reference }))).toEqual([a.reference]);
    const n = Number(a.reference.slice(-5));
    expect(refs(await queue(database, intake, { q: `cn 2005 ${n}` }))).toEqual([a.reference]);
    expect(refs(await queue(database, intake, { q: "b 2468 cd" }))).toEqual([a.reference]);
    // Filters still apply to what the search found.
    expect(refs(await queue(database, intake, { q: name, channel: "online" }))).toEqual([]);
  });

  it("falls back to similar names, and says when the text cannot be searched", async () => {
    const name = uniqueSurname();
    const a = await record(database, intake, {
      fullName: `Jonathan ${name}`,
      receivedOn: "2005-04-01",
    });
    const misspelt = `${name.slice(0, -1)}${name.endsWith("a") ? "e" : "a"}`;
    const fuzzy = await queue(database, intake, { q: misspelt });
    expect(fuzzy.search?.fuzzy).toBe(true);
    expect(fuzzy.rows.map((r) => r.reference)).toContain(a.reference);
    const unusable = await queue(database, intake, { q: "ab" });
    expect(unusable.search?.unusable).toBe(true);
    expect(unusable.rows).toEqual([]);
  });
});

describe("overdue acknowledgements", () => {
  it("marks open, unacknowledged applications past their due date", async () => {
    const name = uniqueSurname();
    const late = await record(database, intake, {
      fullName: `Kit ${name}`,
      receivedOn: "2006-01-02",
    });
    const fresh = await record(database, intake, { fullName: `Lou ${name}`, receivedOn: today() });
    const answered = await record(database, intake, {
      fullName: `Max ${name}`,
      receivedOn: "2006-01-02",
    });
    await setState(database, answered.applicationId, "acknowledged", null, "2006-01-05");
    const page = await queue(database, intake, { q: name });
    const overdue = new Map(page.rows.map((r) => [r.reference, r.overdue]));
    expect(overdue.get(late.reference)).toBe(true);
    expect(overdue.get(fresh.reference)).toBe(false);
    expect(overdue.get(answered.reference)).toBe(false);
    expect(refs(await queue(database, intake, { q: name, overdue: true }))).toEqual([
      late.reference,
    ]);
  });
});

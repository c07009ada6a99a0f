import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "~/audit/verify-chain.server";
import { queryRows } from "~/db/database.server";
import { applicantMoves, applicants, applications, auditEvents } from "~/db/schema";
import type { ImportMode } from "~/intake/import/runs.server";
import { csvCell, type ImportHarness, importHarness } from "./import-harness";

let h: ImportHarness;
beforeAll(async () => {
  h = await importHarness();
});
afterAll(async () => {
  await h?.close();
});

const HEADERS = [
  "Reference",
  "Name",
  "Aliases",
  "DOB",
  "Prison number",
  "Prison",
  "Date received",
  "Offences",
  "Court",
  "Conviction date",
  "Plea",
  "Why wrong",
];

/** The 20 bad rows: line → [the cells to change, what the report must say]. */
const BAD: [number, Record<number, string>, RegExp][] = [
  [2, { 1: "" }, /Enter the applicant's full name/],
  [57, { 3: "31/02/1980" }, /Date of birth must be a real date/],
  [400, { 6: "01/01/2999" }, /Date received cannot be in the future/],
  [777, { 5: "HMP Nowhere" }, /No establishment is called “HMP Nowhere”/],
  [1000, { 4: "12345" }, /England and Wales prisoner number/],
  [1001, { 6: "" }, /Enter the date the application was received/],
  [1500, { 10: "Maybe" }, /Choose one of the answers for plea/],
  [2024, { 9: "2999-01-01" }, /Date of conviction cannot be in the future/],
  [2500, { 3: "2099-01-01" }, /Date of birth cannot be in the future/],
  [3001, { 6: "yesterday" }, /Date received must be a real date/],
  [3333, { 0: "" }, /legacy reference is empty/],
  [4000, { 9: "32/13/2001" }, /Date of conviction must be a real date/],
  [4500, { 1: "x".repeat(201) }, /Full name must be 200 characters or fewer/],
  [5000, { 0: "LEG-00100" }, /legacy reference is also on line 101/],
  [6001, { 3: "1850-01-01" }, /Date of birth must be after 1900/],
  [7000, { 5: "Nowhere Else" }, /No establishment is called/],
  [7777, { 4: "ZZ" }, /England and Wales prisoner number/],
  [8888, { 1: "", 6: "" }, /full name.*date the application was received/],
  [9500, { 10: "sort of" }, /Choose one of the answers for plea/],
  [10001, { 3: "not known" }, /Date of birth must be a real date/],
];

/** Row `line` (2 = the first data row) of the legacy register, as cells. */
function legacyRow(line: number, prefix: string): string[] {
  const n = line - 1;
  const day = String((n % 28) + 1).padStart(2, "0");
  const month = String((n % 12) + 1).padStart(2, "0");
  return [
    `${prefix}-${String(n).padStart(5, "0")}`,
    `Applicant ${prefix} ${n}`,
    n % 10 === 0 ? `Alias ${n}; Other ${n}` : "",
    n % 2 === 0 ? `${day}/${month}/1975` : `1980-${month}-${day}`,
    n % 3 === 0 ? `A${String(1000 + (n % 9000)).padStart(4, "0")}BC` : "",
    n % 4 === 0 ? "HMP/YOI Altcourse" : n % 4 === 1 ? "ashfield" : "",
    `${day}/${month}/20${String(10 + (n % 15)).padStart(2, "0")}`,
    "Robbery",
    "Leeds Crown Court",
    "2009-06-12",
    n % 2 === 0 ? "Not guilty" : "guilty",
    `He says, "I was elsewhere".\nLine two of ${n}.`,
  ];
}

/** 10,000 data rows (lines 2 to 10001), with the 20 bad rows of BAD. */
function legacyCsv(prefix: string, rows = 10_000): Buffer {
  const lines = [HEADERS.join(",")];
  const bad = new Map(BAD.map(([line, change]) => [line, change]));
  for (let line = 2; line <= rows + 1; line++) {
    const cells = legacyRow(line, prefix);
    for (const [i, v] of Object.entries(bad.get(line) ?? {})) cells[Number(i)] = v;
    if (line === 5000) cells[0] = `${prefix}-00100`;
    lines.push(cells.map(csvCell).join(","));
  }
  return Buffer.from(`\ufeff${lines.join("\r\n")}\r\n`);
}

const upload = (filename: string, bytes: Buffer, headers = HEADERS) =>
  h.upload(filename, bytes, headers);
const importRun = (runId: string, mode: ImportMode) => h.importRun(runId, mode);

async function countImported(prefix: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    h.database.db,
    sql`select count(*)::int as n from applications where import_key like ${`legacy:${prefix}-%`}`,
  );
  return Number(row?.n);
}

describe("importing a legacy CSV register", () => {
  it("reports every bad row, imports nothing all-or-nothing, the valid rows otherwise, and nothing new again", async () => {
    const bytes = legacyCsv("LEG");
    const checked = await upload("register.csv", bytes);
    expect(checked.status).toBe("validated");
    expect(checked.totalRows).toBe(10_000);
    expect(checked.invalidRows).toBe(20);
    expect(checked.skippedRows).toBe(0);
    expect(checked.errors.map((e) => e.line)).toEqual(BAD.map(([line]) => line));
    for (const [line, , reason] of BAD) {
      expect(checked.errors.find((e) => e.line === line)?.message).toMatch(reason);
    }

    const allOrNothing = await importRun(checked.id, "all_or_nothing");
    expect(allOrNothing.status).toBe("failed");
    expect(allOrNothing.failure).toMatch(/^Nothing was imported: 20 rows have problems/);
    expect(allOrNothing.importedRows).toBe(0);
    expect(await countImported("LEG")).toBe(0);

    const validOnly = await importRun(checked.id, "valid_only");
    expect(validOnly.status).toBe("done");
    expect(validOnly.importedRows).toBe(9_980);
    expect(validOnly.invalidRows).toBe(20);
    expect(await countImported("LEG")).toBe(9_980);

    // What recordApplication would have stored, row for row.
    const [one] = await h.database.db
      .select()
      .from(applications)
      .innerJoin(applicants, eq(applicants.id, applications.applicantId))
      .where(eq(applications.importKey, "LEG-00004".replace(/^/, "legacy:")));
    expect(one?.applications).toMatchObject({
      channel: "import",
      state: "received",
      receivedOn: "2014-05-05",
      acknowledgementDueOn: "2014-05-19",
      offence: "Robbery",
      court: "Leeds Crown Court",
      convictionDate: "2009-06-12",
      recordedBy: h.intake.id,
    });
    expect(one?.applications.reference).toMatch(/^CN-2014-\d{5}$/);
    expect(one?.applications.questionnaire).toMatchObject({
      plea: "not_guilty",
      whyWrong: 'He says, "I was elsewhere".\nLine two of 4.',
    });
    expect(one?.applicants).toMatchObject({
      fullName: "Applicant LEG 4",
      dateOfBirth: "1975-05-05",
    });
    const moves = await h.database.db
      .select()
      .from(applicantMoves)
      .where(eq(applicantMoves.applicantId, one?.applicants.id ?? ""));
    expect(moves).toHaveLength(1);

    const batches = await h.database.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, "application.imported"), eq(auditEvents.entityId, checked.id)),
      );
    expect(batches).toHaveLength(10);
    expect(batches.reduce((n, e) => n + Number(e.details.count), 0)).toBe(9_980);
    const runs = await h.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "import.run"), eq(auditEvents.entityId, checked.id)));
    expect(runs.map((e) => e.details.outcome)).toEqual(["failed", "done"]);

    // The same file again: every valid row is already in.
    const again = await upload("register (copy).csv", bytes);
    expect(again.skippedRows).toBe(9_980);
    const rerun = await importRun(again.id, "valid_only");
    expect(rerun).toMatchObject({ status: "done", importedRows: 0, skippedRows: 9_980 });
    expect(await countImported("LEG")).toBe(9_980);
    expect((await verifyAuditChain(h.database.db)).ok).toBe(true);
  }, 240_000);

  it("imports all or nothing when every row is good, keyed by content without a reference", async () => {
    const headers = HEADERS.slice(1);
    const rows = Array.from({ length: 30 }, (_, i) => legacyRow(i + 2, "AON").slice(1));
    const csv = (order: number[]) =>
      Buffer.from(
        [order.map((c) => headers[c]), ...rows.map((r) => order.map((c) => r[c] ?? ""))]
          .map((cells) => cells.map((c) => csvCell(c ?? "")).join(","))
          .join("\n"),
      );
    const forwards = headers.map((_, i) => i);
    const checked = await upload("good.csv", csv(forwards), headers);
    expect(checked).toMatchObject({ totalRows: 30, invalidRows: 0 });
    const done = await importRun(checked.id, "all_or_nothing");
    expect(done).toMatchObject({ status: "done", importedRows: 30 });
    // A re-export with the columns in another order holds the same rows.
    const backwards = [...forwards].reverse();
    const again = await upload(
      "good-reordered.csv",
      csv(backwards),
      backwards.map((i) => headers[i] ?? ""),
    );
    expect(again).toMatchObject({ totalRows: 30, skippedRows: 30 });
  }, 60_000);
});

describe("an old register's outcomes and people", () => {
  it("closes decided rows, keeps open ones open, and joins a known prisoner number to its person", async () => {
    const tag = `OUT${Math.random().toString(36).slice(2, 6).toUpperCase()}`;
    const pn = `K${String(Math.floor(Math.random() * 9000) + 1000)}${tag
      .slice(-2)
      .replace(/[^A-Z]/g, "Q")
      .padEnd(2, "Q")}`;
    const headers = ["Reference", "Name", "Prison number", "Date received", "Outcome"];
    const lines = [
      [`${tag}-1`, `Ida ${tag}`, pn, "03/04/2009", "Ineligible"],
      [`${tag}-2`, `Ida ${tag}`, pn.toLowerCase(), "05/06/2011", "Referred"],
      [`${tag}-3`, `Jo ${tag}`, "", "07/08/2012", ""],
      [`${tag}-4`, `Kit ${tag}`, "", "07/08/2012", "Acknowledged"],
    ];
    const bad = [...lines, [`${tag}-5`, `Lu ${tag}`, "", "07/08/2012", "Lost in the post"]];
    const csv = (rows: string[][]) =>
      Buffer.from([headers, ...rows].map((cells) => cells.map(csvCell).join(",")).join("\n"));
    const refused = await upload("outcomes-bad.csv", csv(bad), headers);
    expect(refused.invalidRows).toBe(1);
    expect(JSON.stringify(refused)).toMatch(/Where it stands must be .* not “Lost in the post”/);

    const checked = await upload("outcomes.csv", csv(lines), headers);
    expect(checked).toMatchObject({ totalRows: 4, invalidRows: 0 });
    expect(await importRun(checked.id, "all_or_nothing")).toMatchObject({ importedRows: 4 });
    const rows = await queryRows<{
      key: string;
      state: string;
      closed_reason: string | null;
      acknowledged_on: string | null;
      applicant_id: string;
      likely_duplicate: boolean;
    }>(
      h.database.db,
      sql`select import_key as key, state, closed_reason, acknowledged_on::text, applicant_id, likely_duplicate
          from applications where import_key like ${`legacy:${tag}-%`} order by import_key`,
    );
    expect(rows.map((r) => [r.state, r.closed_reason, r.acknowledged_on])).toEqual([
      ["closed", "ineligible", "2009-04-03"],
      ["closed", "eligible_referred", "2011-06-05"],
      ["received", null, null],
      ["acknowledged", null, "2012-08-07"],
    ]);
    // The same prisoner number is one person with two applications.
    expect(rows[0]?.applicant_id).toBe(rows[1]?.applicant_id);
    expect(rows[0]?.likely_duplicate).toBe(true);
    expect(rows[2]?.applicant_id).not.toBe(rows[3]?.applicant_id);
    const people = await queryRows<{ n: string }>(
      h.database.db,
      sql`select count(*)::text as n from applicants where full_name = ${`Ida ${tag}`}`,
    );
    expect(people[0]?.n).toBe("1");
  }, 60_000);
});

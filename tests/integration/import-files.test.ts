import { eq, like, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asUser } from "~/db/database.server";
import { applicants, applications, importRuns } from "~/db/schema";
import { createImportRun } from "~/intake/import/runs.server";
import { expectRefused } from "../support/errors";
import { createOrganisation, createUser } from "../support/factories";
import { type ImportHarness, importHarness } from "./import-harness";

let h: ImportHarness;
beforeAll(async () => {
  h = await importHarness();
});
afterAll(async () => {
  await h?.close();
});

describe("importing an Excel workbook", () => {
  it("reads the first sheet, dates and all", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Register");
    sheet.addRow(["Ref", "Full name", "Date of birth", "Received", "Prison"]);
    for (let i = 1; i <= 40; i++)
      sheet.addRow([
        `XL-${i}`,
        `Excel Person ${i}`,
        new Date(Date.UTC(1970, 0, i)),
        new Date(Date.UTC(2021, 2, (i % 28) + 1)),
        i % 2 ? "HMP Ashfield" : "",
      ]);
    sheet.addRow(["XL-41", "", "1970-01-01", "2021-03-01", ""]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const headers = ["Ref", "Full name", "Date of birth", "Received", "Prison"];
    const checked = await h.upload("register.xlsx", bytes, headers);
    expect(checked).toMatchObject({
      status: "validated",
      format: "xlsx",
      totalRows: 41,
      invalidRows: 1,
    });
    expect(checked.errors).toEqual([{ line: 42, message: "Enter the applicant's full name" }]);
    const done = await h.importRun(checked.id, "valid_only");
    expect(done.importedRows).toBe(40);
    const [row] = await h.database.db
      .select({ dob: applicants.dateOfBirth, receivedOn: applications.receivedOn })
      .from(applications)
      .innerJoin(applicants, eq(applicants.id, applications.applicantId))
      .where(eq(applications.importKey, "legacy:XL-3"));
    expect(row).toEqual({ dob: "1970-01-03", receivedOn: "2021-03-04" });
  }, 60_000);
});

describe("a file that is not what it claims to be", () => {
  const tryUpload = (filename: string, bytes: Buffer) =>
    asUser(h.database.db, h.intake.id, (tx) =>
      createImportRun(tx, h.intake.acting, h.store, { filename, bytes }),
    );

  it("reports a PNG renamed .csv", async () => {
    const png = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");
    await expect(tryUpload("applications.csv", png)).rejects.toThrow(
      "“applications.csv” is a PNG image, not a CSV file or an Excel workbook.",
    );
  });

  it("reports a Latin-1 file, naming the line, and keeps nothing", async () => {
    const latin1 = Buffer.from("Name,Date received\nJosé Núñez,01/02/2020\n", "latin1");
    await expect(tryUpload("latin1.csv", latin1)).rejects.toThrow(
      /is not UTF-8 text: line 2 has characters in another encoding/,
    );
    const kept = await h.database.db.execute(
      sql`select 1 from import_runs where filename = 'latin1.csv'`,
    );
    expect((kept as unknown as { rows: unknown[] }).rows).toHaveLength(0);
  });

  it("reports a workbook named .csv, and a damaged quote in CSV at its line", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("A").addRow(["Name"]);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    await expect(tryUpload("sheet.csv", xlsx)).rejects.toThrow(/is an Excel workbook/);
    const broken = Buffer.from('Name,Date received\nAnn,2020-01-01\n"Bob,2020-01-02\n');
    await expect(tryUpload("broken.csv", broken)).rejects.toThrow(
      "The file could not be read as CSV at line 3: a quoted value is never closed.",
    );
  });
});

describe("who may import", () => {
  it("is refused to a project lead, by the database too", async () => {
    const project = await createOrganisation(h.database.db);
    const lead = await createUser(h.database.db, [
      { organisationId: project.id, roleKey: "project_lead" },
    ]);
    await expectRefused(
      asUser(h.database.db, lead.id, (tx) =>
        createImportRun(tx, lead.acting, h.store, {
          filename: "x.csv",
          bytes: Buffer.from("Name\nA\n"),
        }),
      ),
      /Only intake staff/,
    );
    // The attack: write the run directly, past the domain check.
    await expectRefused(
      asUser(h.database.db, lead.id, (tx) =>
        tx.insert(importRuns).values({
          filename: "x.csv",
          fileSha256: "0",
          format: "csv",
          storageKey: "00000000-0000-0000-0000-000000000000",
          status: "uploaded",
        }),
      ),
      /row-level security|permission denied/,
    );
    const seen = await asUser(h.database.db, lead.id, (tx) =>
      tx.select().from(applications).where(like(applications.importKey, "legacy:%")),
    );
    expect(seen).toEqual([]);
  });
});

import fs from "node:fs";
import { expect, expectAccessible, openHomeSignedIn, test } from "./support/fixtures";

test.use({ signedInAs: "intake@clearname.test" });

const HEADERS = ["Case ref", "Name", "DOB", "Prison", "Date received", "Offences", "Notes"];

/** The 20 bad rows of the register: line → the cells changed and what the report says. */
const BAD = new Map<number, [Record<number, string>, string]>([
  [2, [{ 1: "" }, "Enter the applicant's full name"]],
  [99, [{ 2: "31/02/1980" }, "Date of birth must be a real date"]],
  [512, [{ 4: "" }, "Enter the date the application was received"]],
  [1024, [{ 3: "HMP Atlantis" }, "No establishment is called “HMP Atlantis”"]],
  [1500, [{ 4: "01/01/2999" }, "Date received cannot be in the future"]],
  [2001, [{ 2: "2999-12-01" }, "Date of birth cannot be in the future"]],
  [2500, [{ 1: "" }, "Enter the applicant's full name"]],
  [3000, [{ 4: "last week" }, "Date received must be a real date"]],
  [3456, [{ 2: "1850-01-01" }, "Date of birth must be after 1900"]],
  [4000, [{ 3: "Nowhere" }, "No establishment is called “Nowhere”"]],
  [4567, [{ 1: "" }, "Enter the applicant's full name"]],
  [5000, [{ 0: "" }, "The legacy reference is empty"]],
  [5678, [{ 4: "32/01/2020" }, "Date received must be a real date"]],
  [6000, [{ 2: "unknown" }, "Date of birth must be a real date"]],
  [6789, [{ 1: "" }, "Enter the applicant's full name"]],
  [7000, [{ 3: "HMP Gotham" }, "No establishment is called “HMP Gotham”"]],
  [7890, [{ 4: "" }, "Enter the date the application was received"]],
  [8500, [{ 2: "30/02/1990" }, "Date of birth must be a real date"]],
  [9000, [{ 0: "E2E-00010" }, "The legacy reference is also on line 11"]],
  [10001, [{ 1: "" }, "Enter the applicant's full name"]],
]);

/** 10,000 data rows (lines 2 to 10,001) of a legacy register, 20 of them bad. */
function register(): Buffer {
  const lines = [HEADERS.join(",")];
  for (let line = 2; line <= 10_001; line++) {
    const n = line - 1;
    const dd = String((n % 28) + 1).padStart(2, "0");
    const mm = String((n % 12) + 1).padStart(2, "0");
    const cells = [
      `E2E-${String(n).padStart(5, "0")}`,
      `Person ${n} Legacy`,
      `${dd}/${mm}/1970`,
      n % 3 === 0 ? "HMP Ashfield" : "",
      `${dd}/${mm}/2015`,
      "Burglary",
      `Wrote in ${n % 2 ? "blue" : "black"} ink`,
    ];
    for (const [i, v] of Object.entries(BAD.get(line)?.[0] ?? {})) cells[Number(i)] = v;
    lines.push(cells.join(","));
  }
  return Buffer.from(`${lines.join("\n")}\n`);
}

test("an intake officer imports a legacy register: maps its columns, reads the report, imports the valid rows", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openHomeSignedIn(page, "intake@clearname.test");
  await expectAccessible(page, "home page");

  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Imports" })
    .click();
  await expect(page).toHaveURL("/imports");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Imports");
  await expectAccessible(page, "imports");

  await page.getByRole("link", { name: "Import a spreadsheet" }).click();
  await expect(page).toHaveURL("/imports/new");
  await expectAccessible(page, "upload form");

  // A picture renamed .csv is refused, saying what it is.
  const png = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");
  await page
    .getByLabel("Spreadsheet")
    .setInputFiles({ name: "register.csv", mimeType: "text/csv", buffer: png });
  await page.getByRole("button", { name: "Upload" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toContainText(
    "“register.csv” is a PNG image, not a CSV file or an Excel workbook.",
  );
  await expect(page.getByLabel("Spreadsheet")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page, "upload form with an error");

  await page
    .getByLabel("Spreadsheet")
    .setInputFiles({ name: "legacy-register.csv", mimeType: "text/csv", buffer: register() });
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page).toHaveURL(/\/imports\/[0-9a-f-]{36}\/mapping$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Match the columns");
  await expectAccessible(page, "mapping page");

  // Clearname's guesses from the headers, then the one column it could not guess.
  await expect(page.getByLabel("Case ref")).toHaveValue("legacyReference");
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("fullName");
  await expect(page.getByLabel("DOB")).toHaveValue("dateOfBirth");
  await expect(page.getByLabel("Date received")).toHaveValue("receivedOn");
  await expect(page.getByLabel("Notes")).toHaveValue("");
  await page.getByLabel("Notes").selectOption({ label: "How a project could help" });
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page).toHaveURL(/\/imports\/[0-9a-f-]{36}$/);
  const runUrl = page.url();

  // The report names every bad line and why.
  await expect(page.getByRole("heading", { name: "Rows with problems" })).toBeVisible({
    timeout: 60_000,
  });
  await expect(
    page
      .locator(".summary-list > div")
      .filter({ hasText: "Rows that will be imported" })
      .locator("dd"),
  ).toHaveText("9,980");
  const problems = page.getByRole("table", { name: /Rows with problems/ }).getByRole("row");
  await expect(problems).toHaveCount(21);
  for (const [line, [, reason]] of BAD) {
    const cell = page.getByRole("cell", { name: String(line), exact: true });
    await expect(problems.filter({ has: cell })).toContainText(reason);
  }
  await expectAccessible(page, "check report");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download every problem as CSV" }).click();
  const csv = fs.readFileSync((await (await download).path()) as string, "utf8");
  expect(csv.trim().split(/\r?\n/)).toHaveLength(21);
  expect(csv).toContain('9000,"The legacy reference is also on line 11');

  // Importing without choosing how is refused, and says what to choose.
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(
    page.getByRole("link", { name: "Choose how to import: all or nothing, or valid rows only" }),
  ).toBeVisible();
  await expect(page.getByRole("status")).toHaveCount(0);
  await page.getByLabel("Valid rows only").check();
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page).toHaveURL(runUrl);
  await expect(page.getByRole("status")).toContainText(/Importing: [\d,]+ of 10,000 rows done/);
  await expectAccessible(page, "import in progress");

  await expect(page.getByRole("status")).toContainText(
    "Imported 9,980 applications. 20 rows with problems were left out.",
    { timeout: 120_000 },
  );
  await expectAccessible(page, "import done");

  await page.getByRole("link", { name: "Back to imports" }).click();
  await expect(page).toHaveURL("/imports");
  const row = page.getByRole("row", { name: /legacy-register\.csv/ });
  await expect(row).toContainText("Imported");
  await expect(row).toContainText("9,980");
  await expectAccessible(page, "imports after the import");
});

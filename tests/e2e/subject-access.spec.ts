import fs from "node:fs";
import { unzipSync } from "fflate";
import { NEEDS_PDFTOTEXT, PDFTOTEXT, pdfText } from "../support/read-documents";
import { signIn } from "./support/auth";
import { expect, expectAccessible, test } from "./support/fixtures";

/** What Dorian Pryce wrote about the informant: removed from the released copy. */
const PASSAGE = "A man I shared a cell with on remand";

test("the data-protection officer answers a subject access request with a redacted bundle", async ({
  page,
}) => {
  await signIn(page, "dpo@clearname.test");
  await expect(page.getByRole("heading", { name: "Open data protection requests" })).toBeVisible();
  await expectAccessible(page, "home page with the open requests");

  await page.goto("/data-protection/requests");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Subject access, rectification and erasure requests",
  );
  await expectAccessible(page, "subject requests");

  // Sent without saying how the identity was checked: refused on that field, the rest kept.
  await page.getByLabel("The person's name").fill("Dorian Pryce");
  await page.getByLabel(/Other names, date of birth/).fill("A2291DP");
  await page.getByLabel("Address to reply to").fill("HMP Frankland\nBrasside\nDurham DH1 5YD");
  await page.getByRole("button", { name: "Log the request" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary.getByRole("link")).toHaveText([
    "Enter how the person's identity was checked",
  ]);
  await expect(page.getByLabel("The person's name")).toHaveValue("Dorian Pryce");
  await expectAccessible(page, "subject requests, with an error");
  await page
    .getByLabel("How their identity was checked")
    .fill("Prisoner number and signature match the application");
  await page.getByRole("button", { name: "Log the request" }).click();
  await expect(page).toHaveURL(/\/data-protection\/requests\/[0-9a-f-]{36}\?logged=1$/);
  const reference = (await page.getByRole("heading", { level: 1 }).textContent())?.match(
    /DSR-\d{4}-\d{4}/,
  )?.[0];
  expect(reference).toBeTruthy();
  await expectAccessible(page, "a request just logged");

  await page.getByRole("button", { name: "Search the records" }).click();
  await expect(page.getByRole("status")).toContainText("The search found");
  await expectAccessible(page, "a request with what was found");

  // Each record: the application's answers with the passage about the informant removed, the
  // rest released whole.
  const rows = page.getByRole("table").getByRole("row");
  const count = (await rows.count()) - 1;
  expect(count).toBeGreaterThanOrEqual(3);
  for (let i = 1; i <= count; i++) {
    const row = rows.nth(i);
    const title = (await row.getByRole("cell").first().textContent()) ?? "";
    await row.locator("summary").click();
    if (title.startsWith("Application")) {
      await row.getByRole("radio", { name: "Release it with passages removed" }).check();
      await row.getByLabel(/Passages to remove/).fill(PASSAGE);
    } else {
      await row.getByRole("radio", { name: "Release it whole" }).check();
    }
    await row.getByRole("button", { name: /Save the decision/ }).click();
    // The notice stays from the decision before: wait for this row's own decision instead.
    await expect(row.getByRole("cell").nth(2)).toHaveText(
      title.startsWith("Application") ? /^Passages removed \(1 passage\)/ : /^Released/,
    );
    await expect(page.getByRole("status")).toContainText("Decision saved.");
  }
  await expectAccessible(page, "a request with decisions");
  await expect(page.getByText("still to review")).toHaveCount(0);
  await expect(page.getByRole("table")).toContainText("Passages removed (1 passage)");

  await page.getByRole("button", { name: "Produce the bundle" }).click();
  await expect(page.getByRole("status")).toContainText("Bundle produced");
  await expectAccessible(page, "a request with its bundle");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: /Download the bundle/ }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`${reference}-subject-access.zip`);
  const zip = unzipSync(new Uint8Array(fs.readFileSync((await file.path()) as string)));
  const json = Buffer.from(zip["data.json"] ?? []).toString("utf8");
  const data = JSON.parse(json);
  expect(data.reference).toBe(reference);
  expect(json).toContain("Dorian Pryce");
  expect(json).toContain("[redacted]");
  expect(json).not.toContain(PASSAGE);
  if (PDFTOTEXT) {
    const letter = pdfText(zip["covering-letter-and-index.pdf"] ?? new Uint8Array());
    expect(letter).toContain("Your subject access request");
    expect(letter).toContain("Released with passages removed");
    expect(letter).toContain("Information Commissioner");
  } else console.warn(NEEDS_PDFTOTEXT);

  // Closed with the decision: it leaves the open requests on the home page.
  await page.getByRole("radio", { name: "Completed: the bundle was sent" }).check();
  await page
    .getByLabel("The decision and its reasons")
    .fill("Bundle sent by post, recorded delivery.");
  await page.getByRole("button", { name: "Close the request" }).click();
  await expect(page.getByRole("status")).toContainText("Request closed.");
  await expectAccessible(page, "a closed request");
  await page.goto("/");
  await expectAccessible(page, "home page without the closed request");
  await expect(
    page.getByRole("region", { name: "Open data protection requests" }),
  ).not.toContainText(reference ?? "");
});

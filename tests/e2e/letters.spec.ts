import fs from "node:fs";
import { DEMO_APPLICATIONS } from "../../app/demo/demo-applications";
import { readEstablishmentSeeds } from "../../app/intake/establishments.server";
import { NEEDS_PDFTOTEXT, PDFTOTEXT, pdfText } from "../support/read-documents";
import { expect, expectAccessible, test } from "./support/fixtures";

/** Demo applicants held in a prison whose postal address is on file, with that address. */
function addressedDemoApplicants() {
  const prisons = new Map(readEstablishmentSeeds().seeds.map((s) => [s.name, s]));
  return new Map(
    DEMO_APPLICATIONS.flatMap((a) => {
      const prison = a.prison ? prisons.get(a.prison) : undefined;
      return prison?.postcode && prison.addressLines.length ? [[a.name, prison] as const] : [];
    }),
  );
}

test("an intake officer acknowledges a batch and prints the letters", async ({ asUser }) => {
  const page = await asUser("intake@clearname.test");
  await expectAccessible(page, "home page");

  await page.goto("/applications/acknowledge");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Acknowledge applications");
  await expectAccessible(page, "acknowledge page");

  // Today's post: other journeys may have added applications by other channels.
  await page.getByLabel("Arrived by").selectOption({ label: "Post" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/channel=post/);
  await expectAccessible(page, "acknowledge page, post only");
  const table = page.getByRole("table");
  await expect(table).toContainText("Overdue");

  const addressed = addressedDemoApplicants();
  const rows = await table.getByRole("row").all();
  const chosen: { reference: string; name: string; id: string }[] = [];
  for (const row of rows.slice(1)) {
    const name = (await row.getByRole("cell").nth(1).textContent())?.trim() ?? "";
    if (!addressed.has(name) || chosen.length === 3) continue;
    const box = row.getByRole("checkbox");
    chosen.push({
      name,
      reference: (await row.locator("label").textContent())?.trim() ?? "",
      id: (await box.getAttribute("value")) ?? "",
    });
    await box.check();
  }
  expect(chosen).toHaveLength(3);

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Acknowledge and print the letters (PDF)" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^acknowledgement-letters-\d{4}-\d{2}-\d{2}\.pdf$/);
  const bytes = fs.readFileSync((await file.path()) ?? "");
  expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
  if (PDFTOTEXT) {
    const text = pdfText(bytes);
    for (const c of chosen) {
      const prison = addressed.get(c.name);
      expect(text).toContain(c.reference);
      expect(text).toContain(c.name);
      expect(text).toContain(prison?.addressLines[0]);
      expect(text).toContain(prison?.postcode);
    }
    expect(text).toMatch(/LEGAL CORRESPONDENCE/);
  } else {
    test.info().annotations.push({ type: "skipped check", description: NEEDS_PDFTOTEXT });
  }

  // The page stayed as it was; reloaded, the three are no longer waiting.
  await page.reload();
  await expectAccessible(page, "acknowledge page after printing");
  for (const c of chosen)
    await expect(page.getByRole("checkbox", { name: c.reference, exact: true })).toHaveCount(0);

  // Each letter is filed on its application.
  const [first] = chosen;
  await page.goto(`/applications/${first?.id}/letters`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    `Letters for ${first?.reference}`,
  );
  await expect(page.getByRole("main")).toContainText("Acknowledged");
  await expect(page.getByRole("table")).toContainText("Acknowledgement letter (PDF)");
  await expect(
    page.getByRole("link", { name: `${first?.reference}-acknowledgement.pdf` }),
  ).toBeVisible();
  await expectAccessible(page, "letters page");

  // The Word copy, to edit: filed too, and offered for download.
  await page.getByRole("button", { name: "Make the letter as Word, to edit" }).click();
  await expect(page.getByRole("status")).toContainText("The letter has been filed");
  await expect(
    page.getByRole("link", { name: `${first?.reference}-acknowledgement.docx` }).first(),
  ).toBeVisible();
  await expectAccessible(page, "letters page after making a Word copy");
  const docx = await page.request.get(
    (await page.getByRole("status").getByRole("link").getAttribute("href")) ?? "",
  );
  expect(docx.headers()["content-type"]).toMatch(/wordprocessingml/);

  const questionnaire = await page.request.get(`/applications/${first?.id}/questionnaire.pdf`);
  expect(questionnaire.status()).toBe(200);
  const blank = await questionnaire.body();
  expect(blank.subarray(0, 5).toString()).toBe("%PDF-");
  if (PDFTOTEXT) expect(pdfText(blank)).toContain(first?.reference);
});

test("an administrator adds an establishment and closes it", async ({ asUser }) => {
  const name = `HMP Tollbridge ${Date.now().toString(36)}`;
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const page = await asUser("admin@clearname.test");
  await expectAccessible(page, "home page");

  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Establishments" })
    .click();
  await expect(page).toHaveURL("/admin/establishments");
  await expect(page.getByRole("main")).toContainText(
    "Contains public sector information licensed under the Open Government Licence v3.0",
  );
  await expect(page.getByRole("table")).toContainText("HMP/YOI Altcourse");
  await expectAccessible(page, "establishments");

  // Unmatched register entries stay visible.
  await page.getByRole("link", { name: /with no postal address on file/ }).click();
  await expect(page.getByRole("table")).toContainText("HMP Berwyn");
  await expect(page.getByRole("table")).toContainText("No address on file");
  await expectAccessible(page, "establishments with no address");

  await page.getByRole("link", { name: "Add an establishment" }).click();
  await expect(page).toHaveURL("/admin/establishments/new");
  await expectAccessible(page, "new establishment form");
  await page.getByRole("button", { name: "Add establishment" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary.getByRole("link")).toHaveText(["Enter the establishment's name"]);
  await expectAccessible(page, "new establishment form with an error");

  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Postal address").fill("Tollbridge Lane\nNorthmoor");
  await page.getByLabel("Postcode").fill("nm4 2tb");
  await page.getByRole("button", { name: "Add establishment" }).click();
  await expect(page).toHaveURL(/\/admin\/establishments\/[0-9a-f-]{36}\?added=1$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(page.getByRole("status")).toContainText("The establishment has been added.");
  await expect(page.getByLabel("Postcode")).toHaveValue("NM4 2TB");
  await expectAccessible(page, "new establishment");

  await page.getByLabel("Date it closed").fill(yesterday);
  await page.getByRole("button", { name: "Close establishment" }).click();
  await expect(page).toHaveURL(/\?closed=1$/);
  await expect(page.getByRole("status")).toContainText("recorded as closed");
  await expect(page.getByRole("main")).toContainText(`Closed on ${yesterday}`);
  await expect(page.getByRole("button", { name: "Reopen establishment" })).toBeVisible();
  await expectAccessible(page, "closed establishment");

  await page.getByRole("link", { name: "All establishments" }).click();
  await expect(page).toHaveURL("/admin/establishments");
  await expectAccessible(page, "establishments, back from the closed one");
  await page.getByLabel("Search").fill("Tollbridge");
  await page.getByLabel("Status").selectOption({ label: "Closed" });
  await page.getByRole("button", { name: "Filter" }).click();
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText(`Closed ${yesterday}`);
  await expect(row).toContainText("Tollbridge Lane, Northmoor, NM4 2TB");
  await expectAccessible(page, "closed establishments");

  await page.getByRole("link", { name: "Network settings" }).click();
  await expect(page).toHaveURL("/admin/settings");
  await expect(page.getByLabel("Acknowledgement target, in working days")).toHaveValue("10");
  await expectAccessible(page, "settings");
  await page.getByLabel("Acknowledgement target, in working days").fill("61");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("alert")).toContainText("between 1 and 60 working days");
  await expectAccessible(page, "settings with an error");
});

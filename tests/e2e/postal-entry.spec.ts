import type { Page } from "@playwright/test";
import { tinyPdf, tinyPng } from "../support/scans";
import { expect, expectAccessible, openHomeSignedIn, test } from "./support/fixtures";

test.use({ signedInAs: "intake@clearname.test" });

const MATCHES = "People already on file who may be this applicant";
const today = () => new Date().toISOString().slice(0, 10);

/** Fills the first page of a postal application and sends it. */
async function enterFirstPage(
  page: Page,
  person: { name: string; born: string; number: string; consentOn?: string },
) {
  await page.goto("/applications/new");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Enter a postal application");
  await expectAccessible(page, "new postal application");
  await expect(page.getByLabel("Date received")).toHaveValue(today());
  await page.getByLabel("Full name").fill(person.name);
  await page.getByLabel("Date of birth (optional)").fill(person.born);
  await page.getByLabel("England and Wales prisoner number (optional)").fill(person.number);
  const consent = page.getByRole("group", { name: /signed consent or form of authority/ });
  await consent.getByRole("radio", { name: person.consentOn ? "Yes" : "No" }).check();
  if (person.consentOn)
    await page.getByLabel("Date it was signed (optional)").fill(person.consentOn);
  await page.getByRole("button", { name: "Continue" }).click();
}

/** Demo data may hold people with similar names: an unrelated earlier match is declined. */
async function declineMatchesIfAny(page: Page) {
  const matches = page.getByRole("region", { name: MATCHES });
  const entry = page.getByRole("heading", { level: 1, name: "The offence and the conviction" });
  await expect(matches.or(entry)).toBeVisible();
  if (await matches.isVisible()) {
    await expectAccessible(page, "likely matches for the first application");
    await page.getByRole("radio", { name: "No: a new applicant" }).check();
    await page.getByRole("button", { name: "Record the application" }).click();
  }
}

test("an intake officer enters a postal re-application with a scan, section by section", async ({
  page,
}) => {
  const stamp = Date.now().toString(36).slice(-4).toUpperCase();
  const number = `Q${String(Date.now()).slice(-4)}ZX`;
  const name = `Evander Quillfeather ${stamp}`;
  await openHomeSignedIn(page, "intake@clearname.test");
  await expectAccessible(page, "home page");

  // The earlier application: recorded, then withdrawn.
  await enterFirstPage(page, { name, born: "1971-04-02", number });
  await declineMatchesIfAny(page);
  await expect(page).toHaveURL(/\/entry\/conviction\?started=1$/);
  await expect(page.locator("p.caption")).toContainText(/CN-\d{4}-\d{5}/);
  const earlierRef = (await page.locator("p.caption").textContent())?.match(/CN-\d{4}-\d{5}/)?.[0];
  expect(earlierRef).toBeTruthy();
  await expectAccessible(page, "entry of the earlier application");
  await page.getByRole("button", { name: "Save and come back later" }).click();
  await expect(page.getByRole("status")).toHaveText(/Your answers are saved/);
  await expectAccessible(page, "earlier application");
  await page.getByLabel("Move it to").selectOption({ label: "Closed" });
  await page.getByRole("radio", { name: "Withdrawn" }).check();
  await page.getByRole("button", { name: "Change state" }).click();
  await expect(page.getByRole("status")).toHaveText("State changed.");
  await expect(page.locator("dl.summary-list").first()).toContainText("Closed: Withdrawn");
  await expectAccessible(page, "earlier application, withdrawn");

  // The new letter: the same person, a spelling slip in the name.
  await enterFirstPage(page, {
    name: `Evander Quilfeather ${stamp}`,
    born: "1971-04-02",
    number,
    consentOn: "2026-01-05",
  });
  const matches = page.getByRole("region", { name: MATCHES });
  await expect(matches).toBeVisible();
  await expect(matches.getByRole("row").filter({ hasText: name })).toContainText(
    "same prisoner number",
  );
  await expectAccessible(page, "likely matches");
  // Asked again without a choice, the page says what is missing and keeps every answer.
  await page.getByRole("button", { name: "Record the application" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toContainText("Choose whether this is a re-application or a new applicant");
  await expect(page.getByLabel("Full name")).toHaveValue(`Evander Quilfeather ${stamp}`);
  await expectAccessible(page, "likely matches, no choice made");
  await page
    .getByRole("radio", {
      name: `This is a re-application by ${name} (${earlierRef}, closed: withdrawn)`,
    })
    .check();
  await page.getByRole("button", { name: "Record the application" }).click();
  await expect(page).toHaveURL(/\/entry\/conviction\?started=1&linked=/);
  await expect(page.getByRole("status")).toContainText(`a re-application linked to ${earlierRef}`);
  await expect(page.locator("p.caption")).toContainText(/CN-\d{4}-\d{5}/);
  const ref = (await page.locator("p.caption").textContent())?.match(/CN-\d{4}-\d{5}/)?.[0];
  expect(ref).toBeTruthy();
  await expectAccessible(page, "conviction section");

  // Section 1, with a conviction dated before the applicant was born: refused, kept.
  await page.getByLabel("Offence or offences convicted of").fill("Robbery");
  await page.getByLabel("Court where convicted").fill("Leeds Crown Court");
  await page.getByLabel("Date of conviction").fill("1969-06-01");
  await page.getByRole("radio", { name: "Not guilty", exact: true }).check();
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(summary).toContainText(
    "The conviction cannot be before the applicant's date of birth",
  );
  await expect(page.getByLabel("Court where convicted")).toHaveValue("Leeds Crown Court");
  await expectAccessible(page, "conviction section with an error");
  await page.getByLabel("Date of conviction").fill("2012-03-01");
  await page.getByRole("button", { name: "Save and continue" }).click();

  // Section 2.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("The prosecution case");
  await expectAccessible(page, "prosecution section");
  await page.getByLabel("What the prosecution said happened").fill("A robbery at a post office.");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("The defence case");
  await expectAccessible(page, "defence section");

  // A scan: first a text file dressed as a PDF, refused; then a real one.
  await page.getByRole("link", { name: "Add scans of the letter or forms" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Scans and documents");
  await expectAccessible(page, "documents page");
  await page.getByLabel("File", { exact: true }).setInputFiles({
    name: "letter.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("Only text, not a PDF."),
  });
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(summary).toContainText("The file must be a PDF, JPEG or PNG: nothing was saved.");
  await expect(page.getByText("No documents yet.")).toBeVisible();
  await expectAccessible(page, "documents page with a refused upload");
  const scan = tinyPdf("Letter from Evander");
  await page.getByLabel("File", { exact: true }).setInputFiles({
    name: "letter-page-1.pdf",
    mimeType: "application/pdf",
    buffer: scan,
  });
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByRole("status")).toContainText("Document added, stored encrypted.");
  await expect(page.getByRole("link", { name: "letter-page-1.pdf" })).toBeVisible();
  await expectAccessible(page, "documents page with a scan");

  // Finish entry.
  await page.goto(page.url().replace(/\/documents.*$/, "/entry/finish"));
  await expect(page.getByRole("table", { name: "What has been entered" })).toContainText(
    "The offence and the conviction4 of 7",
  );
  await expectAccessible(page, "check and finish");
  await page.getByRole("button", { name: "Finish entry" }).click();
  await expect(page.getByRole("status")).toHaveText(/Entry finished/);

  // The application as anyone allowed to read it sees it.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(ref as string);
  await expect(page.getByText("Data entry is not finished.")).toHaveCount(0);
  await expect(
    page.getByRole("listitem").filter({ hasText: "A re-application after" }),
  ).toContainText(`${earlierRef} (closed: withdrawn)`);
  await expect(page.getByRole("link", { name: "Review likely matches and links" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Letters for this application" })).toBeVisible();
  const answers = page.getByRole("region", { name: "The offence and the conviction" });
  await expect(answers).toContainText("Court where convictedLeeds Crown Court");
  await expect(answers).toContainText("PleaNot guilty");
  await expect(page.locator("dl.summary-list").first()).toContainText("Signed on 2026-01-05");
  await expectAccessible(page, "the application");
  const href = await page.getByRole("link", { name: "letter-page-1.pdf" }).getAttribute("href");
  const download = await page.request.get(href as string);
  expect(download.headers()["content-type"]).toBe("application/pdf");
  expect(download.headers()["content-disposition"]).toContain('filename="letter-page-1.pdf"');
  expect(Buffer.from(await download.body()).equals(scan)).toBe(true);

  // The applicant: one person, two applications.
  await page.getByRole("link", { name: name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  const apps = page.getByRole("table", { name: "Applications, latest first" });
  await expect(apps.getByRole("link")).toHaveText([ref as string, earlierRef as string]);
  await expectAccessible(page, "the applicant");
});

test("an intake officer keeps an applicant's file: details, a move, a representative and a letter", async ({
  page,
}) => {
  const name = `Wilhelmina Oakhurst ${Date.now().toString(36).slice(-4).toUpperCase()}`;
  await openHomeSignedIn(page, "intake@clearname.test");
  await expectAccessible(page, "home page");
  await enterFirstPage(page, { name, born: "1988-09-12", number: "" });
  await declineMatchesIfAny(page);
  await expect(page).toHaveURL(/\/entry\/conviction\?started=1$/);
  await expectAccessible(page, "conviction section");
  await page.getByRole("button", { name: "Save and come back later" }).click();
  await expect(page.getByRole("status")).toHaveText(/Your answers are saved/);
  await expectAccessible(page, "the application");

  // Closing needs a reason: said before anything is sent.
  await page.getByLabel("Move it to").selectOption({ label: "Closed" });
  await page.getByRole("button", { name: "Change state" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toContainText(
    "Choose why it is being closed: withdrawn or duplicate",
  );
  await expectAccessible(page, "state change with an error");

  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expectAccessible(page, "the applicant");

  await page.getByRole("link", { name: "Change personal details and preferences" }).click();
  await expect(page.getByLabel("Other names they have used (optional)")).toBeVisible();
  await expectAccessible(page, "change details");
  await page.getByLabel("Other names they have used (optional)").fill("Billie Oakhurst");
  await page.getByLabel("England and Wales prisoner number (optional)").fill("12345");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toContainText(
    "Enter an England and Wales prisoner number like A1234BC",
  );
  await expect(page.getByLabel("Other names they have used (optional)")).toHaveValue(
    "Billie Oakhurst",
  );
  await expectAccessible(page, "change details with an error");
  await page.getByLabel("England and Wales prisoner number (optional)").fill("x 9876 yz");
  await page.getByRole("checkbox", { name: "Send letters in large print" }).check();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toHaveText("Details saved.");
  await expect(page.locator("dl.summary-list").first()).toContainText("Prisoner numberX9876YZ");
  await expectAccessible(page, "the applicant, changed");

  await page.getByRole("link", { name: "Record a move or release" }).click();
  await expect(page.getByLabel("Where they are now")).toBeVisible();
  await expectAccessible(page, "record a move");
  await page.getByLabel("Where they are now").selectOption({ index: 2 });
  // The list labels prisons outside England and Wales with their jurisdiction; the table does not.
  const prison = (
    (await page.getByLabel("Where they are now").locator("option:checked").textContent()) ?? ""
  ).replace(/ \((Scotland|Northern Ireland)\)$/, "");
  await page.getByRole("button", { name: "Record the move" }).click();
  await expect(page.getByRole("status")).toHaveText("Move recorded.");
  await expect(page.getByRole("table", { name: "Establishments, latest first" })).toContainText(
    `${prison}${today()}Now`,
  );
  await expectAccessible(page, "the applicant, moved");

  await page.getByRole("link", { name: "Add or remove representatives" }).click();
  await expect(page.getByLabel("Name", { exact: true })).toBeVisible();
  await expectAccessible(page, "representatives");
  await page.getByLabel("Name", { exact: true }).fill("Imogen Hartley");
  await page.getByRole("radio", { name: "Solicitor" }).check();
  await page.getByRole("radio", { name: /^Progress only/ }).check();
  await page.getByRole("button", { name: "Add representative" }).click();
  await expect(page.getByRole("status")).toHaveText("Representatives saved.");
  await expect(page.getByRole("table", { name: "Representatives" })).toContainText(
    "Imogen Hartley",
  );
  await expectAccessible(page, "the applicant with a representative");

  await page.getByRole("link", { name: "Add a letter, call or e-mail" }).click();
  await expect(page.getByLabel("Summary")).toBeVisible();
  await expectAccessible(page, "add to the correspondence log");
  await page.getByLabel("Summary").fill("Asked whether we received her questionnaire.");
  await page.getByLabel("Scan or letter (optional)").setInputFiles({
    name: "her-letter.png",
    mimeType: "image/png",
    buffer: tinyPng(),
  });
  await page.getByRole("button", { name: "Add to the log" }).click();
  await expect(page.getByRole("status")).toHaveText("Added to the correspondence log.");
  const log = page.getByRole("table", { name: "Correspondence, newest first" });
  await expect(log).toContainText("Asked whether we received her questionnaire.");
  await expect(log.getByRole("link", { name: "her-letter.png" })).toBeVisible();
  await expectAccessible(page, "the applicant with a logged letter");
});

import fs from "node:fs";
import type { Page } from "@playwright/test";
import { NEEDS_PDFTOTEXT, PDFTOTEXT, pdfPages } from "../support/read-documents";
import { expect, expectAccessible, test } from "./support/fixtures";

test.use({ javaScriptEnabled: false });

const SECRET = "blue kettle garden";
const EMAIL = "mair.evans@example.org";

async function saveAndContinue(page: Page) {
  await page.getByRole("button", { name: "Save and continue" }).click();
}

test("with JavaScript off, a family member applies online, chooses to save, comes back on another computer and sends it", async ({
  page,
  openContext,
  asUser,
}) => {
  // Ten pages and more, each checked with axe on a copy (see fixtures.ts): a long journey.
  test.setTimeout(180_000);
  // Proof that no script runs: React Router would send forms to *.data and not reload the page.
  const dataRequests: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes(".data")) dataRequests.push(r.url());
  });

  await page.goto("/");
  await expectAccessible(page, "home page");
  await page.getByRole("link", { name: "Apply for help" }).click();
  await expect(page).toHaveURL("/apply");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Apply for help with a wrongful conviction",
  );
  await expectAccessible(page, "start page");
  await page.getByRole("button", { name: "Start now" }).click();

  // About you: Mair applies for her son.
  await expect(page).toHaveURL(/\/apply\/[0-9a-f-]{36}\/about-you$/);
  const draftUrl = page.url().replace(/\/about-you$/, "");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("About you");
  await expectAccessible(page, "about-you page");
  await page.getByLabel("I am filling it in for the person who was convicted").check();
  await page.getByLabel("Your email address (optional)").fill(EMAIL);
  await page.getByLabel("Your full name").fill("Mair Evans");
  await page.getByLabel("Family member").check();
  await page.getByLabel("The applicant knows about this application and agrees to it").check();
  await page
    .getByRole("group", { name: "Does the applicant want us to send you copies" })
    .getByLabel("No, or I do not know")
    .check();
  await saveAndContinue(page);

  // No password is asked for: the next page is the applicant's.
  // The applicant, in prison; the prisoner number is written loosely.
  await expect(page).toHaveURL(`${draftUrl}/applicant`);
  await expectAccessible(page, "applicant page");
  await page.getByLabel("Full name").fill("Owain Evans");
  await page.getByLabel("Date of birth (optional)").fill("1985-02-11");
  await page
    .getByRole("group", { name: "Is the applicant in prison now?" })
    .getByLabel("Yes")
    .check();
  await page.getByLabel("Prison", { exact: true }).selectOption({ label: "HMP/YOI Cardiff" });
  await page.getByLabel("Prisoner number in England or Wales (optional)").fill("a1234 bc");
  await saveAndContinue(page);

  // The conviction: a date before the applicant was born is refused, and nothing typed is lost.
  await expect(page).toHaveURL(`${draftUrl}/conviction`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "The offence and the conviction",
  );
  await expectAccessible(page, "conviction page");
  await page.getByLabel("What was the applicant convicted of?").fill("Robbery");
  await page.getByLabel("Which court convicted the applicant?").fill("Cardiff Crown Court");
  await page.getByLabel("When was the applicant convicted?").fill("1984-06-01");
  await page.getByLabel("Not guilty", { exact: true }).check();
  const refused = page.waitForResponse((r) => r.request().method() === "POST");
  await saveAndContinue(page);
  expect((await refused).status()).toBe(400);
  await expect(page).toHaveURL(`${draftUrl}/conviction`);
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary.getByRole("link")).toHaveText([
    "Date of conviction cannot be before the applicant's date of birth (1985-02-11)",
  ]);
  const convicted = page.getByLabel("When was the applicant convicted?");
  await expect(convicted).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("What was the applicant convicted of?")).toHaveValue("Robbery");
  await expect(page.getByLabel("Which court convicted the applicant?")).toHaveValue(
    "Cardiff Crown Court",
  );
  await expect(convicted).toHaveValue("1984-06-01");
  await expect(page.getByLabel("Not guilty", { exact: true })).toBeChecked();
  await expectAccessible(page, "conviction page with an error");
  await convicted.fill("2012-06-01");

  // She chooses to stop here: only now is a password asked for, and the reference shown.
  await page.getByRole("button", { name: "Save and come back later" }).click();
  await expect(page).toHaveURL(`${draftUrl}/save?later=1`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Save your application to finish later",
  );
  await expect(page.getByRole("main")).not.toContainText(/AP-|CN-/);
  await expectAccessible(page, "save page");
  await page.getByLabel("Password", { exact: true }).fill(SECRET);
  await page.getByLabel("Enter the password again").fill(SECRET);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your application is saved");
  const reference = (await page.locator(".notice strong").textContent()) ?? "";
  expect(reference).toMatch(/^CN-\d{4}-\d{5}$/);
  await expectAccessible(page, "saved page");

  // Another computer: the draft's address alone shows nothing, and leads to the resume page.
  const other = await (await openContext({ javaScriptEnabled: false })).newPage();
  await other.goto(`${draftUrl}/about-you`);
  await expect(other).toHaveURL("/apply/resume?expired=1");
  await expect(other.getByRole("status")).toContainText("Your session has ended");
  await expect(other.getByRole("main")).not.toContainText("Mair");
  await expectAccessible(other, "resume page");
  await other.getByLabel("Your reference").fill(reference.toLowerCase().replace(/-/g, " "));
  await other.getByLabel("Your password").fill(SECRET);
  await other.getByRole("button", { name: "Continue" }).click();

  await expect(other).toHaveURL(`${draftUrl}/prosecution`);
  await expectAccessible(other, "prosecution page");
  for (const next of ["defence", "lawyers", "appeals", "claim"]) {
    await saveAndContinue(other);
    await expect(other).toHaveURL(`${draftUrl}/${next}`);
    await expectAccessible(other, `${next} page`);
  }
  await other
    .getByLabel("Why does the applicant say they were wrongly convicted?")
    .fill("He was at work in Newport.\nHis manager can say so.");
  // The session runs out while she types: what she typed waits for her reference and secret.
  await other.context().clearCookies({ name: "cn_apply" });
  const ended = other.waitForResponse((r) => r.request().method() === "POST");
  await saveAndContinue(other);
  expect((await ended).status()).toBe(401);
  await expect(other.getByRole("heading", { level: 1 })).toHaveText("Your session has ended");
  await expect(other.getByRole("main")).not.toContainText("Owain");
  await expectAccessible(other, "session-ended page");
  await other.getByLabel("Your reference").fill(reference);
  await other.getByLabel("Your password").fill(SECRET);
  await saveAndContinue(other);

  // Check the answers, change one, and send.
  await expect(other).toHaveURL(`${draftUrl}/check`);
  await expect(other.getByRole("heading", { level: 1 })).toHaveText("Check your answers");
  const main = other.getByRole("main");
  for (const text of [
    "Mair Evans",
    "Family member",
    "Owain Evans",
    "A1234BC",
    "HMP/YOI Cardiff",
    "2012-06-01",
    "His manager can say so.",
  ]) {
    await expect(main).toContainText(text);
  }
  await expectAccessible(other, "check page");
  await other.getByRole("link", { name: "Change the defence case" }).click();
  await expect(other).toHaveURL(`${draftUrl}/defence?return=check`);
  await expectAccessible(other, "defence page, changing");
  await other
    .getByLabel("What did the applicant's side say at the trial?")
    .fill("Mistaken identity");
  await saveAndContinue(other);
  await expect(other).toHaveURL(`${draftUrl}/check`);
  await expect(main).toContainText("Mistaken identity");
  await expectAccessible(other, "check page after a change");
  await other.getByRole("button", { name: "Send application" }).click();

  await expect(other).toHaveURL(`${draftUrl}/confirmation`);
  await expect(other.getByRole("heading", { level: 1 })).toHaveText("Application sent");
  // One reference throughout: the one she wrote down when she saved.
  const cnReference = (await other.locator(".notice strong").textContent()) ?? "";
  expect(cnReference).toBe(reference);
  await expect(other.getByRole("main")).toContainText("PO Box 4021");
  await expectAccessible(other, "confirmation page");
  expect(dataRequests).toEqual([]);

  // The confirmation e-mail waits in the outbox, with the reference and nothing else about the case.
  const admin = await asUser("admin@clearname.test", { javaScriptEnabled: true });
  await expectAccessible(admin, "administrator's home page");
  await admin.goto("/admin/outbox");
  const email = admin
    .getByRole("article")
    .filter({ hasText: `To ${EMAIL}` })
    .filter({
      has: admin.getByRole("heading", {
        name: `We have received the application – ${cnReference}`,
      }),
    });
  await expect(email).toHaveCount(1);
  await expect(email.locator("pre")).toContainText(`Its reference is ${cnReference}.`);
  await expect(email.locator("pre")).not.toContainText("Owain");
  await expectAccessible(admin, "outbox");
});

test("with JavaScript off, a sister applies for her brother in HMP Barlinnie without a password or an email address; intake sees her and copies his letter to her", async ({
  page,
  asUser,
}) => {
  test.setTimeout(180_000);
  const sister = "Isla Drummond";
  const brother = "Callum Drummond";

  await page.goto("/apply");
  await expectAccessible(page, "start page, for the sister");
  await page.getByRole("button", { name: "Start now" }).click();
  await expect(page).toHaveURL(/\/apply\/[0-9a-f-]{36}\/about-you$/);
  const draftUrl = page.url().replace(/\/about-you$/, "");
  await expectAccessible(page, "about-you page, for the sister");
  await page.getByLabel("I am filling it in for the person who was convicted").check();
  await page.getByLabel("Your full name").fill(sister);
  await page.getByLabel("Family member").check();
  await page.getByLabel("Your postal address").fill("14 Kelvin Row\nPaisley\nPA2 6QT");
  await page.getByLabel("The applicant knows about this application and agrees to it").check();
  await page
    .getByRole("group", { name: "Does the applicant want us to send you copies" })
    .getByLabel("Yes")
    .check();
  await saveAndContinue(page);

  // Straight on to the applicant: no password, no reference yet.
  await expect(page).toHaveURL(`${draftUrl}/applicant`);
  await expectAccessible(page, "applicant page, for the brother");
  await page.getByLabel("Full name").fill(brother);
  await page
    .getByRole("group", { name: "Is the applicant in prison now?" })
    .getByLabel("Yes")
    .check();
  await page
    .getByLabel("Prison", { exact: true })
    .selectOption({ label: "HMP Barlinnie (Scotland)" });
  await page.getByLabel("Other prisoner number (optional)").fill("090000");
  await saveAndContinue(page);

  await expect(page).toHaveURL(`${draftUrl}/conviction`);
  await expectAccessible(page, "conviction page, for the brother");
  await page.getByLabel("Which court convicted the applicant?").fill("Glasgow High Court");
  await page.getByLabel("Not known").check();
  for (const next of ["prosecution", "defence", "lawyers", "appeals", "claim", "check"]) {
    await saveAndContinue(page);
    await expect(page).toHaveURL(`${draftUrl}/${next}`);
    if (next !== "check") await expectAccessible(page, `${next} page, for the brother`);
  }
  const main = page.getByRole("main");
  for (const text of [
    sister,
    "14 Kelvin Row",
    "HMP Barlinnie",
    "090000",
    "At the trial, did the applicant say they were guilty or not guilty?",
  ])
    await expect(main).toContainText(text);
  await expect(main).not.toContainText(/AP-|Not stated|Plea/);
  await expectAccessible(page, "check page, applying for a brother");
  await page.getByRole("button", { name: "Send application" }).click();

  await expect(page).toHaveURL(`${draftUrl}/confirmation`);
  const reference = (await page.locator(".notice strong").textContent()) ?? "";
  expect(reference).toMatch(/^CN-\d{4}-\d{5}$/);
  // The network's postal address, for a family that writes.
  const address = page.getByRole("main").locator("address");
  for (const line of ["PO Box 4021", "Northmoor", "NM1 4ZZ"])
    await expect(address).toContainText(line);
  await expectAccessible(page, "confirmation page, applying for a brother");

  // Intake: she is his representative, who made the application and is copied.
  const intake = await asUser("intake@clearname.test", { javaScriptEnabled: false });
  await expectAccessible(intake, "intake home page");
  await intake.goto(`/applications?q=${encodeURIComponent(brother)}`);
  await expectAccessible(intake, "queue searched for the brother");
  await intake.getByRole("link", { name: reference }).click();
  await expect(intake.getByRole("heading", { level: 1 })).toHaveText(reference);
  const applicationUrl = intake.url();
  const details = intake.getByRole("main");
  await expect(details).toContainText("Online, from a representative");
  await expect(details).toContainText(
    `${sister} (family member), who made this application online`,
  );
  await expect(details).toContainText("by post to 14 Kelvin Row, Paisley, PA2 6QT");
  await expectAccessible(intake, "application made by a sister");
  await intake.getByRole("link", { name: brother }).click();
  const representatives = intake.getByRole("table", { name: "Representatives" });
  await expect(representatives).toContainText(sister);
  await expect(representatives).toContainText("Everything, including decisions");
  await expectAccessible(intake, "applicant page with his sister as representative");

  // The acknowledgement: to him at the prison, with a copy to her at home.
  await intake.goto(applicationUrl);
  await expectAccessible(intake, "application page again");
  await intake.getByRole("link", { name: "Letters for this application" }).click();
  await expect(intake).toHaveURL(/\/letters$/);
  await expect(intake.getByRole("main")).toContainText(
    `${sister}, 14 Kelvin Row, Paisley, PA2 6QT`,
  );
  await expectAccessible(intake, "letters page with a copy to the sister");
  await intake.getByRole("button", { name: "Make the letter as PDF, for post" }).click();
  await expect(intake.getByRole("status")).toContainText("The application is now acknowledged.");
  await expectAccessible(intake, "letters page after the acknowledgement");
  const download = intake.waitForEvent("download");
  await intake.getByRole("link", { name: /^Download / }).click();
  const bytes = fs.readFileSync((await (await download).path()) ?? "");
  expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
  if (PDFTOTEXT) {
    const pages = pdfPages(bytes).map((p) => p.replace(/\s+/g, " "));
    const copyAt = pages.findIndex((p) => p.includes(`Copy of our letter to ${brother}`));
    expect(copyAt).toBeGreaterThan(0);
    const his = pages.slice(0, copyAt).join(" ");
    const hers = pages.slice(copyAt).join(" ");
    for (const text of [
      "LEGAL CORRESPONDENCE",
      "Rule 57",
      `${brother} 090000 HMP Barlinnie`,
      "G33 2QX",
      `Dear ${brother},`,
      `${sister} applied to us for you through our website`,
      `Copy to: ${sister}`,
    ])
      expect(his).toContain(text);
    expect(his).not.toContain("Thank you for writing to us");
    for (const text of [
      `${sister} 14 Kelvin Row Paisley PA2 6QT`,
      `Dear ${sister},`,
      `This is a copy of our letter to ${brother}.`,
      `Our reference: ${reference}`,
    ])
      expect(hers).toContain(text);
    expect(hers).not.toContain("LEGAL CORRESPONDENCE");
  } else {
    test.info().annotations.push({ type: "skipped check", description: NEEDS_PDFTOTEXT });
  }

  // Acknowledged, it says what happens next and sends it on for assessment in the same place.
  await expect(intake.getByRole("heading", { name: "What happens next" })).toBeVisible();
  await intake.getByRole("button", { name: "Send it on for assessment" }).click();
  await expect(intake).toHaveURL(/\/applications\/[0-9a-f-]{36}\?state=changed$/);
  await expect(intake.getByRole("main")).toContainText("Ready for assessment");
  await expectAccessible(intake, "application sent on for assessment");
});

import type { Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./support/fixtures";

test.use({ javaScriptEnabled: false });

const SECRET = "blue kettle garden";
const EMAIL = "mair.evans@example.org";

async function saveAndContinue(page: Page) {
  await page.getByRole("button", { name: "Save and continue" }).click();
}

test("with JavaScript off, a family member applies online, saves, comes back on another computer and sends it", async ({
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
  await page.getByLabel("I am applying on behalf of the applicant").check();
  await page.getByLabel("Your e-mail address").fill(EMAIL);
  await page.getByLabel("Your full name").fill("Mair Evans");
  await page.getByLabel("Family member").check();
  await page.getByLabel("The applicant knows about and agrees to this application").check();
  await saveAndContinue(page);

  // Save: the reference is shown, and a secret chosen.
  await expect(page).toHaveURL(`${draftUrl}/save`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Save your application");
  await expectAccessible(page, "save page");
  const reference = (await page.locator(".notice strong").textContent()) ?? "";
  expect(reference).toMatch(/^AP-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
  await page.getByLabel("Your secret", { exact: true }).fill(SECRET);
  await page.getByLabel("Type your secret again").fill(SECRET);
  await saveAndContinue(page);

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
  await page.getByLabel("Offence or offences convicted of").fill("Robbery");
  await page.getByLabel("Court where convicted").fill("Cardiff Crown Court");
  await page.getByLabel("Date of conviction").fill("1984-06-01");
  await page.getByLabel("Not guilty", { exact: true }).check();
  const refused = page.waitForResponse((r) => r.request().method() === "POST");
  await saveAndContinue(page);
  expect((await refused).status()).toBe(400);
  await expect(page).toHaveURL(`${draftUrl}/conviction`);
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary.getByRole("link")).toHaveText([
    "Date of conviction cannot be before the applicant's date of birth (1985-02-11)",
  ]);
  await expect(page.getByLabel("Date of conviction")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Offence or offences convicted of")).toHaveValue("Robbery");
  await expect(page.getByLabel("Court where convicted")).toHaveValue("Cardiff Crown Court");
  await expect(page.getByLabel("Date of conviction")).toHaveValue("1984-06-01");
  await expect(page.getByLabel("Not guilty", { exact: true })).toBeChecked();
  await expectAccessible(page, "conviction page with an error");
  await page.getByLabel("Date of conviction").fill("2012-06-01");
  await page.getByRole("button", { name: "Save and come back later" }).click();

  await expect(page).toHaveURL(`${draftUrl}/save?later=1`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your application is saved");
  await expect(page.getByRole("main")).toContainText(reference);
  await expectAccessible(page, "saved page");

  // Another computer: the draft's address alone shows nothing, and leads to the resume page.
  const other = await (await openContext({ javaScriptEnabled: false })).newPage();
  await other.goto(`${draftUrl}/about-you`);
  await expect(other).toHaveURL("/apply/resume?expired=1");
  await expect(other.getByRole("status")).toContainText("Your session has ended");
  await expect(other.getByRole("main")).not.toContainText("Mair");
  await expectAccessible(other, "resume page");
  await other.getByLabel("Your reference").fill(reference.toLowerCase().replace(/-/g, " "));
  await other.getByLabel("Your secret").fill(SECRET);
  await other.getByRole("button", { name: "Continue" }).click();

  await expect(other).toHaveURL(`${draftUrl}/prosecution`);
  await expectAccessible(other, "prosecution page");
  for (const next of ["defence", "lawyers", "appeals", "claim"]) {
    await saveAndContinue(other);
    await expect(other).toHaveURL(`${draftUrl}/${next}`);
    await expectAccessible(other, `${next} page`);
  }
  await other
    .getByLabel("Why they say they were wrongly convicted")
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
  await other.getByLabel("Your secret").fill(SECRET);
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
  await other.getByLabel("What the defence said at trial").fill("Mistaken identity");
  await saveAndContinue(other);
  await expect(other).toHaveURL(`${draftUrl}/check`);
  await expect(main).toContainText("Mistaken identity");
  await expectAccessible(other, "check page after a change");
  await other.getByRole("button", { name: "Send application" }).click();

  await expect(other).toHaveURL(`${draftUrl}/confirmation`);
  await expect(other.getByRole("heading", { level: 1 })).toHaveText("Application sent");
  const cnReference = (await other.locator(".notice strong").textContent()) ?? "";
  expect(cnReference).toMatch(/^CN-\d{4}-\d{5}$/);
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

import { journeyPeople } from "./support/auth";
import { expect, expectAccessible, test } from "./support/fixtures";

/**
 * A progress letter on the demo's worked case, Dorian Pryce's at Ashdown (ADR 032): Cal
 * Caseworker drafts it from the case's record and saves it; Lena Lead checks it and files it as
 * sent, and finds its PDF in the case's documents; then she rewords the project's progress
 * letter template and publishes it. Other journeys on this case (tasks and transfers,
 * redaction) read neither its correspondence nor its progress letters.
 */
const ADDED = "The students on your case have also read the trial papers again.";

test("a caseworker drafts the progress letter, the lead files it as sent and rewords the project's template", async ({
  asUser,
  openContext,
}) => {
  test.setTimeout(180_000);
  const people = journeyPeople({ asUser, openContext });

  let page = await people.switchTo("caseworker@clearname.test");
  await expectAccessible(page, "home page, caseworker");
  await page.goto("/cases");
  await expectAccessible(page, "cases, caseworker");
  await page.getByRole("row").filter({ hasText: "Dorian Pryce" }).getByRole("link").first().click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
  const caseUrl = new URL(page.url()).pathname;
  await expectAccessible(page, "Dorian Pryce's case, caseworker");
  await page.goto(`${caseUrl}/correspondence`);
  await expectAccessible(page, "the case's correspondence, caseworker");
  await page
    .getByRole("link", { name: "Write the progress letter from the case's record" })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Progress letter to Dorian Pryce",
  );
  await expectAccessible(page, "the progress letter, drafted");
  await expect(page.getByRole("button", { name: "Approve and file as sent" })).toHaveCount(0);
  const first = page.getByLabel("Text", { exact: true }).first();
  await first.fill(`${await first.inputValue()} ${ADDED}`);
  await page.getByRole("button", { name: "Save the draft" }).click();
  await expect(page.getByRole("status")).toContainText("Draft saved.");
  await expectAccessible(page, "the progress letter, saved");

  page = await people.switchTo("lead@clearname.test");
  await expectAccessible(page, "home page, lead");
  await page.goto(`${caseUrl}/progress-letter`);
  await expect(page.getByText("A draft was saved on")).toBeVisible();
  await expect(page.getByLabel("Text", { exact: true }).first()).toHaveValue(new RegExp(ADDED));
  await expectAccessible(page, "the progress letter, for the lead");
  await page.getByRole("button", { name: "Approve and file as sent" }).click();
  await expect(page.getByRole("status")).toContainText("Progress letter filed as sent");
  const sent = page.getByRole("table", { name: "Progress letters sent to the client" });
  await expect(sent.getByRole("link", { name: /^PDF/ })).toHaveCount(1);
  await expectAccessible(page, "the progress letter, filed");
  await page.goto(`${caseUrl}/correspondence`);
  await expect(page.getByRole("table").first()).toContainText("Progress letter (PDF and Word)");
  await expectAccessible(page, "the case's correspondence, lead");

  // The project's own wording of the letter: its lead rewords it and publishes it.
  await page.goto("/");
  await expectAccessible(page, "home page, lead, again");
  await page.getByRole("link", { name: "Ashdown University Innocence Project" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Ashdown");
  await expectAccessible(page, "the project's page");
  await page
    .getByRole("link", { name: "The wording of the project's progress letters to its clients" })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Progress letter");
  await expectAccessible(page, "the project's progress letter template");
  await page.getByLabel("Heading", { exact: true }).fill("News of your case from {{project.name}}");
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByRole("region", { name: /Preview with CN-/ });
  await expect(preview).toContainText(
    "News of your case from Ashdown University Innocence Project",
  );
  await expectAccessible(page, "the project's progress letter template, previewed");
  await page.getByLabel("What changed").fill("A warmer heading");
  await page.getByRole("button", { name: /Publish as version/ }).click();
  await expect(page.getByRole("status")).toContainText("is published");
  await expectAccessible(page, "the project's progress letter template, published");
});

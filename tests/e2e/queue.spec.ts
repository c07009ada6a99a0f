import type { Page } from "@playwright/test";
import { expect, expectAccessible, openHomeSignedIn, test } from "./support/fixtures";

test.use({ signedInAs: "intake@clearname.test" });

/**
 * Enters a postal application on the entry page, as a new applicant even when likely
 * matches are shown (so the queue's matches page can link them); returns its reference and id
 * and whether matches were shown.
 */
async function enterApplication(
  page: Page,
  person: { fullName: string; dateOfBirth: string; receivedOn: string },
): Promise<{ reference: string; id: string; matchesShown: boolean }> {
  await page.goto("/applications/new");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Enter a postal application");
  await expectAccessible(page, "new application");
  await page.getByLabel("Date received").fill(person.receivedOn);
  await page.getByRole("radio", { name: "By post, from the applicant" }).check();
  await page
    .getByRole("group", { name: "Did a signed consent or form of authority come with it?" })
    .getByRole("radio", { name: "No" })
    .check();
  await page.getByLabel("Full name").fill(person.fullName);
  await page.getByLabel("Date of birth (optional)").fill(person.dateOfBirth);
  await page.getByRole("button", { name: "Continue" }).click();
  const matches = page.getByRole("heading", { name: /already on file/ });
  const recorded = page.getByText(/Application recorded as CN-/);
  await expect(matches.or(recorded)).toBeVisible();
  const matchesShown = await matches.isVisible();
  if (matchesShown) {
    await expectAccessible(page, "new application with likely matches");
    await page.getByRole("radio", { name: "No: a new applicant" }).check();
    await page.getByRole("button", { name: "Record the application" }).click();
  }
  await expect(page).toHaveURL(/\/applications\/[0-9a-f-]{36}\/entry\//);
  await expectAccessible(page, "questionnaire entry");
  const id = /\/applications\/([0-9a-f-]{36})\//.exec(page.url())?.[1] ?? "";
  const text = (await recorded.textContent()) ?? "";
  return { id, reference: /CN-\d{4}-\d{5}/.exec(text)?.[0] ?? "", matchesShown };
}

test("an intake officer filters and searches the queue, assigns and moves two applications, and links a re-application", async ({
  page,
}) => {
  // Three applications entered and about fifteen pages checked with axe: a long journey.
  test.setTimeout(150_000);
  const surname = `Marchbank${Date.now().toString(36).replace(/\d/g, "")}`;
  await openHomeSignedIn(page, "intake@clearname.test");
  await expectAccessible(page, "home page");

  const first = await enterApplication(page, {
    fullName: `Quentin ${surname}`,
    dateOfBirth: "1972-08-14",
    receivedOn: "2025-01-06",
  });
  const second = await enterApplication(page, {
    fullName: `Rosalind ${surname}`,
    dateOfBirth: "1980-01-30",
    receivedOn: "2025-02-03",
  });
  // The same man writes again; entered as a new applicant, to be linked from the queue.
  const again = await enterApplication(page, {
    fullName: `Quentin ${surname}`,
    dateOfBirth: "1972-08-14",
    receivedOn: "2025-03-03",
  });
  expect(again.matchesShown).toBe(true);
  expect(first.reference).toMatch(/^CN-2025-\d{5}$/);

  // The queue, searched by name and filtered.
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Applications" })
    .click();
  await expect(page).toHaveURL("/applications");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Applications");
  await expectAccessible(page, "queue");
  await page.getByLabel("Search").fill(surname);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`q=${surname}`));
  const table = page.getByRole("table", { name: "Applications" });
  await expect(table.getByRole("row")).toHaveCount(4);
  await expect(page.getByText("3 applications · Page 1 of 1")).toBeVisible();
  await expectAccessible(page, "queue searched by name");

  await page.getByLabel("Received from").fill("2025-01-01");
  await page.getByLabel("Received to").fill("2025-02-28");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(table.getByRole("row")).toHaveCount(3);
  await expect(table).toContainText(first.reference);
  await expect(table).toContainText(second.reference);
  await expect(table).not.toContainText(again.reference);
  // Received long ago and not acknowledged: both stand out as overdue, in words.
  await expect(table.getByText("Overdue")).toHaveCount(2);
  await expectAccessible(page, "queue filtered by date");

  // Bulk: assign both to themselves, then move both on.
  for (const app of [first, second])
    await page.getByRole("checkbox", { name: `Select ${app.reference}` }).check();
  await page.getByLabel("Assign to").selectOption({ label: "Ian Intake (you)" });
  await page.getByRole("button", { name: "Assign", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("2 applications assigned.");
  await expect(table.getByRole("cell", { name: "Ian Intake" })).toHaveCount(2);
  await expectAccessible(page, "queue after assigning");

  for (const app of [first, second])
    await page.getByRole("checkbox", { name: `Select ${app.reference}` }).check();
  await page.getByLabel("Move to").selectOption({ label: "Ready for assessment" });
  await page.getByRole("button", { name: "Change state" }).click();
  await expect(page.getByRole("status")).toContainText("2 applications moved.");
  await expect(table.getByRole("cell", { name: "Ready for assessment" })).toHaveCount(2);
  await expect(page.getByRole("link", { name: "Ready for assessment (2)" })).toBeVisible();
  await expectAccessible(page, "queue after moving");

  await page.getByRole("link", { name: "Ready for assessment (2)" }).click();
  await expect(page).toHaveURL(/state=ready_for_assessment/);
  await expect(table.getByRole("row")).toHaveCount(3);
  await expectAccessible(page, "queue by state");

  // The later letter's likely matches: link it as a re-application after the first.
  await page.goto(`/applications/${again.id}/matches`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Re-applications, duplicates and co-defendants",
  );
  const match = page.getByRole("region", { name: `Quentin ${surname}` });
  await expect(match).toContainText(
    /Same date of birth; Similar name|Similar name; Same date of birth/,
  );
  await expect(match).toContainText("Ready for assessment");
  await expectAccessible(page, "likely matches");
  await match
    .getByRole("button", { name: `Link as re-application with ${first.reference}` })
    .click();
  await expect(page.getByRole("status")).toHaveText("Applications linked.");
  await expect(page.getByRole("table", { name: "Links of this application" })).toContainText(
    `Re-application: earlier ${first.reference} (Quentin ${surname}, ready for assessment)`,
  );
  await expectAccessible(page, "likely matches after linking");

  // Back in the queue the later one is flagged as a re-application, with what became of the first.
  await page.goto(`/applications?q=${surname}`);
  await expect(
    page
      .getByRole("row")
      .filter({ hasText: again.reference })
      .getByRole("link", { name: /Re-application/ }),
  ).toHaveText(
    `Re-application after ${first.reference} (ready for assessment): matches for ${again.reference}`,
  );
  await expectAccessible(page, "queue with the re-application");
});

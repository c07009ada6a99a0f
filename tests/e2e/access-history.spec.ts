import fs from "node:fs";
import { DEMO_USERS, signIn } from "./support/auth";
import { expect, expectAccessible, test } from "./support/fixtures";

const nameOf = (email: string) => DEMO_USERS.find((u) => u.email === email)?.name ?? email;

test("intake and an assessor open an application; the officer sees both in its access history and downloads it", async ({
  page,
  asUser,
}) => {
  const intake = await asUser("intake@clearname.test");
  await expectAccessible(intake, "intake's home page");
  await intake.goto("/applications");
  await expectAccessible(intake, "the applications queue");
  const href = await intake
    .locator("main a[href^='/applications/']")
    .evaluateAll((links) =>
      links
        .map((a) => a.getAttribute("href") ?? "")
        .find((h) => /^\/applications\/[0-9a-f-]{36}$/.test(h)),
    );
  expect(href).toBeTruthy();
  const applicationUrl = href as string;
  await intake.goto(applicationUrl);
  const reference = (await intake.getByRole("heading", { level: 1 }).textContent())?.trim();
  // Intake may not read the trail: the link is not offered.
  await expect(intake.getByRole("link", { name: /Access history/ })).toHaveCount(0);
  await expectAccessible(intake, "the application, as intake");

  const assessor = await asUser("assessor@clearname.test");
  await expectAccessible(assessor, "the assessor's home page");
  await assessor.goto(applicationUrl);
  await expect(assessor.getByRole("heading", { level: 1 })).toHaveText(reference ?? "");
  await expectAccessible(assessor, "the application, as an assessor");

  await signIn(page, "dpo@clearname.test");
  await expectAccessible(page, "the officer's home page");
  await page.goto(applicationUrl);
  await expectAccessible(page, "the application, as the officer");
  await page.getByRole("link", { name: "Access history of this application" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Access history");
  await expect(page.getByText(`Application ${reference}`)).toBeVisible();
  const rows = page.getByRole("table").getByRole("row");
  for (const email of ["intake@clearname.test", "assessor@clearname.test"]) {
    await expect(
      rows
        .filter({ hasText: nameOf(email) })
        .filter({ hasText: "application viewed" })
        .filter({ hasText: "Consultation" })
        .first(),
    ).toBeVisible();
  }
  await expectAccessible(page, "the application's access history");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the whole history as CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^access-history-application-.*\.csv$/);
  const csv = fs.readFileSync((await file.path()) as string, "utf8");
  expect(csv).toContain(`"${nameOf("intake@clearname.test")}"`);
  expect(csv).toContain(`"${nameOf("assessor@clearname.test")}"`);

  // The export is in the trail, and the chain is checked from the tool.
  await page.goto("/data-protection/audit?action=audit.exported");
  await expect(
    page.getByRole("table").getByRole("row").filter({ hasText: "audit exported" }).first(),
  ).toBeVisible();
  await expectAccessible(page, "the audit tool, filtered");
  await page.getByRole("button", { name: "Check the chain" }).click();
  await expect(page.getByRole("status")).toContainText("The chain holds");
  await expect(page.getByText(/Last checked .* by /)).toContainText(nameOf("dpo@clearname.test"));
  await expectAccessible(page, "the audit tool after the chain check");
});

test("the audit tool filters without JavaScript, and keeps what was typed when the filter is wrong", async ({
  asUser,
}) => {
  const admin = await asUser("admin@clearname.test", { javaScriptEnabled: false });
  await expectAccessible(admin, "the administrator's home page, without JavaScript");
  await admin.goto("/data-protection/audit");
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Audit trail");
  await expectAccessible(admin, "the audit tool, without JavaScript");
  await admin.getByLabel("Kind of processing").selectOption("security");
  await admin.getByLabel("From (year-month-day)").fill("2020-01-01");
  await admin.getByRole("button", { name: "Show events" }).click();
  await expect(admin).toHaveURL(/kind=security/);
  const rows = admin.getByRole("table").getByRole("row");
  await expect(rows.filter({ hasText: "auth signed in" }).first()).toBeVisible();
  expect(await rows.filter({ hasText: "Consultation" }).count()).toBe(0);
  await expectAccessible(admin, "the audit tool, filtered by kind");

  await admin.getByLabel("To (year-month-day)").fill("2019-12-31");
  await admin.getByRole("button", { name: "Show events" }).click();
  await expect(admin.getByRole("alert")).toContainText(
    "The end of the period must not be before its start.",
  );
  await expect(admin.getByLabel("From (year-month-day)")).toHaveValue("2020-01-01");
  await expect(admin.getByLabel("To (year-month-day)")).toHaveValue("2019-12-31");
  await expect(admin.getByLabel("Kind of processing")).toHaveValue("security");
  await expectAccessible(admin, "the audit tool, with a mistake in the filter");
});

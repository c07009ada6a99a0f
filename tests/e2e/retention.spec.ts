import { signIn } from "./support/auth";
import { expect, expectAccessible, test } from "./support/fixtures";

const WITHDRAWN = "Applications withdrawn by the applicant";

test("the data-protection officer holds one withdrawn application and sweeps the others away", async ({
  page,
}) => {
  await signIn(page, "dpo@clearname.test");
  await expectAccessible(page, "the officer's home page");

  // The demo's withdrawn applications closed four to five months ago: a four-month period.
  await page.goto("/data-protection/retention");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Retention schedule");
  await expectAccessible(page, "the retention schedule");
  const line = page.getByRole("form", { name: `Change: ${WITHDRAWN}` });
  await line.getByLabel("Period in months").fill("0");
  await line.getByLabel("Why this period").fill("Shortened for the demonstration");
  await line.getByRole("button", { name: "Save this line" }).click();
  await expect(page.getByRole("alert")).toContainText("Enter a period from 1 to 1,200 months.");
  await expect(line.getByLabel("Why this period")).toHaveValue("Shortened for the demonstration");
  await expectAccessible(page, "the retention schedule, with an error");
  await line.getByLabel("Period in months").fill("4");
  await line.getByRole("button", { name: "Save this line" }).click();
  await expect(page).toHaveURL(/\/data-protection\/retention\?changed=1$/);
  await expect(page.getByRole("row", { name: new RegExp(WITHDRAWN) })).toContainText("4 months");
  await expectAccessible(page, "the retention schedule, changed");

  // A first dry run: the withdrawn applications are due, with why.
  await page.goto("/data-protection/sweeps");
  await expectAccessible(page, "the sweeps");
  await page.getByRole("button", { name: "Start a dry run" }).click();
  await expect(page).toHaveURL(/\/data-protection\/sweeps\/[0-9a-f-]{36}$/);
  const section = page.getByRole("region", { name: WITHDRAWN });
  const rows = section.getByRole("row").filter({ hasText: "withdrawn on" });
  const due = await rows.count();
  expect(due).toBeGreaterThanOrEqual(2);
  await expectAccessible(page, "a dry run");
  const held = (await rows.first().getByRole("cell").first().textContent())?.match(
    /CN-\d{4}-\d{5}/,
  )?.[0];
  expect(held).toBeTruthy();

  // A hold on one of them.
  await page.goto("/data-protection/holds");
  await expectAccessible(page, "legal holds");
  await page.getByRole("radio", { name: /One application/ }).check();
  await page.getByLabel("Reference").fill(held as string);
  await page.getByLabel("Why the records must be kept").fill("Complaint to the regulator open");
  await page.getByRole("button", { name: "Place the hold" }).click();
  await expect(page).toHaveURL(/\?placed=1$/);
  await expect(page.getByRole("table")).toContainText(`Application ${held}`);
  await expectAccessible(page, "legal holds, with a hold placed");

  // The next dry run lists it as held and the others as due.
  await page.goto("/data-protection/sweeps");
  await expectAccessible(page, "the sweeps, with a dry run");
  await page.getByRole("button", { name: "Start a dry run" }).click();
  await expect(page).toHaveURL(/\/data-protection\/sweeps\/[0-9a-f-]{36}$/);
  const sweepUrl = page.url();
  await expect(page.getByRole("row", { name: new RegExp(`^${WITHDRAWN}`) })).toHaveText(
    new RegExp(`${WITHDRAWN}\\s*${due - 1}\\s*1`),
  );
  const again = page.getByRole("region", { name: WITHDRAWN });
  await expect(again.getByRole("row", { name: new RegExp(held as string) })).toContainText("Held");
  await expectAccessible(page, "a dry run with a held record");

  // Approval needs the confirmation.
  await page.getByRole("button", { name: "Approve the sweep" }).click();
  await expect(page.getByRole("alert")).toContainText(
    "Confirm that the records listed may be erased.",
  );
  await expectAccessible(page, "a dry run, approval not confirmed");
  await page.getByRole("checkbox", { name: /Erase or anonymise the/ }).check();
  await page.getByRole("button", { name: "Approve the sweep" }).click();
  await expect(page).toHaveURL(/\?approved=1$/);
  await expectAccessible(page, "an approved sweep");
  await expect(async () => {
    await page.goto(sweepUrl);
    await expect(page.getByText("Done", { exact: true })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(
    page.getByRole("region", { name: WITHDRAWN }).getByRole("row").filter({ hasText: "Erased" }),
  ).toHaveCount(due - 1);
  await expect(again.getByRole("row", { name: new RegExp(held as string) })).toContainText("Held");
  await expectAccessible(page, "a finished sweep");

  // The audit trail still holds together.
  await page.goto("/data-protection/audit");
  await expectAccessible(page, "the audit tool");
  await page.getByRole("button", { name: "Check the chain" }).click();
  await expect(page.getByText(/The chain holds: \d+ events checked\./)).toBeVisible();
  await expectAccessible(page, "the audit tool, after the check");
});

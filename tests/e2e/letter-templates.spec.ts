import { expect, expectAccessible, test } from "./support/fixtures";

test.use({ signedInAs: "admin@clearname.test" });

test("the administrator rewords the acknowledgement, previews it and publishes it", async ({
  page,
}) => {
  await page.goto("/admin/letter-templates");
  await expect(page.getByRole("heading", { name: "Letter templates" })).toBeVisible();
  await expectAccessible(page, "letter templates");
  await page.getByRole("link", { name: "Acknowledgement" }).click();
  await expect(page.getByRole("heading", { name: "Acknowledgement letter" })).toBeVisible();
  await expectAccessible(page, "acknowledgement template");

  const last = page.locator('textarea[name="paragraphs[6].text"]');
  await last.fill(
    "Write to us with your reference, {{application.reference}}, {{applicant.nickname}}.",
  );
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("alert")).toContainText(
    "{{applicant.nickname}} is not a merge field",
  );
  await expectAccessible(page, "acknowledgement template with an unknown field");

  await last.fill(
    "Write to us at the address above, with your reference, {{application.reference}}.",
  );
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByRole("region", { name: /Preview with CN-/ });
  await expect(preview).toContainText("Write to us at the address above, with your reference, CN-");
  await expectAccessible(page, "acknowledgement template previewed");

  await page.getByLabel("What changed").fill("Shorter way to write to us");
  await page.getByRole("button", { name: /Publish as version/ }).click();
  await expect(page.getByRole("status")).toContainText("is published");
  await expect(page.getByRole("table")).toContainText("Shorter way to write to us");
  await expectAccessible(page, "acknowledgement template published");
});

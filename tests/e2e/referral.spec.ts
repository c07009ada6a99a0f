import type { Page } from "@playwright/test";
import { tinyPdf } from "../support/scans";
import { journeyPeople } from "./support/auth";
import { expect, expectAccessible, test } from "./support/fixtures";

/**
 * The referral journey of the issue: a coordinator offers an eligible case to a suggested
 * project; its lead declines with a reason; the coordinator offers it to another project,
 * whose lead accepts and sees the case with its lines of investigation and case pack; the
 * administrator then closes that project and the case returns to the referral queue with
 * the handover note. The demo data's eligible case (Cressida Wolstenholme) is the case.
 */
const APPLICANT = "Cressida Wolstenholme";

async function offerTo(page: Page, caseUrl: string, project: string, withPack: boolean) {
  await page.goto(caseUrl);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Refer CN-");
  await expectAccessible(page, `referral page before offering to ${project}`);
  await page
    .getByRole("group", { name: "Which project is the case offered to?" })
    .getByLabel(project)
    .check();
  // The case pack starts whole: the applicant's own account and every document ticked.
  await expect(page.getByLabel("The applicant's own account")).toBeChecked();
  await expect(page.getByLabel(/cressida-letter\.pdf/)).toBeChecked();
  if (!withPack) await page.getByLabel(/cressida-letter\.pdf/).uncheck();
  await page.getByRole("button", { name: "Offer the case" }).click();
  await expect(page.getByRole("status")).toContainText("The case is offered.");
  await expectAccessible(page, `referral page after offering to ${project}`);
}

test("a case is offered, declined, offered again and accepted, then comes back when its project closes", async ({
  asUser,
  openContext,
}) => {
  test.setTimeout(240_000);
  const people = journeyPeople({ asUser, openContext });
  const switchTo = async (email: string, label: string) => {
    const next = await people.switchTo(email);
    await expectAccessible(next, `home page, ${label}`);
    return next;
  };

  // The intake officer files a scan on the application, for the case pack.
  let page = await switchTo("intake@clearname.test", "intake");
  await page.goto(`/applications?q=${encodeURIComponent("Wolstenholme")}`);
  await expectAccessible(page, "queue search");
  await page
    .getByRole("link", { name: /^CN-\d{4}-\d{5}$/ })
    .first()
    .click();
  // The queue has a heading too: wait for the application's own address.
  await expect(page).toHaveURL(/\/applications\/[0-9a-f-]{36}$/);
  await expectAccessible(page, "the application");
  const applicationUrl = new URL(page.url()).pathname;
  await page.goto(`${applicationUrl}/documents`);
  await expectAccessible(page, "documents page");
  await page.getByLabel("File", { exact: true }).setInputFiles({
    name: "cressida-letter.pdf",
    mimeType: "application/pdf",
    buffer: tinyPdf("Letter from Cressida"),
  });
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByRole("link", { name: "cressida-letter.pdf" })).toBeVisible();
  await expectAccessible(page, "documents page with the scan");

  // The coordinator sees the suggestions and offers the case to a suggested project.
  page = await switchTo("referrals@clearname.test", "coordinator");
  await page.goto("/referrals");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectAccessible(page, "referral queue");
  await page.getByRole("row").filter({ hasText: APPLICANT }).getByRole("link").first().click();
  await expect(page).toHaveURL(/\/referrals\/[0-9a-f-]{36}$/);
  const caseUrl = new URL(page.url()).pathname;
  expect(caseUrl).toMatch(/^\/referrals\/[0-9a-f-]{36}$/);
  const suggestions = page
    .getByRole("region", { name: "Suggested projects" })
    .or(
      page.locator("section", { has: page.getByRole("heading", { name: "Suggested projects" }) }),
    );
  await expect(suggestions.first()).toContainText("Ashdown University Innocence Project");
  await expect(suggestions.first()).toContainText("Takes cases from England and Wales");
  await offerTo(page, caseUrl, "Ashdown University Innocence Project", true);

  // Ashdown's lead reads the offer and declines it.
  page = await switchTo("lead@clearname.test", "Ashdown's lead");
  await page.goto("/offers");
  await expectAccessible(page, "offers inbox");
  await page
    .getByRole("link", { name: /CN-\d{4}-\d{5}/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Case offered:");
  await expectAccessible(page, "the offer");
  await expect(page.getByRole("link", { name: "cressida-letter.pdf" })).toBeVisible();
  await expect(page.getByRole("region", { name: "The applicant's own account" })).toContainText(
    "never tested for DNA",
  );
  await page
    .getByLabel("Why your project declines it")
    .fill("Our students are away for the summer and we have no capacity until October.");
  await page.getByRole("button", { name: "Decline the case" }).click();
  await expect(page).toHaveURL(/\/offers\?declined=1$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectAccessible(page, "after declining");

  // The coordinator sees the reason and offers the case to Fenwick.
  page = await switchTo("referrals@clearname.test", "coordinator again");
  await page.goto(caseUrl);
  await expect(page.getByText("no capacity until October")).toBeVisible();
  await offerTo(page, caseUrl, "Fenwick Law School Innocence Clinic", true);

  // Fenwick's lead accepts and sees the case, its lines of investigation and its case pack.
  page = await switchTo("lead.fenwick@clearname.test", "Fenwick's lead");
  await page.goto("/offers");
  await expectAccessible(page, "Fenwick's offers");
  await page
    .getByRole("link", { name: /CN-\d{4}-\d{5}/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/offers\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Case offered:");
  await expectAccessible(page, "Fenwick's offer");
  await page.getByLabel(/takes on the case/).check();
  await page.getByRole("button", { name: "Accept the case" }).click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}/);
  const projectCaseUrl = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { level: 1 })).toContainText(APPLICANT);
  const lines = page.getByRole("region", { name: "All lines of investigation" });
  await expect(lines.getByRole("row").nth(1)).toBeVisible();
  await expect(lines).not.toContainText("No lines");
  await expect(page.getByRole("link", { name: "cressida-letter.pdf" })).toBeVisible();
  await expect(page.getByRole("region", { name: "The applicant's own account" })).toContainText(
    "The taxi driver who took me home",
  );
  await expectAccessible(page, "the accepted case");
  await page.getByText("Write the handover note").click();
  await page
    .getByRole("textbox", { name: "Handover note" })
    .fill("We traced the CCTV request; the next step is to chase the council for the footage.");
  await page.getByRole("button", { name: "Save the handover note" }).click();
  await expect(page.getByText("chase the council for the footage")).toBeVisible();
  await expectAccessible(page, "the case with its handover note");
  expect(projectCaseUrl).toMatch(/^\/cases\//);

  // The administrator closes Fenwick; the case comes back with the note.
  page = await switchTo("admin@clearname.test", "administrator");
  await page.goto("/organisations");
  await expectAccessible(page, "organisations");
  await page.getByRole("link", { name: "Fenwick Law School Innocence Clinic" }).click();
  await expect(page.getByRole("link", { name: "Close the project" })).toBeVisible();
  await expectAccessible(page, "Fenwick's page");
  await page.getByRole("link", { name: "Close the project" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Close Fenwick");
  await expectAccessible(page, "closure page");
  await page.getByLabel(/^Close Fenwick Law School Innocence Clinic, return its cases/).check();
  await page.getByRole("button", { name: "Close the project" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("is closed");
  await expectAccessible(page, "closed project");
  await page
    .getByRole("link", { name: /^CN-\d{4}-\d{5}$/ })
    .first()
    .click();
  await expect(page).toHaveURL(new RegExp(`${caseUrl}$`));
  await expect(page.getByText("chase the council for the footage")).toBeVisible();
  await expect(page.getByText("Awaiting referral").first()).toBeVisible();
  await expectAccessible(page, "the case back in the referral queue");
});

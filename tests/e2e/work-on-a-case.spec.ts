import { tinyPdf } from "../support/scans";
import { signIn, signOut } from "./support/auth";
import { expect, expectAccessible, test } from "./support/fixtures";

/**
 * Casework, after the referral journey (tests/e2e/referral.spec.ts, which runs before this
 * file) has brought the demo's eligible case back to the referral queue: it is offered to
 * Ashdown, whose lead accepts it, puts the demo caseworker on its team and opens every page of
 * the case file; the caseworker uploads a report and finds it by a phrase inside it.
 */
const APPLICANT = "Cressida Wolstenholme";

const PAGES: [string, string][] = [
  ["", APPLICANT],
  ["/team", "The case's team"],
  ["/lines", "Lines of investigation"],
  ["/evidence", "Evidence register"],
  ["/documents", "Documents"],
  ["/papers", "Case papers"],
  ["/chronology", "Chronology"],
  ["/people", "Key characters"],
  ["/notes", "Notes"],
  ["/reviews", "Case reviews"],
  ["/time", "Time log"],
  ["/correspondence", "Correspondence"],
  ["/stages", "Stages and outcome"],
  ["/application", "Application to the"],
  ["/handover", APPLICANT],
];

test("a lead takes a case, opens its file and its team; a caseworker finds a report by a phrase in it", async ({
  page,
}) => {
  test.setTimeout(240_000);

  // The coordinator offers the case to Ashdown.
  await signIn(page, "referrals@clearname.test");
  await expectAccessible(page, "home page, coordinator");
  await page.goto("/referrals");
  await expectAccessible(page, "referral queue");
  await page.getByRole("row").filter({ hasText: APPLICANT }).getByRole("link").first().click();
  await expect(page).toHaveURL(/\/referrals\/[0-9a-f-]{36}$/);
  await expectAccessible(page, "the case for referral");
  await page
    .getByRole("group", { name: "Which project is the case offered to?" })
    .getByLabel("Ashdown University Innocence Project")
    .check();
  // Ashdown declined it once before: the form asks to confirm.
  const anyway = page.getByLabel("Offer it anyway");
  if (await anyway.isVisible()) await anyway.check();
  await page.getByRole("button", { name: "Offer the case" }).click();
  await expect(page.getByRole("status")).toContainText("The case is offered.");
  await expectAccessible(page, "offered to Ashdown");

  // Ashdown's lead accepts and puts the caseworker on the team.
  await signOut(page);
  await signIn(page, "lead@clearname.test");
  await expectAccessible(page, "home page, lead");
  await page.goto("/offers");
  await expectAccessible(page, "offers");
  await page
    .getByRole("link", { name: /CN-\d{4}-\d{5}/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Case offered:");
  await expectAccessible(page, "the offer");
  await page.getByLabel(/takes on the case/).check();
  await page.getByRole("button", { name: "Accept the case" }).click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}/);
  const caseUrl = new URL(page.url()).pathname;
  await expectAccessible(page, "the accepted case");

  for (const [path, heading] of PAGES) {
    await page.goto(`${caseUrl}${path}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(heading);
    await expectAccessible(page, `case page ${path || "/"}`);
  }

  await page.goto(`${caseUrl}/team`);
  await expectAccessible(page, "team page");
  await page
    .getByLabel("Who joins the team")
    .selectOption({ label: "Cal Caseworker (caseworker)" });
  await page.getByRole("button", { name: "Add to the team" }).click();
  await expect(page.getByRole("main")).toContainText("Cal Caseworker");
  await expectAccessible(page, "team with the caseworker");

  // The caseworker uploads a forensic report and finds it by a phrase inside it.
  await signOut(page);
  await signIn(page, "caseworker@clearname.test");
  await expectAccessible(page, "home page, caseworker");
  await page.goto(`${caseUrl}/documents`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Documents");
  await expectAccessible(page, "documents");
  await page.getByLabel("Received from").fill("Forensic Science Services");
  await page.getByLabel("Received on").fill(new Date().toISOString().slice(0, 10));
  await page.getByLabel("File", { exact: true }).setInputFiles({
    name: "forensic-report.pdf",
    mimeType: "application/pdf",
    buffer: tinyPdf("The fibres recovered from the jacket do not match the defendant"),
  });
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByRole("link", { name: "forensic-report.pdf" })).toBeVisible();
  await expectAccessible(page, "documents with the report");

  await page.goto(`/search?q=${encodeURIComponent("fibres jacket")}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Search case files");
  await expect(page.getByRole("main")).toContainText("forensic-report.pdf");
  await expect(page.locator("mark").first()).toBeVisible();
  await expectAccessible(page, "search results");
});

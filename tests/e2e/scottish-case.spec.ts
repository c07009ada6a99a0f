import type { Page } from "@playwright/test";
import { docxText } from "../support/read-documents";
import { signIn } from "./support/auth";
import { expect, expectAccessible, test } from "./support/fixtures";

/**
 * The acceptance for the applicant's own account: the Glenmorra lead opens the Scottish
 * case the demo referred to Glenmorra (Euan Drummond, applied for online by his sister), finds
 * the family's account, his prisoner number and his 2018 appeal, and the SCCRC draft carries
 * them. Independent: only this journey touches Glenmorra's case.
 */
const APPLICANT = "Euan Drummond";
const PRISONER_NUMBER = "0184562";

async function download(page: Page, href: string | null): Promise<Buffer> {
  if (!href) throw new Error("the link has no address");
  const response = await page.request.get(href);
  expect(response.status()).toBe(200);
  return response.body();
}

test("the Glenmorra lead finds the family's account in the case and in the SCCRC draft", async ({
  page,
}) => {
  await signIn(page, "lead.glenmorra@clearname.test");
  await expectAccessible(page, "the Glenmorra lead's home page");
  await page.goto("/cases");
  await expectAccessible(page, "Glenmorra's cases");
  await page.getByRole("row").filter({ hasText: APPLICANT }).getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(APPLICANT);
  const caseUrl = new URL(page.url()).pathname;

  const applicant = page.getByRole("region", { name: "The applicant", exact: true });
  await expect(applicant).toContainText(PRISONER_NUMBER);
  await expect(applicant).toContainText("HMP Barlinnie");
  await expect(page.getByRole("region", { name: "The conviction", exact: true })).toContainText(
    "Scotland",
  );
  const account = page.getByRole("region", { name: "The applicant's own account" });
  await expect(account).toContainText("received online");
  await expect(account).toContainText("14 March 2018");
  await expect(account).toContainText("Euan was at my flat in Dennistoun all that evening.");
  await expect(account).toContainText("Mrs Kerr");
  await expectAccessible(page, "the Scottish case with the family's account");

  await page.goto(`${caseUrl}/application`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Application to the Scottish Criminal Cases Review Commission",
  );
  await expectAccessible(page, "the SCCRC application page");
  await page
    .getByLabel("The ground", { exact: true })
    .fill("The alibi witnesses were never called");
  await page
    .getByLabel("The new evidence or argument")
    .fill("Statements from his sister and Mrs Kerr that he was in Dennistoun all evening.");
  await page
    .getByLabel("Why it was not raised at trial or on appeal")
    .fill("His solicitors never took statements from them.");
  await page.getByRole("button", { name: "Generate a new draft (DOCX and PDF)" }).click();
  const docxLink = page.getByRole("link", { name: /DOCX/ }).first();
  await expect(docxLink).toBeVisible();
  await expectAccessible(page, "the SCCRC draft generated");

  const text = docxText(await download(page, await docxLink.getAttribute("href")));
  expect(text).toContain("Scottish Criminal Cases Review Commission (SCCRC)");
  expect(text).toContain(`Prison number: ${PRISONER_NUMBER}`);
  expect(text).toContain("Establishment: HMP Barlinnie");
  expect(text).toContain("Jurisdiction: Scotland");
  expect(text).toContain("14 March 2018");
  expect(text).toContain("Euan was at my flat in Dennistoun all that evening.");
  expect(text).not.toContain("No appeal is recorded");
});

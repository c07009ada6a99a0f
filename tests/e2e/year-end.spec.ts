import { pdfText } from "../support/read-documents";
import { signIn } from "./support/auth";
import { expect, expectAccessible, test } from "./support/fixtures";

/**
 * The year-end roll-over as a project's lead meets it: Glenmorra's lead opens the project's
 * year-end page from the project's page, puts someone on the Scottish case for the next year
 * and downloads its hand-over pack. Independent: the Scottish case's journey reads its client
 * and its SCCRC draft, never its team, and no other journey touches Glenmorra. Glenmorra has
 * no caseworker in the demo, so its lead joins the case's next team herself.
 */
const PROJECT = "Glenmorra Miscarriages of Justice Project";
const APPLICANT = "Euan Drummond";

test("a project's lead sets the next team on a case and downloads its hand-over pack", async ({
  page,
}) => {
  await signIn(page, "lead.glenmorra@clearname.test");
  await expectAccessible(page, "the Glenmorra lead's home page");
  await page.getByRole("link", { name: PROJECT }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(PROJECT);
  await expectAccessible(page, "the project's page");
  await page.getByRole("link", { name: /End of the academic year/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("End of the academic year");
  await expectAccessible(page, "the year-end page");

  const section = page.getByRole("region", { name: new RegExp(APPLICANT) });
  const reference = ((await section.getByRole("heading", { level: 2 }).textContent()) ?? "")
    .split(":")[0]
    ?.trim();
  expect(reference).toMatch(/^CN-\d{4}-\d{5}$/);

  await section.getByText(`Add someone to the team of ${reference}`).click();
  await section.getByLabel(`Who joins ${reference}`).selectOption({ label: "Morag Lead (lead)" });
  await section.getByRole("button", { name: `Add to the team of ${reference}` }).click();
  await expect(page.getByRole("status")).toContainText("Added to the case's team.");
  const row = page
    .getByRole("region", { name: new RegExp(APPLICANT) })
    .getByRole("row", { name: /Morag Lead/ });
  await expect(row).toContainText("Joining");
  await expectAccessible(page, "the year-end page with the next team");

  const href = await page
    .getByRole("link", { name: `Hand-over pack (PDF) for ${reference}` })
    .getAttribute("href");
  if (!href) throw new Error("the pack link has no address");
  const response = await page.request.get(href);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/pdf");
  const text = pdfText(await response.body()).replace(/\s+/g, " ");
  expect(text).toContain(`Hand-over pack: ${reference}`);
  expect(text).toContain(APPLICANT);
  expect(text).toContain("Morag Lead");
});

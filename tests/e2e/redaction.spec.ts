import { tinyPdf } from "../support/scans";
import { journeyPeople } from "./support/auth";
import { expect, expectAccessible, test } from "./support/fixtures";

/**
 * A redacted copy made by marking an area, without a passage (ADR 028): Ashdown's lead uploads
 * a witness's statement to Dorian Pryce's case, opens "Make a redacted copy", reads the page's
 * preview with its grid, types an area on a page the document does not have (refused, the error
 * linked to its field), then drags across the preview over the name, which adds the area as a
 * line, and finds the copy beside the original.
 * Independent: it only adds documents to the case, which no other journey counts.
 */
const FILE = "witness-statement.pdf";

test("a lead paints over an area of a case PDF and keeps the copy beside the original", async ({
  asUser,
  openContext,
}) => {
  test.setTimeout(120_000);
  const people = journeyPeople({ asUser, openContext });
  const page = await people.switchTo("lead@clearname.test");
  await expectAccessible(page, "home page, lead");
  await page.goto("/cases");
  await expectAccessible(page, "cases, lead");
  await page.getByRole("row").filter({ hasText: "Dorian Pryce" }).getByRole("link").first().click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
  const caseUrl = new URL(page.url()).pathname;
  await expectAccessible(page, "Dorian Pryce's case");

  await page.goto(`${caseUrl}/documents`);
  await expectAccessible(page, "the case's documents");
  await page.getByLabel("Received from").fill("Former solicitors");
  await page.getByLabel("Received on").fill(new Date().toISOString().slice(0, 10));
  // One line of text across the middle of a short page: 41% to 53% of its height.
  await page.getByLabel("File", { exact: true }).setInputFiles({
    name: FILE,
    mimeType: "application/pdf",
    buffer: tinyPdf("Statement of Roderick Quillan"),
  });
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByRole("link", { name: FILE, exact: true })).toBeVisible();
  await expectAccessible(page, "the statement uploaded");
  await page.getByRole("link", { name: `Make a redacted copy of ${FILE}` }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Redact ${FILE}`);
  await expect(
    page.getByRole("img", { name: "Page 1 of 1, with grid lines every 10%" }),
  ).toBeVisible();
  await expectAccessible(page, "the redaction page with the page's preview");

  const areas = page.getByLabel("Areas to paint over (optional)");
  await areas.fill("page 2: 0 35 100 25");
  await page.getByRole("button", { name: "Make the redacted copy" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toContainText("there is no page 2: the document has 1 page");
  await expectAccessible(page, "an area on a page the document lacks, refused");
  await summary.getByRole("link").click();
  await expect(areas).toBeFocused();
  await expectAccessible(page, "the areas field, reached from the error summary");

  // With JavaScript, dragging across the page's preview adds the area as a typed line.
  await areas.fill("");
  const picture = page.getByRole("img", { name: "Page 1 of 1, with grid lines every 10%" });
  const box = await picture.boundingBox();
  if (!box) throw new Error("the preview is not shown");
  await page.mouse.move(box.x + box.width * 0.01, box.y + box.height * 0.33);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.45, { steps: 4 });
  await page.mouse.move(box.x + box.width * 0.99, box.y + box.height * 0.62, { steps: 4 });
  await page.mouse.up();
  await expect(areas).toHaveValue(/^page 1: [0-9.]+ 3\d(\.5)? 9\d(\.5)? [0-9.]+\n$/);
  await page.getByRole("button", { name: "Make the redacted copy" }).click();
  await expect(page.getByRole("status")).toContainText(
    "Redacted copy made: witness-statement (redacted).pdf",
  );
  await expect(page.getByRole("table", { name: /Documents of/ })).toContainText(
    `Redacted copy of ${FILE}: 1 area painted over.`,
  );
  await expectAccessible(page, "the documents with the redacted copy");
});

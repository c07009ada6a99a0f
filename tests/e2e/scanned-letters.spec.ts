import { prisonersLetter, scannedLetterImage, scannedLetterPdf } from "../support/scanned-letters";
import { expect, expectAccessible, openHomeSignedIn, test } from "./support/fixtures";

test.use({ signedInAs: "intake@clearname.test" });

test("an intake officer files a photographed letter and a scanned PDF, and finds the application by a word in each", async ({
  page,
}) => {
  // Two scans read by OCR in the server's background reader: a few seconds each.
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36).replace(/\d/g, "").slice(-4);
  const name = `Ottoline Brackenridge${stamp}`;
  await openHomeSignedIn(page, "intake@clearname.test");
  await expectAccessible(page, "home page");
  await page.goto("/applications/new");
  await expectAccessible(page, "new application");
  await page.getByLabel("Date received").fill(new Date().toISOString().slice(0, 10));
  await page.getByRole("radio", { name: "By post, from the applicant" }).check();
  await page
    .getByRole("group", { name: "Did a signed consent or form of authority come with it?" })
    .getByRole("radio", { name: "No" })
    .check();
  await page.getByLabel("Full name").fill(name);
  await page.getByRole("button", { name: "Continue" }).click();
  const recorded = page.getByText(/Application recorded as CN-/);
  await expect(recorded).toBeVisible();
  const reference = /CN-\d{4}-\d{5}/.exec((await recorded.textContent()) ?? "")?.[0] ?? "";
  const id = /\/applications\/([0-9a-f-]{36})\//.exec(page.url())?.[1] ?? "";
  await expectAccessible(page, "application recorded");

  await page.goto(`/applications/${id}/documents`);
  await expectAccessible(page, "scans of a new application");
  const upload = async (name: string, mimeType: string, buffer: Uint8Array) => {
    await page.getByLabel("File").setInputFiles({ name, mimeType, buffer: Buffer.from(buffer) });
    await page.getByRole("button", { name: "Upload" }).click();
    await expect(page.getByRole("status")).toContainText("Its text is read in the background");
  };
  await upload(
    "letter-photo.jpg",
    "image/jpeg",
    scannedLetterImage(prisonersLetter(name, "The getaway van was tangerine."), "jpeg"),
  );
  await upload(
    "trial-papers.pdf",
    "application/pdf",
    await scannedLetterPdf([prisonersLetter(name, "The witness wore a corduroy jacket.")]),
  );

  // Each scan shows where its reading has got to; reloaded until both are read.
  const table = page.getByRole("table", { name: `Documents of ${reference}` });
  await expect(async () => {
    await page.reload();
    await expect(table.getByText(/Read by OCR, \d+% confidence/)).toHaveCount(2);
  }).toPass({ timeout: 90_000, intervals: [2_000] });
  await expectAccessible(page, "scans read by OCR");

  for (const word of ["tangerine", "corduroy"]) {
    await page.goto("/applications");
    await expectAccessible(page, "queue");
    await page.getByLabel("Search").fill(word);
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: "found by the words in" }),
    ).toBeVisible();
    await expect(page.getByRole("table", { name: "Applications" })).toContainText(reference);
    await expectAccessible(page, `queue searched for ${word}, a word in a scan`);
  }
});

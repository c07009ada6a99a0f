import fs from "node:fs";
import { toLondonLocal } from "../../app/shared/uk-time";
import { NEEDS_PDFTOTEXT, PDFTOTEXT, pdfText } from "../support/read-documents";
import { signIn } from "./support/auth";
import { expect, expectAccessible, test } from "./support/fixtures";

const TITLE = "Letter sent to the wrong prison";
const HAPPENED =
  "The acknowledgement letter for an applicant at HMP Leeds went to HMP Lincoln, with his conviction and prison number.";
/** A line of the retention schedule that no other journey reads or changes (its reason only). */
const LETTERS = "Letters sent and received";
const NEW_REASON = "Kept while a reply, a complaint or a claim about the letter may still come.";

const hoursFromNow = (hours: number) => toLondonLocal(new Date(Date.now() + hours * 3_600_000));

test("the data-protection officer records a breach to its close and publishes a new version of the policy document", async ({
  page,
  openContext,
}) => {
  await signIn(page, "dpo@clearname.test");
  await expectAccessible(page, "the officer's home page");

  await page.goto("/data-protection/breaches");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Personal data breaches");
  await expectAccessible(page, "the breach register");
  await page.getByRole("link", { name: "Record a breach" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Record a breach");
  await expectAccessible(page, "recording a breach");

  // Found out tomorrow: refused, with everything typed kept: by the server's answer in a
  // browser without JavaScript, and before it is sent in one with it.
  const tomorrow = hoursFromNow(24);
  const withoutScripts = await (
    await openContext({
      storageState: await page.context().storageState(),
      javaScriptEnabled: false,
    })
  ).newPage();
  await withoutScripts.goto("/data-protection/breaches/new");
  for (const form of [withoutScripts, page]) {
    const off = form === withoutScripts;
    await form.getByLabel("Short title").fill(TITLE);
    await form.getByLabel("What happened").fill(HAPPENED);
    await form.getByLabel("When the organisation found out").fill(tomorrow);
    await form.getByLabel("How many people are affected (if known)").fill("1");
    await form.getByRole("button", { name: "Record the breach" }).click();
    const summary = form.getByRole("alert");
    await expect(summary).toContainText("There is a problem");
    await expect(
      summary.getByRole("link", { name: "The time cannot be in the future" }),
    ).toHaveAttribute("href", "#breach-discoveredAt");
    await expect(form.getByLabel("Short title")).toHaveValue(TITLE);
    await expect(form.getByLabel("What happened")).toHaveValue(HAPPENED);
    await expect(form.getByLabel("When the organisation found out")).toHaveValue(tomorrow);
    await expect(form.getByLabel("How many people are affected (if known)")).toHaveValue("1");
    await expectAccessible(
      form,
      `recording a breach, found out in the future${off ? ", without JavaScript" : ""}`,
    );
  }

  // Found out three hours ago: recorded, with the 72 hours running from then.
  await page.getByLabel("When the organisation found out").fill(hoursFromNow(-3));
  await page.getByLabel("When it happened (if known)").fill(hoursFromNow(-26));
  await page.getByRole("button", { name: "Record the breach" }).click();
  await expect(page).toHaveURL(/\/data-protection\/breaches\/[0-9a-f-]{36}\?recorded=1$/);
  await expect(page.getByRole("status")).toContainText("The breach is recorded");
  await expect(page.getByText(/^6[89] hours \d+ minutes left to tell the ICO \(by /)).toBeVisible();
  await expectAccessible(page, "a breach just recorded");

  // Not reported although likely to harm: refused, the reasons kept.
  const reasons =
    "Conviction details reached another prison's staff; the letter was returned unopened but may have been read.";
  await page
    .getByRole("radio", { name: "Likely to result in a risk to people", exact: true })
    .check();
  await page.getByRole("radio", { name: "Not reported to the ICO", exact: true }).check();
  await page.getByLabel("Reasons for the decision").fill(reasons);
  await page.getByRole("button", { name: "Save the assessment" }).click();
  await expect(page.getByRole("alert")).toContainText(
    "A breach likely to harm people must be reported to the ICO",
  );
  await expect(page.getByLabel("Reasons for the decision")).toHaveValue(reasons);
  await expectAccessible(page, "a breach, a decision refused");

  // Reported within the hours, with who was told.
  await page.getByRole("radio", { name: "Report to the ICO", exact: true }).check();
  await page.getByLabel("When it was reported to the ICO").fill(hoursFromNow(-1));
  await page.getByLabel("The ICO's reference").fill("IC-123456-A1B2");
  await page
    .getByLabel("Who was told, and when")
    .fill("The applicant, by letter today; HMP Lincoln's governor, by telephone.");
  await page.getByLabel("What was done about it").fill("Addresses now checked by a second person.");
  await page.getByRole("button", { name: "Save the assessment" }).click();
  await expect(page).toHaveURL(/\?saved=1$/);
  await expect(page.getByRole("status")).toContainText("The assessment is saved");
  await expect(page.getByText("Reported to the ICO in time", { exact: true })).toBeVisible();
  await expect(page.getByText("(reference IC-123456-A1B2)")).toBeVisible();
  await expectAccessible(page, "a breach assessed and reported");

  await page.getByRole("button", { name: "Close the breach" }).click();
  await expect(page).toHaveURL(/\?closed=1$/);
  await expect(page.getByRole("status")).toContainText("The breach is closed");
  await expect(page.getByRole("button", { name: "Save the assessment" })).toHaveCount(0);
  await expectAccessible(page, "a closed breach");

  await page.getByRole("link", { name: "Personal data breaches" }).click();
  const row = page.getByRole("row", { name: new RegExp(TITLE) });
  await expect(row).toContainText("Report to the ICO");
  await expect(row).toContainText("Reported to the ICO in time");
  await expect(row).toContainText("Closed");
  await expectAccessible(page, "the breach register with the closed breach");

  // The policy document as today's settings make it, published as the next version.
  await page.goto("/data-protection/policy");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Appropriate policy document");
  await expect(page.getByRole("region", { name: "As the settings make it today" })).toContainText(
    `${LETTERS}: kept`,
  );
  await expectAccessible(page, "the policy document");
  const publish = page.getByRole("button", { name: /^Publish this as version \d+$/ });
  const first = Number((await publish.textContent())?.match(/\d+$/)?.[0]);
  await publish.click();
  await expect(page).toHaveURL(`/data-protection/policy/${first}?published=1`);
  await expect(page.getByRole("status")).toContainText(`Version ${first} is published`);
  await expect(page.getByText(`${LETTERS}: kept`)).toBeVisible();
  await expect(page.getByText(NEW_REASON)).toHaveCount(0);
  await expectAccessible(page, "a published version");

  // Changed through the settings it is written from: the schedule line's reason.
  await page.goto("/data-protection/retention");
  await expectAccessible(page, "the retention schedule");
  const line = page.getByRole("form", { name: `Change: ${LETTERS}` });
  await line.getByLabel("Why this period").fill(NEW_REASON);
  await line.getByRole("button", { name: "Save this line" }).click();
  await expect(page).toHaveURL(/\/data-protection\/retention\?changed=1$/);
  await expectAccessible(page, "the retention schedule, changed");

  await page.goto("/data-protection/policy");
  await expect(page.getByRole("region", { name: "As the settings make it today" })).toContainText(
    NEW_REASON,
  );
  await expectAccessible(page, "the policy document, with a changed schedule");
  await page.getByRole("button", { name: `Publish this as version ${first + 1}` }).click();
  await expect(page).toHaveURL(`/data-protection/policy/${first + 1}?published=1`);
  await expect(page.getByText(NEW_REASON)).toBeVisible();
  await expectAccessible(page, "the new version");

  // The PDF reads as the page does.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download as PDF" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`appropriate-policy-document-v${first + 1}.pdf`);
  const bytes = new Uint8Array(fs.readFileSync((await file.path()) as string));
  expect(Buffer.from(bytes.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
  if (PDFTOTEXT) {
    const text = pdfText(bytes).replace(/\s+/g, " ");
    expect(text).toContain(`Version ${first + 1}, published`);
    expect(text).toContain("Retention schedule");
    expect(text).toContain(NEW_REASON);
  } else console.warn(NEEDS_PDFTOTEXT);

  // The earlier version reads as it was published.
  await page.goto("/data-protection/policy");
  await expect(page.getByRole("link", { name: `Version ${first}`, exact: true })).toBeVisible();
  await expectAccessible(page, "the policy document with two versions");
  await page.getByRole("link", { name: `Version ${first}`, exact: true }).click();
  await expect(page).toHaveURL(`/data-protection/policy/${first}`);
  await expect(page.getByText(`Version ${first}, published`)).toBeVisible();
  await expect(page.getByText(`${LETTERS}: kept`)).toBeVisible();
  await expect(page.getByText(NEW_REASON)).toHaveCount(0);
  await expectAccessible(page, "the earlier version");
});

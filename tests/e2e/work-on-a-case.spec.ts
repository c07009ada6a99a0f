import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { tinyPdf } from "../support/scans";
import { journeyPeople } from "./support/auth";
import { expect, expectAccessible, test } from "./support/fixtures";

/**
 * Casework, after the referral journey (tests/e2e/referral.spec.ts, which runs before this
 * file) has brought the demo's eligible case back to the referral queue: it is offered to
 * Ashdown, whose lead accepts it, opens every page of the case file and puts two caseworkers
 * on its team. One of them records evidence with a fallibility code, uploads a forensic report
 * and finds it by a phrase inside it, requests missing papers once the form of authority is
 * recorded, records a line's result and writes a note for sign-off; the lead signs it off,
 * records a case review and generates the CCRC draft, which LibreOffice opens and reads. The
 * demo caseworker, on another of Ashdown's cases, finds nothing of it by search or address.
 */
const APPLICANT = "Cressida Wolstenholme";
const PHRASE = "fibres recovered from the jacket";

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

test("a lead runs a case with two caseworkers to a CCRC draft; a caseworker on another case sees none of it", async ({
  asUser,
  openContext,
}) => {
  test.setTimeout(480_000);
  const people = journeyPeople({ asUser, openContext });

  // The coordinator offers the case to Ashdown.
  let page = await people.switchTo("referrals@clearname.test");
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
  page = await people.switchTo("lead@clearname.test");
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

  await test.step("the lead puts two caseworkers on the team", async () => {
    await page.goto(`${caseUrl}/team`);
    await expectAccessible(page, "team page");
    for (const name of ["Cara Caseworker", "Cole Caseworker"]) {
      await page.getByLabel("Who joins the team").selectOption({ label: `${name} (caseworker)` });
      await page.getByRole("button", { name: "Add to the team" }).click();
      // Not the whole page: the list of who may join names them before they join.
      await expect(page.getByRole("table", { name: /^Team of / })).toContainText(name);
      await expectAccessible(page, `team with ${name}`);
    }
  });

  page = await people.switchTo("caseworker2@clearname.test");
  await expectAccessible(page, "home page, caseworker");

  await test.step("a caseworker uploads a forensic report and finds it by a phrase in it", async () => {
    await page.goto(`${caseUrl}/documents`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Documents");
    await expectAccessible(page, "documents");
    await page.getByLabel("Received from").fill("Forensic Science Services");
    await page.getByLabel("Received on").fill(new Date().toISOString().slice(0, 10));
    await page.getByLabel("File", { exact: true }).setInputFiles({
      name: "forensic-report.pdf",
      mimeType: "application/pdf",
      buffer: tinyPdf(`The ${PHRASE} do not match the defendant`),
    });
    await page.getByRole("button", { name: "Upload" }).click();
    await expect(page.getByRole("link", { name: "forensic-report.pdf" })).toBeVisible();
    await expectAccessible(page, "documents with the report");

    await page.goto(`/search?q=${encodeURIComponent(PHRASE)}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Search case files");
    await expect(page.getByRole("main")).toContainText("forensic-report.pdf");
    await expect(page.locator("mark").first()).toBeVisible();
    await expectAccessible(page, "search results");
  });

  await test.step("she records evidence with a fallibility code, linked to the report", async () => {
    await page.goto(`${caseUrl}/evidence`);
    await expectAccessible(page, "evidence register");
    await page.getByLabel("Kind of evidence").selectOption({ label: "Forensic" });
    await page
      .getByLabel("Description")
      .fill("Fibres from the robber's jacket compared with the defendant's clothing");
    await page.getByLabel("Source (optional)").fill("Forensic Science Services report");
    await page.getByRole("group", { name: "Was it used at trial?" }).getByLabel("Yes").check();
    await page
      .getByRole("group", { name: /Fallibility/ })
      .getByLabel("False or misleading forensic evidence")
      .check();
    await page.getByLabel("Document (optional)").selectOption({ label: "forensic-report.pdf" });
    await page.getByRole("button", { name: "Add the item" }).click();
    const register = page.getByRole("main");
    await expect(register).toContainText("Fibres from the robber's jacket");
    await expect(register).toContainText("False or misleading forensic evidence");
    await expectAccessible(page, "evidence register with the item");
  });

  await test.step("she requests missing papers once the form of authority is recorded", async () => {
    await page.goto(`${caseUrl}/papers`);
    await expectAccessible(page, "papers");
    await expect(page.getByRole("main")).toContainText("No form of authority is recorded");
    await page.getByText("Add papers to the inventory").click();
    await page.getByLabel("Kind of papers").selectOption({ label: "Trial transcript" });
    await page
      .getByLabel("Where they are, or who has them (optional)")
      .fill("Newcastle Crown Court");
    await page.getByLabel("Does the project hold them?").selectOption({ label: "No" });
    await page.getByRole("button", { name: "Add the papers" }).click();
    await expect(page.getByRole("main")).toContainText("Not held");
    await expectAccessible(page, "papers with the transcript");

    // Without the form of authority the request is refused, and what was typed is kept.
    await fillRequest(page);
    await page.getByRole("button", { name: "Make the request and write the letter" }).click();
    await expect(page.getByRole("alert")).toContainText("form of authority");
    await expect(page.getByLabel("Name of the firm, office or person")).toHaveValue(
      "Newcastle Crown Court",
    );
    await expectAccessible(page, "request refused without authority");

    await page
      .getByLabel("Date the signed form was received")
      .fill(new Date().toISOString().slice(0, 10));
    await page.getByRole("button", { name: "Record the form of authority" }).click();
    await expect(page.getByRole("main")).toContainText("form of authority is on file");
    await expectAccessible(page, "authority recorded");
    await fillRequest(page);
    await page.getByRole("button", { name: "Make the request and write the letter" }).click();
    const letter = page.getByRole("link", { name: "The request letter (PDF)" });
    await expect(letter).toBeVisible();
    await expectAccessible(page, "request made");
    const text = pdfText(await download(page, await letter.getAttribute("href")));
    expect(text).toContain("Newcastle Crown Court");
    expect(text).toContain(APPLICANT);
    expect(text).toContain("Trial transcript");
  });

  await test.step("she records the result of a line of investigation", async () => {
    await page.goto(`${caseUrl}/lines`);
    await expectAccessible(page, "lines");
    await page.getByRole("link", { name: /balaclava/ }).click();
    await expect(page).toHaveURL(/\/lines\/[0-9a-f-]{36}$/);
    await expectAccessible(page, "a line");
    await page.getByLabel("Owner").selectOption({ label: "Cara Caseworker" });
    await page.getByRole("group", { name: "Status" }).getByLabel("Done", { exact: true }).check();
    await page
      .getByLabel("Steps taken")
      .fill("Asked the police for the balaclava; sent to an accredited laboratory for DNA.");
    await page.getByLabel("Result (optional)").selectOption({ label: "Supports innocence" });
    await page
      .getByLabel("Why this result")
      .fill("A full DNA profile from the balaclava excludes the applicant.");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page).toHaveURL(/\?saved=1$/);
    await expect(page.getByRole("main")).toContainText("Supports innocence");
    await expectAccessible(page, "line with its result");
  });

  await test.step("she writes a note that needs the lead's sign-off", async () => {
    await page.goto(`${caseUrl}/notes`);
    await expectAccessible(page, "notes");
    await page
      .getByLabel("Note", { exact: true })
      .fill("Draft letter to the client's former solicitors about the DNA result.");
    await page.getByLabel("Needs the lead's sign-off").check();
    // What the browser sends, to send again below as Back and resend would.
    const sent = await page
      .locator("form#add-note")
      .evaluate((form: HTMLFormElement) =>
        Object.fromEntries(new FormData(form) as unknown as Iterable<[string, string]>),
      );
    await page.getByRole("button", { name: "Add the note" }).click();
    await expect(page.getByRole("main")).toContainText("former solicitors about the DNA result");
    await expect(page.getByRole("button", { name: /Sign off/ })).toHaveCount(0);
    // The form is empty again, its box unticked.
    const addForm = page.locator("form#add-note");
    await expect(addForm.getByLabel("Note", { exact: true })).toHaveValue("");
    await expect(addForm.getByLabel("Needs the lead's sign-off")).not.toBeChecked();
    await expectAccessible(page, "note awaiting sign-off");
    // The same form sent again goes where the first went and adds nothing.
    const again = await page.request.post(`${caseUrl}/notes`, { form: sent, maxRedirects: 0 });
    expect(again.status()).toBe(302);
    expect(again.headers().location).toBe(`${caseUrl}/notes?added=1`);
    await page.reload();
    // One note (its edit form repeats its text, so count the notes, not the text).
    await expect(
      page
        .getByRole("region", { name: "All notes" })
        .getByRole("listitem")
        .filter({ hasText: "former solicitors about the DNA" }),
    ).toHaveCount(1);
  });

  await test.step("she logs her time and corrects the entry", async () => {
    await page.goto(`${caseUrl}/time`);
    await expectAccessible(page, "time log");
    await page.getByLabel("Day worked").fill(new Date().toISOString().slice(0, 10));
    await page.getByLabel("Hours").fill("2");
    await page.getByLabel("Minutes").fill("0");
    await page.getByLabel("What you worked on").fill("Papers request and evidence register");
    await page.getByRole("button", { name: "Log the time" }).click();
    await expect(page.getByRole("main")).toContainText("2 h");
    await expectAccessible(page, "time logged");
    await page
      .getByRole("link", { name: /Correct or remove/ })
      .first()
      .click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Correct a time entry");
    await expectAccessible(page, "correcting a time entry");
    await page.getByLabel("Minutes").fill("30");
    await page.getByRole("button", { name: "Save the correction" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Time log");
    await expect(page.getByRole("main")).toContainText("2 h 30 min");
    await expectAccessible(page, "time corrected");
  });

  page = await people.switchTo("lead@clearname.test");
  await expectAccessible(page, "home page, lead");
  // The home page lists the notes waiting for the lead's sign-off, across the project's cases.
  await expect(page.getByRole("region", { name: /Notes awaiting your sign-off/ })).toContainText(
    "former solicitors about the DNA",
  );

  await test.step("the lead signs off the note and records the case review", async () => {
    await page.goto(`${caseUrl}/notes`);
    await expectAccessible(page, "notes, lead");
    const note = () =>
      page
        .getByRole("region", { name: "All notes" })
        .getByRole("listitem")
        .filter({ hasText: "former solicitors about the DNA" });
    // Each note's button says which note it signs off.
    await note()
      .getByRole("button", {
        name: /^Sign off the note of \d{4}-\d{2}-\d{2} at \d{2}:\d{2} by Cara Caseworker$/,
      })
      .click();
    await expect(note()).toContainText(/Signed off by Lena Lead/);
    await expectAccessible(page, "note signed off");

    await page.goto(`${caseUrl}/reviews`);
    await expectAccessible(page, "case reviews");
    await page.getByLabel("Date of the review").fill(new Date().toISOString().slice(0, 10));
    await page.getByLabel("Who attended").fill("Lena Lead, Cara Caseworker, Cole Caseworker");
    await page
      .getByLabel("Decisions", { exact: true })
      .fill("The DNA result is strong enough for an application to the CCRC.");
    await page
      .getByLabel("Actions", { exact: true })
      .fill("Lena drafts the grounds by the end of the month.");
    await page.getByRole("button", { name: "Record the review" }).click();
    await expect(page.getByRole("main")).toContainText("strong enough for an application");
    await expectAccessible(page, "review recorded");
  });

  await test.step("the lead generates the CCRC draft; LibreOffice opens it and it reads right", async () => {
    await page.goto(`${caseUrl}/application`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(
      "Application to the Criminal Cases Review Commission",
    );
    await expectAccessible(page, "application page");
    await page
      .getByLabel("The ground", { exact: true })
      .fill("Fresh DNA evidence excludes the applicant as the robber");
    await page
      .getByLabel("The new evidence or argument")
      .fill("A full DNA profile from the balaclava that is not the applicant's.");
    await page
      .getByLabel("Why it was not raised at trial or on appeal")
      .fill("The balaclava was never tested; the technique was not available in 2015.");
    await page.getByRole("button", { name: "Generate a new draft (DOCX and PDF)" }).click();
    const docxLink = page.getByRole("link", { name: /DOCX/ }).first();
    await expect(docxLink).toBeVisible();
    await expectAccessible(page, "draft generated");
    const docx = await download(page, await docxLink.getAttribute("href"));
    const text = openInLibreOffice(docx);
    expect(text).toContain("Criminal Cases Review Commission (CCRC)");
    expect(text).toContain(APPLICANT);
    expect(text).toContain("Newcastle Crown Court");
    expect(text).toContain("1. Fresh DNA evidence excludes the applicant as the robber");
    expect(text).toContain("real possibility");
    expect(text).toContain("forensic-report.pdf");
  });

  await test.step("the lead checks the annual case report and sends it to the network", async () => {
    await page.goto(`${caseUrl}/report`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Annual case report");
    await expectAccessible(page, "annual case report");
    const main = page.getByRole("main");
    await expect(main).toContainText("Supports innocence");
    await expect(main).toContainText("Cara Caseworker");
    await page
      .getByLabel("Comments for the network")
      .fill("The DNA result supports the claim; a CCRC application is being drafted.");
    await page.getByLabel("I have checked this report").check();
    await page.getByRole("button", { name: "Send to the network" }).click();
    await expect(page.getByRole("status")).toContainText("sent to the network");
    await expectAccessible(page, "report sent");
    const sent = page.getByRole("link", { name: /Report sent on/ });
    const text = pdfText(await download(page, await sent.getAttribute("href")));
    expect(text).toContain(APPLICANT);
    expect(text).toContain("Supports innocence");
  });

  await test.step("the lead closes the case after the checklist; a note is refused", async () => {
    await page.goto(`${caseUrl}/close`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Close the case");
    await expectAccessible(page, "closing page");
    await page.getByRole("button", { name: "Close the case" }).click();
    await expect(page.getByRole("alert")).toContainText("Confirm each item of the checklist");
    await expectAccessible(page, "closing page with its errors");
    const checklist = page.getByRole("group", { name: "Before closing, confirm each item" });
    for (const item of [/Open lines/, /Papers requested/, /Documents to return/, /closing letter/])
      await checklist.getByLabel(item).check();
    await page.getByRole("group", { name: "Outcome" }).getByLabel("The client withdrew").check();
    await page.getByLabel("Reasons for closing").fill("The client asked the project to stop.");
    await page.getByRole("button", { name: "Close the case" }).click();
    await expect(page.getByRole("status")).toContainText("The case is closed.");
    await expectAccessible(page, "closed case");
    await page.goto(`${caseUrl}/notes`);
    // The file is read-only: the page says so and offers no form to add a note (a form sent
    // from a page opened before the case closed is refused: tests/integration/close-case.test.ts).
    await expect(page.getByRole("main")).toContainText(
      "This case is closed: its file can be read but not changed.",
    );
    await expect(page.getByLabel("Note", { exact: true })).toHaveCount(0);
    await expectAccessible(page, "notes of the closed case");
    await page.goto(`${caseUrl}/papers`);
    await expect(page.getByRole("heading", { level: 2, name: "Inventory" })).toBeVisible();
    await expect(page.getByText("Add papers to the inventory")).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Mark as/ })).toHaveCount(0);
    await expectAccessible(page, "papers of the closed case");
    await page.goto("/cases?status=closed");
    await expect(page.getByRole("main")).toContainText(APPLICANT);
    await expect(page.getByRole("main")).toContainText("The client withdrew");
    await expectAccessible(page, "closed cases");
  });

  await test.step("the lead reopens it with a reason; notes are taken again", async () => {
    await page.goto(`${caseUrl}/close`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("A closed case");
    await expectAccessible(page, "closing page of the closed case");
    await page.getByLabel("Why is the case reopened?").fill("The client wrote again.");
    await page.getByRole("button", { name: "Reopen the case" }).click();
    await expect(page.getByRole("status")).toContainText("The case is reopened.");
    await expectAccessible(page, "reopened case");
    await page.goto(`${caseUrl}/notes`);
    await expectAccessible(page, "notes of the reopened case");
    await page.getByLabel("Note", { exact: true }).fill("Work resumes after reopening.");
    await page.getByRole("button", { name: "Add the note" }).click();
    await expect(
      page
        .getByRole("region", { name: "All notes" })
        .getByRole("listitem")
        .filter({ hasText: "Work resumes after reopening." }),
    ).toHaveCount(1);
    await expectAccessible(page, "note added after reopening");
  });

  page = await people.switchTo("referrals@clearname.test");
  await expectAccessible(page, "home page, coordinator again");

  await test.step("the network sees the case's stage and the report, not the file", async () => {
    await page.goto("/projects/cases");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cases at the projects");
    await expectAccessible(page, "cases at the projects");
    // Fenwick's earlier case came back when Fenwick closed; Ashdown's is the one at work.
    const row = page
      .getByRole("row")
      .filter({ hasText: APPLICANT })
      .filter({ hasText: "Ashdown University Innocence Project" });
    await expect(row).toContainText("Not concluded");
    const report = row.getByRole("link", { name: /Sent on/ });
    const text = pdfText(await download(page, await report.getAttribute("href")));
    expect(text).toContain("The DNA result supports the claim");
    const response = await page.goto(`${caseUrl}/notes`);
    expect(response?.status()).toBeGreaterThanOrEqual(400);
    await expect(page.getByRole("main")).not.toContainText("former solicitors");
    await expectAccessible(page, "case notes refused to the network");
    await page.goto("/");
    await expectAccessible(page, "home page, coordinator, after the refusal");
  });

  page = await people.switchTo("caseworker@clearname.test");
  await expectAccessible(page, "home page, the caseworker of another case");

  await test.step("a caseworker on another case finds none of it", async () => {
    await page.goto(`/search?q=${encodeURIComponent(PHRASE)}`);
    await expect(page.getByRole("main")).toContainText("Nothing found");
    await expect(page.getByRole("main")).not.toContainText("forensic-report.pdf");
    await expectAccessible(page, "search, caseworker of another case");
    await page.goto("/cases");
    await expect(page.getByRole("main")).toContainText("Dorian Pryce");
    await expect(page.getByRole("main")).not.toContainText(APPLICANT);
    await expectAccessible(page, "cases, caseworker of another case");
    for (const p of ["", "/documents", "/notes"]) {
      const response = await page.goto(`${caseUrl}${p}`);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole("main")).not.toContainText(APPLICANT);
      await expectAccessible(page, `case page ${p || "/"} refused`);
    }
  });
});

/** Fills the request form for the trial transcript from the Crown Court. */
async function fillRequest(page: Page) {
  await page.getByLabel("Which papers").selectOption({ label: "Trial transcript" });
  await page.getByLabel("Who holds them").selectOption({ label: "Court" });
  await page.getByLabel("Name of the firm, office or person").fill("Newcastle Crown Court");
  await page
    .getByLabel("Their postal address")
    .fill("The Law Courts\nQuayside\nNewcastle upon Tyne\nNE1 3LA");
  await page.getByLabel("Date of the letter").fill(new Date().toISOString().slice(0, 10));
}

/** The bytes behind a link, fetched with the page's session. */
async function download(page: Page, href: string | null): Promise<Buffer> {
  if (!href) throw new Error("the link has no address");
  const response = await page.request.get(href);
  expect(response.status()).toBe(200);
  return response.body();
}

const scratch = () => fs.mkdtempSync(path.join(os.tmpdir(), "clearname-e2e-"));

/** A PDF's text, as pdftotext reads it, with runs of white space made single spaces. */
function pdfText(pdf: Buffer): string {
  const dir = scratch();
  const file = path.join(dir, "file.pdf");
  fs.writeFileSync(file, pdf);
  const text = execFileSync("pdftotext", ["-layout", file, "-"]).toString("utf8");
  fs.rmSync(dir, { recursive: true, force: true });
  return text.replace(/\s+/g, " ");
}

/** Opens a DOCX in LibreOffice (headless), has it write a PDF, and reads that PDF's text. */
function openInLibreOffice(docx: Buffer): string {
  const dir = scratch();
  const file = path.join(dir, "draft.docx");
  fs.writeFileSync(file, docx);
  execFileSync(
    "soffice",
    [
      `-env:UserInstallation=file://${dir}/profile`,
      "--headless",
      "--convert-to",
      "pdf",
      "--outdir",
      dir,
      file,
    ],
    { timeout: 180_000, stdio: "ignore" },
  );
  const text = pdfText(fs.readFileSync(path.join(dir, "draft.pdf")));
  fs.rmSync(dir, { recursive: true, force: true });
  return text;
}

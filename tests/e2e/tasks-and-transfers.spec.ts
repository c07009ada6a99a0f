import { journeyPeople } from "./support/auth";
import { expect, expectAccessible, test } from "./support/fixtures";
import { emailTo } from "./support/mailbox";

/**
 * Tasks and transfers on the demo's worked case, Dorian Pryce's at Ashdown (ADR 029): the lead
 * sets Cal Caseworker a task, which he finds on his home page and in his e-mail and marks
 * done; the network's intake officer records Dorian's transfer to HMP Leeds, and the lead
 * finds the new prison on the case's Client page, recorded by the network.
 */
const WHAT = "Ask HMP Frankland for the informant's cell records";

test("a task set for the caseworker reaches him; a transfer recorded by the network reaches the case", async ({
  asUser,
  openContext,
}) => {
  test.setTimeout(180_000);
  const people = journeyPeople({ asUser, openContext });

  let page = await people.switchTo("lead@clearname.test");
  await expectAccessible(page, "home page, lead");
  await page.goto("/cases");
  await expectAccessible(page, "cases, lead");
  await page.getByRole("row").filter({ hasText: "Dorian Pryce" }).getByRole("link").first().click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
  const caseUrl = new URL(page.url()).pathname;
  await expectAccessible(page, "Dorian Pryce's case");
  await page.goto(`${caseUrl}/tasks`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tasks");
  await expectAccessible(page, "the case's tasks");
  await page.getByLabel("Who it is for").selectOption({ label: "Cal Caseworker" });
  await page.getByLabel("What is to be done").fill(WHAT);
  await page.getByRole("button", { name: "Set the task" }).click();
  await expect(page.getByRole("status")).toContainText("The task is set");
  await expect(page.getByRole("table", { name: /Tasks on/ })).toContainText(WHAT);
  await expectAccessible(page, "the task set");

  page = await people.switchTo("caseworker@clearname.test");
  const tasks = page.getByRole("region", { name: /Your tasks/ });
  await expect(tasks).toContainText(WHAT);
  await expectAccessible(page, "home page, caseworker with a task");
  const mail = await emailTo("caseworker@clearname.test", /^A task for you on CN-/);
  expect(mail.text).toContain(WHAT);
  await tasks.getByRole("link", { name: "All your tasks" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your tasks");
  await expectAccessible(page, "your tasks");
  await page.getByRole("button", { name: /^Mark done.*cell records$/ }).click();
  await expect(page.getByRole("status")).toContainText("The task is marked done.");
  await expectAccessible(page, "the task done");

  page = await people.switchTo("intake@clearname.test");
  await expectAccessible(page, "home page, intake");
  await page.goto("/applications?q=Pryce&state=referred");
  await expectAccessible(page, "the queue, Dorian Pryce");
  await page.getByRole("row").filter({ hasText: "Dorian Pryce" }).getByRole("link").first().click();
  await expect(page).toHaveURL(/\/applications\/[0-9a-f-]{36}$/);
  await expectAccessible(page, "Dorian Pryce's application");
  await page.getByRole("link", { name: "Dorian Pryce" }).first().click();
  await expect(page).toHaveURL(/\/applicants\/[0-9a-f-]{36}$/);
  await expectAccessible(page, "Dorian Pryce, applicant");
  await page.getByRole("link", { name: "Record a move or release" }).click();
  await expect(page).toHaveURL(/\/move$/);
  await expectAccessible(page, "record a move");
  await page.getByLabel("Where they are now").selectOption({ label: "HMP Leeds" });
  await page.getByRole("button", { name: "Record the move" }).click();
  await expect(page).toHaveURL(/moved=1/);
  await expectAccessible(page, "the move recorded");

  page = await people.switchTo("lead@clearname.test");
  await expectAccessible(page, "home page, lead, after the move");
  await page.goto(`${caseUrl}/client`);
  await expect(page.getByRole("main")).toContainText("HMP Leeds");
  await expect(page.getByRole("table", { name: /Moves of/ })).toContainText("the network");
  await expectAccessible(page, "the case's client, moved");
});

import { signIn } from "./support/auth";
import { expect, expectAccessible, test } from "./support/fixtures";
import { emailTo } from "./support/mailbox";

function isoDateInDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

test("an administrator adds a member project, then invites a member to it", async ({
  page,
  openContext,
}) => {
  const stamp = Date.now().toString(36);
  const projectName = `Tyneside Innocence Project ${stamp}`;
  const memberEmail = `nia.${stamp}@example.org`;
  const endsOn = isoDateInDays(200);

  await signIn(page, "admin@clearname.test");
  await expectAccessible(page, "home page");

  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Network and projects" })
    .click();
  await expect(page).toHaveURL("/organisations");
  await expect(page.getByRole("table")).toContainText("Ashdown University Innocence Project");
  await expectAccessible(page, "network and projects");

  await page.getByRole("link", { name: "Add a member project" }).click();
  await expect(page).toHaveURL("/organisations/new");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Add a member project");
  await expectAccessible(page, "new project form");

  // Sent empty: the error summary lists each problem as a link to its field.
  await page.getByRole("button", { name: "Add project" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toBeVisible();
  await expect(summary).toBeFocused();
  const expected = [
    ["Enter the project's name", "project-name"],
    ["Choose what kind of project it is", "project-projectKind"],
    ["Choose at least one jurisdiction", "project-jurisdictions"],
  ] as const;
  await expect(summary.getByRole("link")).toHaveText(expected.map(([message]) => message));
  for (const [message, id] of expected) {
    await expect(summary.getByRole("link", { name: message })).toHaveAttribute("href", `#${id}`);
    await expect(page.locator(`[id="${id}"]`)).toHaveCount(1);
  }
  await expect(page.getByLabel("Project name")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("group", { name: "Kind of project" })).toContainText(
    "Error: Choose what kind of project it is",
  );
  await expectAccessible(page, "new project form with errors");

  // A link in the summary takes you to the field.
  await summary.getByRole("link", { name: "Enter the project's name" }).click();
  await expect(page).toHaveURL(/#project-name$/);
  await expectAccessible(page, "new project form, at the name field");

  // Typed values are kept while other fields are still wrong.
  await page.getByLabel("Project name").fill(projectName);
  await page.getByLabel("Host institution").fill("Tyneside University School of Law");
  await page.getByRole("checkbox", { name: "England & Wales" }).check();
  await page.getByRole("checkbox", { name: "Scotland" }).check();
  await page.getByRole("button", { name: "Add project" }).click();
  await expect(summary.getByRole("link")).toHaveText(["Choose what kind of project it is"]);
  await expect(page.getByLabel("Project name")).toHaveValue(projectName);
  await expect(page.getByLabel("Project name")).not.toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Host institution")).toHaveValue(
    "Tyneside University School of Law",
  );
  await expect(page.getByRole("checkbox", { name: "England & Wales" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Scotland" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Northern Ireland" })).not.toBeChecked();
  await expectAccessible(page, "new project form with one error");

  // Completed.
  await page.getByRole("radio", { name: "University" }).check();
  await page.getByLabel("Status").selectOption({ label: "Active" });
  await page.getByLabel("Capacity (active cases)").fill("6");
  await page.getByRole("button", { name: "Add project" }).click();

  await expect(page).toHaveURL(/\/organisations\/[0-9a-f-]{36}\?created=1$/);
  const projectUrl = page.url().replace(/\?.*$/, "");
  await expect(page.getByRole("status")).toHaveText("Project added.");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(projectName);
  const details = page.locator("dl.summary-list");
  await expect(details).toContainText("Host institutionTyneside University School of Law");
  await expect(details).toContainText("KindUniversity");
  await expect(details).toContainText("StatusActive");
  await expect(details).toContainText("Capacity6 active cases");
  await expect(details).toContainText("JurisdictionsEngland & Wales, Scotland");
  await expect(page.getByRole("heading", { name: "Members" })).toBeVisible();
  await expect(page.getByText("No members yet.")).toBeVisible();
  await expectAccessible(page, "new project's page");

  // Add a member who has no account yet: they are invited by e-mail.
  await page.getByRole("link", { name: "Add or change members" }).click();
  await expect(page).toHaveURL(`${projectUrl}/members`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Members");
  await expect(page.getByText(projectName).first()).toBeVisible();
  await expectAccessible(page, "members page");

  await page.getByLabel("E-mail address", { exact: true }).fill(memberEmail);
  await page.getByLabel("Full name").fill("Nia Newcomer");
  await page.getByLabel("Role", { exact: true }).selectOption({ label: "Caseworker" });
  await page.getByLabel("Access ends on (optional)").fill(endsOn);
  await page.getByRole("button", { name: "Add member" }).click();

  await expect(page).toHaveURL(`${projectUrl}?member=invited`);
  await expect(page.getByRole("status")).toHaveText(
    "Membership saved. They have been e-mailed an invitation to choose a password.",
  );
  const row = page.getByRole("row").filter({ hasText: memberEmail });
  await expect(row.getByRole("cell")).toHaveText([
    "Nia Newcomer",
    memberEmail,
    "Caseworker",
    `Until ${endsOn}`,
  ]);
  await expectAccessible(page, "project page with its new member");

  // The outbox records the invitation, but its link goes to the new member only.
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Outbox" })
    .click();
  await expect(page).toHaveURL("/admin/outbox");
  const email = page.getByRole("article").filter({ hasText: `To ${memberEmail}` });
  await expect(email).toHaveCount(1);
  await expect(email.getByRole("heading")).toHaveText(
    `You have been invited to Clearname (${projectName})`,
  );
  await expect(email.locator("pre")).not.toContainText("/reset-password/");
  await expectAccessible(page, "outbox");
  const invitation = await emailTo(
    memberEmail,
    `You have been invited to Clearname (${projectName})`,
  );
  const link = invitation.text.match(/http:\/\/localhost:3100\/reset-password\/\S+/)?.[0];
  expect(link, `no invitation link in:\n${invitation.text}`).toBeTruthy();

  // The link in it lets the new member choose a password.
  const invitee = await (await openContext()).newPage();
  await invitee.goto(link as string);
  await expect(invitee.getByRole("heading", { level: 1 })).toHaveText("Choose your password");
  await expect(invitee.getByRole("main")).toContainText(`For ${memberEmail}.`);
  await expectAccessible(invitee, "invitation page");
});

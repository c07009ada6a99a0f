import { DEMO_PASSWORD, signIn, signOut } from "./support/auth";
import { expect, expectAccessible, test } from "./support/fixtures";
import { emailTo } from "./support/mailbox";

const LEAD = "lead@clearname.test";
const NEW_PASSWORD = "orchard lantern quietly 47";

test("a forgotten password is reset with the e-mailed link, which works only once", async ({
  page,
  openContext,
}) => {
  // Lena asks for a link.
  await page.goto("/sign-in");
  await expectAccessible(page, "sign-in page");
  await page.getByRole("link", { name: "I have forgotten my password" }).click();
  await expect(page).toHaveURL("/forgot-password");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Reset your password");
  await expectAccessible(page, "forgot-password page");
  await page.getByLabel("E-mail address").fill(LEAD);
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByRole("status")).toContainText(
    "If that address belongs to a Clearname account, we have sent it a link",
  );
  await expectAccessible(page, "forgot-password page, link sent");

  // The link reaches Lena's inbox.
  const received = await emailTo(LEAD, "Reset your Clearname password");
  expect(received.text).toContain("Hello Lena Lead,");
  const link = received.text.match(/http:\/\/localhost:3100\/reset-password\/[A-Za-z0-9_-]+/)?.[0];
  expect(link, `no reset link in:\n${received.text}`).toBeTruthy();
  const resetLink = link as string;
  const token = resetLink.split("/").at(-1) as string;

  // The administrator sees in the outbox, in another browser, that it was sent, but not the
  // link: with it they could choose Lena's password and read her project's cases as her.
  const admin = await (await openContext()).newPage();
  await signIn(admin, "admin@clearname.test");
  await expectAccessible(admin, "administrator's home page");
  await admin.goto("/admin/outbox");
  const email = admin
    .getByRole("article")
    .filter({ hasText: `To ${LEAD}` })
    .filter({ has: admin.getByRole("heading", { name: "Reset your Clearname password" }) });
  await expect(email).toHaveCount(1);
  await expectAccessible(admin, "outbox");
  const body = (await email.locator("pre").textContent()) ?? "";
  expect(body).toContain("Hello Lena Lead,");
  expect(body).toContain("[link sent to the recipient only]");
  expect(body).not.toContain("/reset-password/");
  expect(await admin.content()).not.toContain(token);

  // Lena opens it and chooses a new password; a mismatch is caught first.
  await page.goto(resetLink);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Choose a new password");
  await expect(page.getByRole("main")).toContainText(`For ${LEAD}.`);
  await expectAccessible(page, "reset-password page");
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Confirm the new password").fill(`${NEW_PASSWORD}!`);
  await page.getByRole("button", { name: "Save password" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary.getByRole("link")).toHaveText(["The passwords do not match"]);
  await expectAccessible(page, "reset-password page with an error");
  await page.getByLabel("Confirm the new password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Save password" }).click();

  await expect(page).toHaveURL("/sign-in?passwordSet=1");
  await expect(page.getByRole("status")).toHaveText("Your new password is saved. Sign in with it.");
  await expectAccessible(page, "sign-in page after the reset");

  // The old password no longer works; the new one does.
  await page.getByLabel("E-mail address").fill(LEAD);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText(
    "The e-mail address or password is not right",
  );
  await expect(page.getByLabel("E-mail address")).toHaveValue(LEAD);
  await expectAccessible(page, "sign-in page, wrong password");
  await signIn(page, LEAD, { password: NEW_PASSWORD });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Lena Lead");
  await expectAccessible(page, "home page");
  await signOut(page);

  // The link has been used: it does not work a second time.
  await page.goto(resetLink);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "This link has expired or has already been used",
  );
  await expect(page.getByLabel("New password", { exact: true })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Ask for a new link" })).toHaveAttribute(
    "href",
    "/forgot-password",
  );
  await expectAccessible(page, "used reset link");
  // Nor does sending the form to it directly, with a good CSRF token.
  const csrf = (await page.context().cookies()).find((c) => c.name === "cn_csrf")?.value ?? "";
  expect(csrf).not.toBe("");
  const replay = await page.request.post(resetLink, {
    form: { _csrf: csrf, password: "another password 12345", confirm: "another password 12345" },
    maxRedirects: 0,
  });
  expect(replay.status()).toBe(422);
  expect(await replay.text()).toContain(
    "This link has expired or has already been used. Ask for a new one.",
  );

  // Put the demo password back, so that the other journeys can sign in as Lena.
  await signIn(page, LEAD, { password: NEW_PASSWORD });
  await expectAccessible(page, "home page");
  await page.goto("/account/password");
  await expectAccessible(page, "change-password page");
  await page.getByLabel("Current password").fill(NEW_PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByLabel("Confirm the new password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page).toHaveURL("/account?passwordChanged=1");
  await expect(page.getByRole("status")).toHaveText(
    "Your password has been changed. Your other devices have been signed out.",
  );
  await expectAccessible(page, "account page");
});

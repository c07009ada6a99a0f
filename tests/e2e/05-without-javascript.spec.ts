import { DEMO_PASSWORD, signIn, signOut } from "./support/auth";
import { expect, expectAccessible, test } from "./support/fixtures";

test.use({ javaScriptEnabled: false });

test("with JavaScript off: sign in, a form's errors come back from the server, sign out", async ({
  page,
}) => {
  // Proof that no script runs: React Router would send forms to *.data and not reload the page.
  const posts: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST") posts.push(new URL(r.url()).pathname);
  });
  await page.goto("/sign-in");

  // A mistake at sign-in: the address typed is kept, the password is not.
  await expectAccessible(page, "sign-in page");
  await page.getByLabel("E-mail address").fill("intake@clearname.test");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText("There is a problem");
  await expect(
    page.getByRole("alert").getByRole("link", { name: "Enter your password" }),
  ).toHaveAttribute("href", "#sign-in-password");
  await expect(page.getByLabel("E-mail address")).toHaveValue("intake@clearname.test");
  await expectAccessible(page, "sign-in page with an error");

  await signIn(page, "intake@clearname.test");
  await expect(page).toHaveURL("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Ian Intake");
  await expectAccessible(page, "home page");

  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Your account" })
    .click();
  await expect(page).toHaveURL("/account");
  await expectAccessible(page, "account page");
  await page.getByRole("link", { name: "Change your password" }).click();
  await expect(page).toHaveURL("/account/password");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Change your password");
  await expectAccessible(page, "change-password page");

  // The new passwords do not match: the server answers with the error summary.
  await page.getByLabel("Current password").fill(DEMO_PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill("marble kettle harbour 9");
  await page.getByLabel("Confirm the new password").fill("marble kettle harbor 9");
  const mismatch = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByRole("button", { name: "Change password" }).click();
  expect((await mismatch).status()).toBe(400);
  await expect(page).toHaveURL("/account/password");
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary.getByRole("link")).toHaveText(["The passwords do not match"]);
  await expect(summary.getByRole("link")).toHaveAttribute("href", "#change-password-confirm");
  await expect(page.getByLabel("Confirm the new password")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Confirm the new password")).toHaveAccessibleDescription(
    "Error: The passwords do not match",
  );
  // Passwords are never sent back into the page.
  await expect(page.getByLabel("Current password")).toHaveValue("");
  await expectAccessible(page, "change-password page with an error");

  // The form still works after the error: this time the current password is wrong.
  await page.getByLabel("Current password").fill("not-my-password");
  await page.getByLabel("New password", { exact: true }).fill("marble kettle harbour 9");
  await page.getByLabel("Confirm the new password").fill("marble kettle harbour 9");
  const wrong = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByRole("button", { name: "Change password" }).click();
  expect((await wrong).status()).toBe(422);
  await expect(summary.getByRole("link")).toHaveText(["Your current password is not right"]);
  await expect(summary.getByRole("link")).toHaveAttribute("href", "#change-password-current");
  await expectAccessible(page, "change-password page with another error");

  await signOut(page);
  const account = await page.goto("/account");
  expect(account?.url()).toMatch(/\/sign-in\?redirectTo=%2Faccount$/);
  await expectAccessible(page, "sign-in page after signing out");

  // Every form went to the page's own address, never to React Router's data endpoint.
  expect(posts).toEqual([
    "/sign-in",
    "/sign-in",
    "/account/password",
    "/account/password",
    "/sign-out",
  ]);
});

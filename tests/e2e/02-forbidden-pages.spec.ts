import { signIn } from "./support/auth";
import { expect, expectAccessible, test } from "./support/fixtures";

test.describe("a page someone may not open", () => {
  for (const email of ["caseworker@clearname.test", "assessor@clearname.test"] as const) {
    test(`${email} opening /admin/users gets the 403 page`, async ({ asUser }) => {
      const page = await asUser(email);
      await expectAccessible(page, "home page");

      const response = await page.goto("/admin/users");
      expect(response?.status()).toBe(403);
      await expect(page).toHaveURL("/admin/users");
      await expect(page).toHaveTitle("You do not have access to this page – Clearname");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(
        "You do not have access to this page",
      );
      await expect(page.getByRole("main")).toContainText(
        "Your role does not give you access to this page.",
      );
      // Nothing of the page itself leaks, and the navigation still does not offer it.
      await expect(page.getByRole("table")).toHaveCount(0);
      await expect(
        page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }),
      ).toHaveCount(0);
      await expect(
        page.getByRole("main").getByRole("link", { name: "Go to the home page" }),
      ).toBeVisible();
      // It does not offer to sign in someone who is signed in.
      await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toHaveCount(0);
      await expectAccessible(page, "403 page");

      // The data request behind a client-side navigation is refused too.
      const data = await page.request.get("/admin/users.data");
      expect(data.status()).toBe(403);
    });
  }

  test("someone signed out is sent to sign in, and lands back on the page afterwards", async ({
    page,
  }) => {
    const response = await page.goto("/admin/users");
    // The browser followed the redirect: the page it shows is the sign-in page.
    expect(response?.status()).toBe(200);
    expect(response?.request().redirectedFrom()?.url()).toMatch(/\/admin\/users$/);
    await expect(page).toHaveURL("/sign-in?redirectTo=%2Fadmin%2Fusers");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");

    await signIn(page, "admin@clearname.test"); // via the two-factor page, which keeps redirectTo

    await expect(page).toHaveURL("/admin/users");
    await expect(page).toHaveTitle("Users – Clearname");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Users");
    await expect(page.getByRole("table")).toContainText("cal caseworker", { ignoreCase: true });
    await expectAccessible(page, "users page");
  });

  test("a redirectTo to another site is ignored", async ({ page }) => {
    await page.goto("/sign-in?redirectTo=%2F%2Fexample.org%2Fphish");
    await signIn(page, "intake@clearname.test");
    await expect(page).toHaveURL("/");
    await expectAccessible(page, "home page");
  });
});

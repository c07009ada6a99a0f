import { expect, expectAccessible, test } from "./support/fixtures";

test.describe("an address that does not exist", () => {
  test("shows a helpful 404 page with a way home", async ({ page }) => {
    const response = await page.goto("/no/such/page?x=1");
    expect(response?.status()).toBe(404);
    await expect(page).toHaveTitle("Page not found – Clearname");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
    await expect(page.getByRole("main")).toContainText(
      "If you typed the web address, check it is correct. If you pasted it, check you copied all of it.",
    );
    await expect(page.getByRole("main")).not.toContainText("null");
    await expectAccessible(page, "404 page");

    await page.getByRole("main").getByRole("link", { name: "Go to the home page" }).click();
    await expect(page).toHaveURL("/");
    // The public home page speaks to the people who apply, and leads staff to sign in.
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Help if you were wrongly convicted",
    );
    await expect(
      page.getByRole("main").getByRole("link", { name: "Apply for help" }),
    ).toBeVisible();
    await expect(page.getByRole("main").getByRole("link", { name: "Staff sign in" })).toBeVisible();
    // The favicon is served (it was a 404 on every page).
    const icon = await page.locator('link[rel="icon"]').getAttribute("href");
    expect((await page.request.get(icon ?? "/favicon.ico")).status()).toBe(200);
    await expectAccessible(page, "home page, signed out");
  });

  test("signed in, the 404 page keeps the header and navigation", async ({ asUser }) => {
    const page = await asUser("trainer@clearname.test");
    await expectAccessible(page, "home page");
    const response = await page.goto("/organisations/not-a-real-project/elsewhere");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
    await expect(page.getByRole("main")).toContainText("If you typed the web address");
    await expect(page.getByRole("main")).not.toContainText("null");
    await expect(page.getByRole("banner")).toContainText("Tomos Trainer");
    await expect(
      page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Home" }),
    ).toBeVisible();
    await expectAccessible(page, "404 page, signed in");
  });
});

test("/healthz answers 200 with the database kind", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^application\/json/);
  expect(await response.json()).toEqual({ status: "ok", database: "pglite" });
});

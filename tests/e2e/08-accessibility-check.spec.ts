import { expect, expectAccessible, test } from "./support/fixtures";

// The check every journey relies on must be able to fail: an image without a text
// alternative, added once the page is running, is reported by its rule.
test("the accessibility check reports a violation", async ({ page }) => {
  await page.goto("/sign-in");
  await page.waitForLoadState("networkidle");
  await page.evaluate(() => {
    const image = document.createElement("img");
    image.src = "/favicon.svg";
    document.querySelector("main")?.append(image);
  });
  await expect(page.locator("main img")).toHaveCount(1);
  await expect(expectAccessible(page, "with an image without alt text")).rejects.toThrow(
    /image-alt/,
  );
});

// So must the best practices it adds to WCAG's rules: a heading that skips a level.
test("the accessibility check reports a heading that skips a level", async ({ page }) => {
  await page.goto("/sign-in");
  await page.waitForLoadState("networkidle");
  await page.evaluate(() => {
    const heading = document.createElement("h4");
    heading.textContent = "A heading three levels below the page's";
    document.querySelector("main")?.append(heading);
  });
  await expect(page.locator("main h4")).toHaveCount(1);
  await expect(expectAccessible(page, "with a heading that skips a level")).rejects.toThrow(
    /heading-order/,
  );
});

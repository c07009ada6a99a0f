import type { Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_USERS } from "../../../app/demo/seed-demo.server";
import { expect, expectAccessible } from "./fixtures";

export { DEMO_PASSWORD, DEMO_USERS };
export type DemoUser = (typeof DEMO_USERS)[number];

export function demoUser(email: string): DemoUser {
  const user = DEMO_USERS.find((u) => u.email === email);
  if (!user) throw new Error(`No demo user ${email}`);
  return user;
}

const totp = new TOTP({
  algorithm: "SHA1",
  digits: 6,
  period: 30,
  secret: Secret.fromBase32(DEMO_TOTP_SECRET),
});

/** The last 30-second step whose code was sent, by server and user: each is accepted once. */
const lastStepSent = new Map<string, number>();

/**
 * A code of the demo administrator's and data-protection officer's authenticator that the
 * server will accept: it takes the codes of the previous, current and next 30-second steps,
 * but each step only once and only after the last one used. A test that signs the same
 * person in more than three times within a step waits for the next one.
 */
export async function totpCode(server: string, email: string): Promise<string> {
  const key = `${server} ${email}`;
  for (;;) {
    const now = Date.now();
    const step = Math.floor(now / 30_000);
    const secondsLeft = 30 - (now % 30_000) / 1000;
    // The previous step's code stops working when this step ends: use it only early on.
    const earliest = secondsLeft > 10 ? step - 1 : step;
    const next = Math.max((lastStepSent.get(key) ?? Number.NEGATIVE_INFINITY) + 1, earliest);
    if (next <= step + 1) {
      lastStepSent.set(key, next);
      return totp.generate({ timestamp: next * 30_000 });
    }
    await new Promise((resolve) => setTimeout(resolve, secondsLeft * 1000 + 250));
  }
}

/**
 * Signs in through the sign-in page (and the two-factor page for a user who has a second
 * factor), checking each page with axe. Starts from the sign-in page if the browser is on it
 * (for example after being sent there), or opens it.
 */
export async function signIn(
  page: Page,
  email: string,
  options: { password?: string } = {},
): Promise<void> {
  const user = demoUser(email);
  if (new URL(page.url(), "http://x").pathname !== "/sign-in") await page.goto("/sign-in");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await expectAccessible(page, "sign-in page");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(options.password ?? DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  if (user.twoFactor) {
    await expect(page).toHaveURL(/\/sign-in\/two-factor\?/);
    await expect(
      page.getByRole("heading", { level: 1, name: "Enter the code from your authenticator app" }),
    ).toBeVisible();
    await expectAccessible(page, "two-factor page");
    await page.getByLabel("6-digit code").fill(await totpCode(new URL(page.url()).origin, email));
    await page.getByRole("button", { name: "Continue" }).click();
  }
  await expect(page).not.toHaveURL(/\/sign-in/);
  await expect(page.getByRole("banner")).toContainText(user.name);
}

/** Signs out with the button in the header, and checks the signed-out sign-in page. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in\?signedOut=1$/);
  await expect(page.getByRole("status")).toContainText("You have signed out");
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  await expectAccessible(page, "signed-out page");
}

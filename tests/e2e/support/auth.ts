import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_USERS } from "../../../app/demo/seed-demo.server";
import { expect, expectAccessible, type Fixtures } from "./fixtures";
import { runFolder, SHARED_SIGN_INS, type SharedSignIn, withRunLock } from "./run-folder";

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

/**
 * Finds a code of the demo administrator's and data-protection officer's authenticator that
 * the server will accept, and hands it to `send`: the server takes the codes of the
 * previous, current and next 30-second steps, but each step only once and only after the
 * last one used. A person signed in more than three times within a step waits for the next.
 * The step used is kept in the run's folder, and the code is sent holding a lock on it, so
 * that two workers signing the same person in take steps one after the other.
 */
export async function withTotpCode<T>(
  server: string,
  email: string,
  send: (code: string) => Promise<T>,
): Promise<T> {
  const key = createHash("sha256").update(`${server} ${email}`).digest("hex").slice(0, 16);
  return withRunLock(`totp-${key}`, async () => {
    const lastFile = path.join(runFolder(), `totp-${key}.last`);
    const last = fs.existsSync(lastFile)
      ? Number(fs.readFileSync(lastFile, "utf8"))
      : Number.NEGATIVE_INFINITY;
    for (;;) {
      const now = Date.now();
      const step = Math.floor(now / 30_000);
      const secondsLeft = 30 - (now % 30_000) / 1000;
      // The previous step's code stops working when this step ends: use it only early on.
      const earliest = secondsLeft > 10 ? step - 1 : step;
      const next = Math.max(last + 1, earliest);
      if (next <= step + 1) {
        fs.writeFileSync(lastFile, String(next));
        return send(totp.generate({ timestamp: next * 30_000 }));
      }
      await new Promise((resolve) => setTimeout(resolve, secondsLeft * 1000 + 250));
    }
  });
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
    await withTotpCode(new URL(page.url()).origin, email, async (code) => {
      await page.getByLabel("6-digit code").fill(code);
      await page.getByRole("button", { name: "Continue" }).click();
      // Held until the server has taken the code, so that no later step overtakes it.
      await expect(page).not.toHaveURL(/\/sign-in/);
    });
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

/**
 * The people of a journey with several, each in a browser of their own (as at their own
 * desks): `switchTo` brings one to their home page, opening their browser the first time
 * with their shared sign-in if they have one (run-folder.ts), or else signing in through
 * the pages; the test checks the home page with axe.
 */
export function journeyPeople(fixtures: Pick<Fixtures, "asUser" | "openContext">) {
  const pages = new Map<string, Page>();
  return {
    async switchTo(email: string): Promise<Page> {
      let page = pages.get(email);
      if (page) {
        await page.goto("/");
      } else if ((SHARED_SIGN_INS as readonly string[]).includes(email)) {
        page = await fixtures.asUser(email as SharedSignIn);
      } else {
        page = await (await fixtures.openContext()).newPage();
        await signIn(page, email);
      }
      pages.set(email, page);
      await expect(page).toHaveURL("/");
      return page;
    },
  };
}

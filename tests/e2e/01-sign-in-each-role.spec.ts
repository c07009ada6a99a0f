import type { RoleKey } from "../../app/access/catalogue";
import { DEMO_USERS, signIn, signOut } from "./support/auth";
import { expect, expectAccessible, test } from "./support/fixtures";
import { SHARED_SIGN_INS, type SharedSignIn } from "./support/run-folder";

/**
 * The users whose sign-in the journeys share were signed in through the pages, and checked
 * with axe, by tests/e2e/sign-in.setup.ts: here their home page is read in that session, which
 * must stay signed in. The others sign in and out here.
 */
const shared = (email: string): email is SharedSignIn =>
  (SHARED_SIGN_INS as readonly string[]).includes(email);

/**
 * The navigation entries that depend on the role, and which each role sees. Every role's
 * navigation starts with "Home" and ends with "Your account"; the entries of other areas
 * (added as they are built) are not fixed here, but these four must be shown or hidden exactly.
 */
const GUARDED = ["Network and projects", "Users", "Audit trail", "Outbox"] as const;
type Guarded = (typeof GUARDED)[number];
const NETWORK_STAFF: Guarded[] = ["Network and projects"];
const SEES: Record<RoleKey, Guarded[]> = {
  administrator: ["Network and projects", "Users", "Audit trail", "Outbox"],
  data_protection_officer: ["Network and projects", "Audit trail"],
  intake_officer: NETWORK_STAFF,
  assessor: NETWORK_STAFF,
  referral_coordinator: NETWORK_STAFF,
  trainer: NETWORK_STAFF,
  project_lead: [],
  caseworker: [],
  project_administrator: [],
};

const ROLE_LABELS: Record<RoleKey, string> = {
  administrator: "Administrator",
  data_protection_officer: "Data-protection officer",
  intake_officer: "Intake officer",
  assessor: "Assessor",
  referral_coordinator: "Referral coordinator",
  trainer: "Trainer",
  project_lead: "Project lead",
  caseworker: "Caseworker",
  project_administrator: "Project administrator",
};

/** What waits for each role, as lists on the home page (docs/decisions/026). */
const INTAKE = [
  "New applications",
  "Acknowledgements due this week",
  "Acknowledgements overdue",
  "Scans to file",
];
const ASSESSING = ["Your assessments", "Recommendations to review"];
const REFERRING = ["Cases awaiting referral", "Offers about to lapse"];
const CASEWORK = ["Your deadlines", "Your open lines of investigation"];
const WORK: Partial<Record<RoleKey, string[]>> = {
  administrator: [...INTAKE, ...ASSESSING, ...REFERRING],
  intake_officer: INTAKE,
  assessor: ASSESSING,
  referral_coordinator: REFERRING,
  project_lead: ["Offers waiting for your answer", ...CASEWORK, "Notes awaiting your sign-off"],
  caseworker: CASEWORK,
};

test.describe("signing in as each demo role", () => {
  test("the demo data has the fourteen demo users, two with a second factor", () => {
    expect(DEMO_USERS).toHaveLength(14);
    expect(DEMO_USERS.filter((u) => u.twoFactor).map((u) => u.email)).toEqual([
      "admin@clearname.test",
      "dpo@clearname.test",
    ]);
  });

  for (const user of DEMO_USERS) {
    const ownSession = !shared(user.email);
    test(`${user.email} (${ROLE_LABELS[user.roleKey]}) ${ownSession ? "signs in, sees their home page and navigation, and signs out" : "sees their home page and navigation"}`, async ({
      page: ownPage,
      asUser,
    }) => {
      const page = shared(user.email) ? await asUser(user.email) : ownPage;
      if (ownSession) await signIn(page, user.email);

      await expect(page).toHaveURL("/");
      await expect(page).toHaveTitle("Home – Clearname");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Welcome, ${user.name}`);
      await expect(page.getByRole("banner")).toContainText(user.name);

      const nav = page.getByRole("navigation", { name: "Main" });
      await expect(nav.getByRole("link").first()).toHaveText("Home");
      await expect(nav.getByRole("link").last()).toHaveText("Your account");
      const shown = (await nav.getByRole("link").allTextContents()).map((t) => t.trim());
      const sees = SEES[user.roleKey];
      expect(shown.filter((label) => GUARDED.includes(label as Guarded))).toEqual(
        GUARDED.filter((label) => sees.includes(label)),
      );

      // Their role, in their organisation, is on the home page.
      const role = page
        .getByRole("listitem")
        .filter({ hasText: user.organisation })
        .filter({ has: page.getByRole("heading", { name: user.organisation }) });
      await expect(role.getByRole("link", { name: user.organisation })).toBeVisible();
      await expect(role).toContainText(ROLE_LABELS[user.roleKey]);
      if (user.endsInMonths)
        await expect(role).toContainText(/Your access ends on \d{4}-\d{2}-\d{2}/);

      // What waits for them: each list a region with its count, and a link to its queue when
      // anything waits.
      const main = page.getByRole("main");
      for (const title of WORK[user.roleKey] ?? []) {
        const list = main.getByRole("region", { name: new RegExp(`^${title} \\(\\d+\\)$`) });
        await expect(list).toBeVisible();
        const count = Number(
          (await list.getByRole("heading").textContent())?.match(/\((\d+)\)/)?.[1],
        );
        if (count > 0) await expect(list.getByRole("link").last()).toBeVisible();
        else await expect(list.getByRole("listitem")).toHaveCount(0);
      }
      // Intake's lists are for those who handle intake only.
      if (!WORK[user.roleKey])
        await expect(main.getByRole("region", { name: /^New applications/ })).toHaveCount(0);
      await expectAccessible(page, "home page");
      if (!ownSession) return;

      await signOut(page);
      // The session is over on the server too, not only in the header.
      const after = await page.request.get("/account", { maxRedirects: 0 });
      expect(after.status()).toBe(302);
      expect(after.headers().location).toBe("/sign-in?redirectTo=%2Faccount");
    });
  }
});

import { signIn } from "./support/auth";
import { expectAccessible, test } from "./support/fixtures";
import { SHARED_SIGN_INS, signedInStateFile } from "./support/run-folder";

/**
 * Signs each demo user that the journeys share in once, through the sign-in pages (checked
 * with axe, as every sign-in is), and saves the browser's cookies for the journeys to start
 * from (docs/decisions/015-end-to-end-tests-in-parallel.md). Sessions are kept on the
 * server: a journey that signs out, or changes a password, signs in for itself.
 */
// Independent of each other: signed in two at a time (the two-factor steps are shared safely).
test.describe.configure({ mode: "parallel" });

for (const email of SHARED_SIGN_INS) {
  test(`sign in as ${email}`, async ({ page }) => {
    await signIn(page, email);
    await expectAccessible(page, "home page");
    await page.context().storageState({ path: signedInStateFile(email) });
  });
}

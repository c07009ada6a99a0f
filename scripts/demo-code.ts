/** npm run demo:code — the current two-factor code of the demo administrator and data-protection officer. */
import { DEMO_TOTP_SECRET } from "~/demo/seed-demo.server";
import { currentTotpCode } from "~/identity/two-factor.server";

const remaining = 30 - (Math.floor(Date.now() / 1000) % 30);
console.log(
  `${currentTotpCode(DEMO_TOTP_SECRET)}  (valid for ${remaining} more seconds; for admin@clearname.test and dpo@clearname.test)`,
);

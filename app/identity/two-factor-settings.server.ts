import { eq } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import type { Queryable } from "~/db/database.server";
import { users } from "~/db/schema";
import { invalid } from "~/errors/app-error";
import {
  disableTwoFactor,
  enableTwoFactor,
  verifyPlainTotp,
  verifyTotp,
} from "./two-factor.server";
import { canTurnOffTwoFactor, TWO_FACTOR_REQUIRED } from "./two-factor-rules";

/** Refuses to turn the second factor off for someone whose role requires it. */
export function requireTwoFactorOptional(acting: Acting): void {
  if (!canTurnOffTwoFactor(acting.viewer)) throw invalid(TWO_FACTOR_REQUIRED);
}

/** The user's own second factor, turned on once they have typed a code from the new key. */
export async function turnOnTwoFactor(
  tx: Queryable,
  acting: Acting,
  input: { secret: string; code: string; appSecret: string },
): Promise<void> {
  if (!verifyPlainTotp(input.secret, input.code))
    throw invalid(
      "That code is not right. Check the key was entered correctly and try the newest code.",
      { field: "code" },
    );
  await enableTwoFactor(tx, actorOf(acting), { base32: input.secret, appSecret: input.appSecret });
}

/** The user's own second factor, turned off with a current code, unless their role requires it. */
export async function turnOffTwoFactor(
  tx: Queryable,
  acting: Acting,
  input: { code: string; appSecret: string },
): Promise<void> {
  requireTwoFactorOptional(acting);
  const [row] = await tx
    .select({ totpSecret: users.totpSecret })
    .from(users)
    .where(eq(users.id, acting.viewer.id));
  if (!row?.totpSecret || !verifyTotp(row.totpSecret, input.appSecret, input.code))
    throw invalid("That code is not right", { field: "code" });
  await disableTwoFactor(tx, actorOf(acting));
}

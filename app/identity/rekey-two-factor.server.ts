import { eq, isNotNull } from "drizzle-orm";
import type { Queryable } from "~/db/database.server";
import { users } from "~/db/schema";
import { decrypt, encrypt } from "./crypto.server";

/**
 * Re-encrypts every user's second-factor key from the old secret to the new, in the caller's
 * transaction (as the owner). A key already under the new secret is left alone; one neither
 * secret opens is counted, never overwritten.
 */
export async function rekeyTwoFactorSecrets(
  tx: Queryable,
  oldSecret: string,
  newSecret: string,
): Promise<{ rekeyed: number; already: number; unreadable: number }> {
  const rows = await tx
    .select({ id: users.id, sealed: users.totpSecret })
    .from(users)
    .where(isNotNull(users.totpSecret));
  const outcome = { rekeyed: 0, already: 0, unreadable: 0 };
  for (const row of rows) {
    if (!row.sealed) continue;
    try {
      decrypt(row.sealed, newSecret);
      outcome.already++;
      continue;
    } catch {
      // not yet under the new secret
    }
    let plain: string;
    try {
      plain = decrypt(row.sealed, oldSecret);
    } catch {
      outcome.unreadable++;
      continue;
    }
    await tx
      .update(users)
      .set({ totpSecret: encrypt(plain, newSecret) })
      .where(eq(users.id, row.id));
    outcome.rekeyed++;
  }
  return outcome;
}

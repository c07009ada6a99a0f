import { eq } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import { asSystem, type Db } from "~/db/database.server";
import { users } from "~/db/schema";
import { encrypt } from "~/identity/crypto.server";
import { createOrganisation, createUser } from "./factories";

/** A project lead with two-factor sign-in set up, and the authenticator app that goes with it. */
export async function createUserWithTotp(db: Db, appSecret: string) {
  const project = await createOrganisation(db);
  const base32 = new Secret({ size: 20 }).base32;
  const user = await createUser(db, [{ organisationId: project.id, roleKey: "project_lead" }]);
  await asSystem(db, (tx) =>
    tx
      .update(users)
      .set({ totpSecret: encrypt(base32, appSecret), totpEnabledAt: new Date() })
      .where(eq(users.id, user.id)),
  );
  const totp = new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: base32 });
  return { user, totp };
}

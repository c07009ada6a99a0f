import { eq } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import type { Tx } from "~/db/database.server";
import { users } from "~/db/schema";
import { currentMemberships } from "~/identity/sessions.server";

/** The demo user as a request would resolve them, for calling domain functions in the seed. */
export async function actingAs(tx: Tx, email: string): Promise<Acting> {
  const [user] = await tx.select().from(users).where(eq(users.email, email));
  if (!user) throw new Error(`demo user ${email} is missing`);
  return {
    viewer: {
      id: user.id,
      email: user.email,
      name: user.name,
      twoFactorEnabled: user.totpEnabledAt !== null,
      memberships: await currentMemberships(tx, user.id),
    },
    ip: null,
    requestId: null,
  };
}

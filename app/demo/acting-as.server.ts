import { and, eq, gt, isNull, lte, or, sql } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import type { RoleKey } from "~/access/catalogue";
import type { Tx } from "~/db/database.server";
import { memberships, organisations, users } from "~/db/schema";

/** The demo user as a request would resolve them, for calling domain functions in the seed. */
export async function actingAs(tx: Tx, email: string): Promise<Acting> {
  const [user] = await tx.select().from(users).where(eq(users.email, email));
  if (!user) throw new Error(`demo user ${email} is missing`);
  const rows = await tx
    .select({
      organisationId: organisations.id,
      organisationName: organisations.name,
      organisationKind: organisations.kind,
      roleKey: memberships.roleKey,
      endsOn: memberships.endsOn,
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(
      and(
        eq(memberships.userId, user.id),
        lte(memberships.startsOn, sql`current_date`),
        or(isNull(memberships.endsOn), gt(memberships.endsOn, sql`current_date`)),
      ),
    );
  return {
    viewer: {
      id: user.id,
      email: user.email,
      name: user.name,
      twoFactorEnabled: user.totpEnabledAt !== null,
      memberships: rows.map((m) => ({ ...m, roleKey: m.roleKey as RoleKey })),
    },
    ip: null,
    requestId: null,
  };
}

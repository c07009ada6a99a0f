import { eq, sql } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import { asSystem, type Db, queryRows } from "~/db/database.server";
import { memberships, organisations, users } from "~/db/schema";
import { hashPassword } from "~/identity/passwords.server";
import { createSession, lookupSession } from "~/identity/sessions.server";

const INTAKE_EMAIL = "bench-intake@clearname.test";
const STAFF = 5;

/** The network, an intake officer to act as, and a few staff to assign applications to. */
export async function benchPeople(
  db: Db,
): Promise<{ organisationId: string; staffIds: string[]; acting: Acting }> {
  const ids = await asSystem(db, async (tx) => {
    let [network] = await queryRows<{ id: string | null }>(tx, sql`select app_network_id() as id`);
    if (!network?.id) {
      const [created] = await tx
        .insert(organisations)
        .values({ kind: "network", name: "Benchmark Network", status: "active" })
        .returning({ id: organisations.id });
      network = created;
    }
    const organisationId = network?.id as string;
    const passwordHash = await hashPassword("benchmark only, never signs in");
    const ensure = async (email: string, name: string) => {
      const [found] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
      if (found) return found.id;
      const [user] = await tx
        .insert(users)
        .values({ email, name, passwordHash })
        .returning({ id: users.id });
      if (!user) throw new Error("no user");
      await tx
        .insert(memberships)
        .values({ userId: user.id, organisationId, roleKey: "intake_officer" });
      return user.id;
    };
    const intakeId = await ensure(INTAKE_EMAIL, "Bench Intake");
    const staffIds: string[] = [];
    for (let i = 1; i <= STAFF; i++)
      staffIds.push(await ensure(`bench-staff-${i}@clearname.test`, `Bench Staff ${i}`));
    return { organisationId, intakeId, staffIds };
  });
  const token = await asSystem(db, (tx) =>
    createSession(tx, { userId: ids.intakeId, secondFactorPending: false }),
  );
  const session = await lookupSession(db, token);
  if (session.state !== "active") throw new Error("the bench intake officer has no session");
  return {
    organisationId: ids.organisationId,
    staffIds: ids.staffIds,
    acting: { viewer: session.viewer, ip: "127.0.0.1", requestId: "bench" },
  };
}

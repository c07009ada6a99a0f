import { sql } from "drizzle-orm";
import type { Db } from "~/db/database.server";
import { permissions, rolePermissions, roles } from "~/db/schema";
import { PERMISSIONS, ROLE_KEYS, ROLES } from "./catalogue";

/** Brings the role and permission tables into line with app/access/catalogue.ts. */
export async function syncAccessCatalogue(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    for (const [key, description] of Object.entries(PERMISSIONS)) {
      await tx
        .insert(permissions)
        .values({ key, description })
        .onConflictDoUpdate({ target: permissions.key, set: { description } });
    }
    for (const key of ROLE_KEYS) {
      const role = ROLES[key];
      const values = { label: role.label, scope: role.scope, description: role.description };
      await tx
        .insert(roles)
        .values({ key, ...values })
        .onConflictDoUpdate({ target: roles.key, set: values });
    }
    await tx.delete(rolePermissions);
    const pairs = ROLE_KEYS.flatMap((roleKey) =>
      ROLES[roleKey].permissions.map((permissionKey) => ({ roleKey, permissionKey })),
    );
    if (pairs.length > 0) await tx.insert(rolePermissions).values(pairs);
    const known = Object.keys(PERMISSIONS);
    await tx.execute(
      sql`delete from permissions where not (key = any(${sql.param(known)}::text[]))`,
    );
  });
}
